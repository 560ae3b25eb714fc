package handlers

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/internal/conformance"
)

func TestATenMegabyteDocument(t *testing.T) {
	g := conformance.Generate(10000)
	var b strings.Builder
	b.Write(g.Config)
	for b.Len() < 10<<20 {
		b.WriteString("# padding: a long comment line, as a file with a pasted log would have, ............\n")
	}
	b.WriteString("[profile last]\nregion = eu-wst-1\n")
	text := b.String()
	lines := uint32(strings.Count(text, "\n"))

	w := newWorkspace(t, "", string(g.Credentials))
	c := w.init(nil)
	// 10 MB through JSON and a full check takes seconds under the race detector, and several times that on
	// a loaded two-core machine: the bound is for a server that never answers.
	c.Timeout = 2 * time.Minute
	uri := w.openConfig(text)
	w.awaitCode(uri, "region-invalid", lines-1)
	c.ChangeRange(uri, protocol.Range{Start: pos(lines-1, 9), End: pos(lines-1, 17)}, "eu-west-1")
	p := c.AwaitPublish(uri, func(p protocol.PublishDiagnosticsParams) bool {
		v, _ := p.Version.Get()
		return v == 2
	})
	if hasCode(p.Diagnostics, "region-invalid", lines-1) {
		t.Error("the fixed region is still reported")
	}
	if len(p.Diagnostics) > defaultMaxDiagnostics+1 {
		t.Errorf("%d diagnostics published, more than the cap", len(p.Diagnostics))
	}
	text = hoverAt(t, w, uri, pos(lines-2, 10))
	wantAll(t, "the hover at the end of a 10 MB file", text, "**last**")
}

func TestABinaryDocumentGetsACappedListOfDiagnostics(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	junk := make([]byte, 1<<20)
	for i := range junk {
		junk[i] = byte(rng.UintN(256))
	}
	w := newWorkspace(t, "", "")
	w.init(nil)
	uri := w.openConfig(string(junk))
	diags := w.c.AwaitDiagnostics(uri, func(d []protocol.Diagnostic) bool { return len(d) > 0 })
	if len(diags) != defaultMaxDiagnostics+1 {
		t.Fatalf("%d diagnostics for 1 MB of junk, want the cap (%d) and a note", len(diags), defaultMaxDiagnostics)
	}
	last := diags[len(diags)-1]
	if msg, _ := last.Message.(protocol.String); !strings.Contains(string(msg), "more problems in this file") {
		t.Errorf("the last diagnostic is %q, want the note about the ones left out", msg)
	}
	// The server keeps serving.
	var syms []protocol.DocumentSymbol
	if err := w.c.Request(protocol.MethodTextDocumentDocumentSymbol, protocol.DocumentSymbolParams{TextDocument: textDoc(uri)}, &syms); err != nil {
		t.Fatal(err)
	}
	_ = hoverAt(t, w, uri, pos(3, 3))
	if code := w.c.Shutdown(); code != 0 {
		t.Errorf("exit status %d after a binary document", code)
	}
}

func TestTheCapKeepsTheMostSevere(t *testing.T) {
	w := newWorkspace(t, "", "")
	w.init(nil)
	// 700 warnings (unknown keys) and one error at the very end.
	var b strings.Builder
	for i := range 700 {
		fmt.Fprintf(&b, "[profile p%d]\nregion = eu-west-1\nmy_unknown_setting = 1\n\n", i)
	}
	b.WriteString("[profile broken]\nrole_arn = arn:aws:iam::111122223333:role/R\nsource_profile = nowhere\nregion = eu-west-1\n")
	text := b.String()
	lines := uint32(strings.Count(text, "\n"))
	uri := w.openConfig(text)
	diags := w.c.AwaitDiagnostics(uri, func(d []protocol.Diagnostic) bool { return len(d) > 0 })
	if !hasCode(diags, "source-profile-missing", lines-2) {
		t.Errorf("the error at the end was cut by the cap (%d diagnostics)", len(diags))
	}
}
