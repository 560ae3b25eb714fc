package handlers

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/internal/conformance"
)

// A user types into a large config and its credentials file, a character at a time, as an editor sends it
// (incremental didChange). The server checks each edit only where it reaches; after the typing, what it
// shows for both files is what a server started on the final texts shows.
func TestTypingShowsWhatAFreshServerShows(t *testing.T) {
	g := conformance.Generate(200)
	texts := map[string]string{"config": string(g.Config), "credentials": string(g.Credentials)}
	w := newWorkspace(t, texts["config"], texts["credentials"])
	c := w.init(nil)
	uris := map[string]string{"config": w.openConfig(texts["config"]), "credentials": w.openCredentials(texts["credentials"])}
	for _, u := range uris {
		c.AwaitDiagnostics(u, nil)
	}

	rng := rand.New(rand.NewPCG(11, 12))
	typed := []string{"a", "1", "-", " ", "=", "x", "_", "\n", "]", "#"}
	for i := 0; i < 60; i++ {
		name := "config"
		if i%5 == 4 {
			name = "credentials"
		}
		text, uri := texts[name], uris[name]
		at := rng.IntN(len(text) + 1)
		end, insert := at, typed[rng.IntN(len(typed))]
		if rng.IntN(3) == 0 && at < len(text) && text[at] != '\n' {
			end, insert = at+1, "" // a character deleted
		}
		c.ChangeRange(uri, protocol.Range{Start: positionOf(text, at), End: positionOf(text, end)}, insert)
		texts[name] = text[:at] + insert + text[end:]
		version := c.Version(uri)
		c.AwaitPublish(uri, func(p protocol.PublishDiagnosticsParams) bool { v, _ := p.Version.Get(); return v == version })
	}

	fresh := newWorkspace(t, texts["config"], texts["credentials"])
	fc := fresh.init(nil)
	freshURIs := map[string]string{"config": fresh.openConfig(texts["config"]), "credentials": fresh.openCredentials(texts["credentials"])}
	for _, name := range []string{"config", "credentials"} {
		got := shown(c.AwaitDiagnostics(uris[name], nil), uris)
		want := shown(fc.AwaitDiagnostics(freshURIs[name], nil), freshURIs)
		if got != want {
			t.Fatalf("after typing, the %s file shows\n%s\nwhere a fresh server shows\n%s", name, got, want)
		}
		if strings.Count(want, "\n") < 10 {
			t.Fatalf("the %s file shows only %q: the comparison would prove little", name, want)
		}
	}
}

// shown prints diagnostics as an editor shows them, with the workspace's URIs named by their file.
func shown(diags []protocol.Diagnostic, uris map[string]string) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "%v %d %s %v\n", d.Range, d.Severity, codeOf(d), d.Message)
		for _, r := range d.RelatedInformation {
			where := string(r.Location.URI)
			for name, u := range uris {
				if u == where {
					where = name
				}
			}
			fmt.Fprintf(&b, "  %s %v %s\n", where, r.Location.Range, r.Message)
		}
	}
	return b.String()
}
