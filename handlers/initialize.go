package handlers

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/server"
)

// completionTriggers are the characters after which the editor asks for completion without being told
// to: "[" starts a section header, "=" and " " start a value.
var completionTriggers = []string{"[", "=", " "}

// clientCaps is the part of the client's capabilities the handlers act on.
type clientCaps struct {
	snippets         bool // completion items may be snippets
	documentChanges  bool // workspace edits may use versioned documentChanges
	watchDynamic     bool // workspace/didChangeWatchedFiles can be registered dynamically
	relativePatterns bool // file watchers may use relative patterns
	codeLensRefresh  bool // the server may ask for the code lenses again (workspace/codeLens/refresh)
}

func readClientCaps(c protocol.ClientCapabilities) *clientCaps {
	out := &clientCaps{}
	if td := c.TextDocument; td != nil && td.Completion != nil && td.Completion.CompletionItem != nil {
		out.snippets = isTrue(td.Completion.CompletionItem.SnippetSupport)
	}
	if ws := c.Workspace; ws != nil {
		if ws.WorkspaceEdit != nil {
			out.documentChanges = isTrue(ws.WorkspaceEdit.DocumentChanges)
		}
		if ws.CodeLens != nil {
			out.codeLensRefresh = isTrue(ws.CodeLens.RefreshSupport)
		}
		if w := ws.DidChangeWatchedFiles; w != nil {
			out.watchDynamic = isTrue(w.DynamicRegistration)
			out.relativePatterns = isTrue(w.RelativePatternSupport)
		}
	}
	return out
}

func isTrue(b *bool) bool { return b != nil && *b }

// initialize records the client's capabilities and settings and returns the features' capabilities
// (the server adds text synchronization, the position encoding and the commands).
func (h *Handlers) initialize(ctx context.Context, p *protocol.InitializeParams) (protocol.ServerCapabilities, error) {
	h.client.Store(readClientCaps(p.Capabilities))
	s, err := decodeSettings(p.InitializationOptions)
	if err != nil {
		h.log.Warn("ignoring the initializationOptions", "error", err)
		s, _ = decodeSettings(nil)
	}
	h.settings.Store(&s)
	yes := true
	return protocol.ServerCapabilities{
		CompletionProvider:     &protocol.CompletionOptions{TriggerCharacters: completionTriggers},
		HoverProvider:          protocol.Boolean(true),
		DefinitionProvider:     protocol.Boolean(true),
		ReferencesProvider:     protocol.Boolean(true),
		DocumentSymbolProvider: protocol.Boolean(true),
		FoldingRangeProvider:   protocol.Boolean(true),
		RenameProvider:         &protocol.RenameOptions{PrepareProvider: &yes},
		CodeActionProvider: &protocol.CodeActionOptions{
			CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix},
		},
		CodeLensProvider: &protocol.CodeLensOptions{},
	}, nil
}

// initialized reads the files, starts watching them, and joins the user's shared sessions.
func (h *Handlers) initialized(ctx context.Context) error {
	snap := h.rebuild(ctx, "")
	h.log.Info("AWS files located", "config", snap.Locations.Config, "credentials", snap.Locations.Credentials)
	h.startWatching(ctx, snap.Locations)
	h.sessions.applySettings(h.currentSettings().Raw)
	// The sessions the user's other Rolecall processes hold (a reloaded window's included) show at once,
	// and every later change within moments.
	if err := h.sessions.store.FollowShare(); err != nil {
		h.log.Warn("not following the sessions of other Rolecall processes", "error", err)
	}
	return nil
}

// documentChanged is the server's OnDocumentChange hook: a document was opened, changed, saved or closed.
// Documents that are not AWS files (and were not before) are ignored.
func (h *Handlers) documentChanged(ctx context.Context, ev server.DocumentEvent) error {
	if !h.concerns(ev) {
		return nil
	}
	h.rebuild(ctx, ev.URI)
	return nil
}

func (h *Handlers) concerns(ev server.DocumentEvent) bool {
	if _, _, ok := h.snapshot().document(ev.URI); ok {
		return true // it was an AWS document (and may be closing now)
	}
	doc, ok := ev.Documents.Get(ev.URI)
	if !ok {
		return false
	}
	_, aws := classify(doc, h.snapshot().Locations)
	return aws
}
