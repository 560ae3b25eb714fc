package server_test

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/internal/lsptest"
	"github.com/rolecall/rolecall/server"
)

// BenchmarkOffsetAtEndOf10MB measures converting a position on the last line of a 10 MB document, the
// worst case of an incremental edit.
func BenchmarkOffsetAtEndOf10MB(b *testing.B) {
	line := "[profile p]\nregion = eu-west-1 # é😀\n"
	text := strings.Repeat(line, 10<<20/len(line)+1)
	pos := server.Position{Line: uint32(strings.Count(text, "\n")), Character: 0}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if server.OffsetAt(text, pos) != len(text) {
			b.Fatal("wrong offset")
		}
	}
}

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
