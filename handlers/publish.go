package handlers

import (
	"context"
	"slices"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/server"
)

// publication is what was last published for a URI.
type publication struct {
	diags []protocol.Diagnostic
}

// publish sends textDocument/publishDiagnostics for the files of every active pair (a pair with an open
// document): the open documents, and the other file of their pair, so a credentials problem caused by a
// config edit shows up too. A file whose diagnostics did not change is not sent again, except changed,
// the document that triggered the rebuild. A file no longer covered (its document closed and no other
// open document pairs with it) gets an empty list. Called under h.mu.
func (h *Handlers) publish(ctx context.Context, snap *snapshot, changed server.URI) {
	want := publishTargets(snap)
	for _, u := range orderedURIs(want, changed) {
		fs := want[u]
		prev, had := h.published[u]
		if had && u != changed && sameDiagnostics(prev.diags, fs.Published) {
			continue
		}
		p := &protocol.PublishDiagnosticsParams{URI: u, Diagnostics: fs.Published}
		if fs.Open {
			p.Version = protocol.NewOptional(fs.Version)
		}
		if err := h.srv.Client().PublishDiagnostics(ctx, p); err != nil {
			h.log.Warn("could not publish diagnostics", "uri", u, "error", err)
			continue
		}
		h.published[u] = publication{diags: fs.Published}
	}
	for u := range h.published {
		if _, ok := want[u]; ok {
			continue
		}
		if err := h.srv.Client().PublishDiagnostics(ctx, &protocol.PublishDiagnosticsParams{URI: u}); err != nil {
			h.log.Warn("could not clear diagnostics", "uri", u, "error", err)
		}
		delete(h.published, u)
	}
}

// publishTargets maps each URI to publish to the file whose diagnostics it shows. An open document shows
// its own pair's view; a file that is not open shows the view of the first active pair that reads it.
func publishTargets(snap *snapshot) map[server.URI]*fileState {
	want := map[server.URI]*fileState{}
	for u, e := range snap.docs {
		want[u] = e.file
	}
	for _, p := range snap.pairs {
		if !p.active {
			continue
		}
		for _, fs := range p.files() {
			if _, taken := want[fs.URI]; !taken && fs.URI != "" {
				want[fs.URI] = fs
			}
		}
	}
	return want
}

// orderedURIs gives a stable order: the changed document first (its author waits for it), then the
// open documents, then the files that are not open.
func orderedURIs(want map[server.URI]*fileState, changed server.URI) []server.URI {
	var first, open, other []server.URI
	for u, fs := range want {
		switch {
		case u == changed:
			first = append(first, u)
		case fs.Open:
			open = append(open, u)
		default:
			other = append(other, u)
		}
	}
	slices.Sort(open)
	slices.Sort(other)
	return slices.Concat(first, open, other)
}
