package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/internal/lsptest"
	"github.com/rolecall/rolecall/server"
)

// manyProfiles is a config file of n role profiles, each naming base as its source profile.
func manyProfiles(n int) string {
	var b strings.Builder
	b.WriteString("[profile base]\nregion = eu-west-1\n")
	for i := range n {
		fmt.Fprintf(&b, "[profile p%d]\nrole_arn = arn:aws:iam::111122223333:role/R%d\nsource_profile = base\n", i, i)
	}
	return b.String()
}

// A generated file with thousands of profiles: the outline, the folds and the references are cut at
// their caps (in file order), instead of growing with the file.
func TestAnswersOnAHugeFileAreCapped(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	w.init(nil)
	uri := w.openConfig(manyProfiles(8000))
	doc := textDoc(uri)

	var syms []protocol.DocumentSymbol
	if err := w.c.Request(protocol.MethodTextDocumentDocumentSymbol, protocol.DocumentSymbolParams{TextDocument: doc}, &syms); err != nil {
		t.Fatal(err)
	}
	if n := countSymbols(syms); n != maxSymbols || syms[0].Name != "base" || syms[1].Name != "p0" {
		t.Errorf("outline: %d symbols starting %s, %s; want %d from the start of the file", n, syms[0].Name, syms[1].Name, maxSymbols)
	}

	var folds []protocol.FoldingRange
	if err := w.c.Request(protocol.MethodTextDocumentFoldingRange, protocol.FoldingRangeParams{TextDocument: doc}, &folds); err != nil {
		t.Fatal(err)
	}
	if len(folds) != maxFoldingRanges || folds[0].StartLine != 0 {
		t.Errorf("folds: %d starting at line %d; want %d from the start", len(folds), folds[0].StartLine, maxFoldingRanges)
	}

	var locs []protocol.Location
	params := protocol.ReferenceParams{TextDocumentPositionParams: positionParams(uri, pos(0, 10)),
		Context: protocol.ReferenceContext{IncludeDeclaration: true}}
	if err := w.c.Request(protocol.MethodTextDocumentReferences, params, &locs); err != nil {
		t.Fatal(err)
	}
	if len(locs) != maxReferences || locs[0].Range.Start.Line != 0 {
		t.Errorf("references: %d, the first at line %d; want %d, the declaration first", len(locs), locs[0].Range.Start.Line, maxReferences)
	}
}

func countSymbols(syms []protocol.DocumentSymbol) int {
	n := 0
	for _, s := range syms {
		n += 1 + countSymbols(s.Children)
	}
	return n
}

// BenchmarkAnswersOn10MB asks for the outline, the folds and the references of a profile on a 10 MB
// config file, over the real framing, and reports the size of each answer: the caps bound both.
//
//	go test ./handlers -run '^$' -bench AnswersOn10MB -benchtime 10x
func BenchmarkAnswersOn10MB(b *testing.B) {
	text := manyProfiles(10 << 20 / 80)
	home := b.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".aws"), 0o700); err != nil {
		b.Fatal(err)
	}
	c := lsptest.Start(b, func(rwc io.ReadWriteCloser) int {
		srv := server.New(rwc, server.Options{})
		h := Register(srv, Options{Env: func(string) (string, bool) { return "", false }, Home: home})
		defer h.Close()
		return srv.Run(context.Background())
	})
	c.Initialize(nil)
	uri := uriOf(b, filepath.Join(home, ".aws", "config"))
	c.Open(uri, languageConfig, text)
	c.AwaitPublish(uri, func(protocol.PublishDiagnosticsParams) bool { return true })
	doc := textDoc(uri)
	requests := []struct {
		name   string
		method string
		params any
	}{
		{"documentSymbol", protocol.MethodTextDocumentDocumentSymbol, protocol.DocumentSymbolParams{TextDocument: doc}},
		{"foldingRange", protocol.MethodTextDocumentFoldingRange, protocol.FoldingRangeParams{TextDocument: doc}},
		{"references", protocol.MethodTextDocumentReferences, protocol.ReferenceParams{
			TextDocumentPositionParams: positionParams(uri, pos(0, 10)), Context: protocol.ReferenceContext{IncludeDeclaration: true}}},
	}
	for _, r := range requests {
		b.Run(r.name, func(b *testing.B) {
			var answer json.RawMessage
			for b.Loop() {
				if err := c.Request(r.method, r.params, &answer); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(answer)), "answerbytes")
			b.ReportMetric(float64(len(text)), "filebytes")
		})
	}
}
