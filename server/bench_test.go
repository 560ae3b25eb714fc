package server_test

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/internal/lsptest"
	"github.com/rolecall/rolecall/server"
)

// BenchmarkEditRoundTrip measures one incremental didChange on a small document and the request that
// reads it back, over the real framing: the server's share of edit latency.
func BenchmarkEditRoundTrip(b *testing.B) {
	c := lsptest.Start(b, func(rwc io.ReadWriteCloser) int {
		srv := server.New(rwc, server.Options{})
		server.Handle(srv, "test/version", func(ctx context.Context, p *uriParams) (int32, error) {
			d, _ := srv.Documents().Get(server.URI(p.URI))
			return d.Version, nil
		})
		return srv.Run(context.Background())
	})
	c.Initialize(nil)
	const uri = "file:///bench/config"
	c.Open(uri, "aws-config", strings.Repeat("[profile p]\nregion = eu-west-1\n", 50))
	for b.Loop() {
		c.ChangeRange(uri, rng(3, 9, 3, 18), "eu-west-2")
		var v int32
		if err := c.Request("test/version", uriParams{URI: uri}, &v); err != nil || v != c.Version(uri) {
			b.Fatalf("version %d, %v", v, err)
		}
		c.Reset()
	}
}
