package handlers

import (
	"context"
	"strings"

	"github.com/rolecall/rolecall/awsfiles/rules"
	"go.lsp.dev/protocol"
)

// codeAction offers the quick fixes the rules computed (rules.Diagnostic.Fixes) for the diagnostics
// of this document that touch the requested range: did-you-mean names, removing a duplicate key, fixing a
// header, stripping an inline comment or quotes, … Each action carries its diagnostic and a WorkspaceEdit
// (byte edits turned into UTF-16 ranges, possibly in the other file of the pair); the rule's preferred fix
// is marked isPreferred. A fix whose edit would copy a secret value into the reply is not offered.
func (h *Handlers) codeAction(ctx context.Context, p *protocol.CodeActionParams) ([]protocol.CodeAction, error) {
	out := []protocol.CodeAction{}
	pair, fs, ok := h.snapshot().document(p.TextDocument.URI)
	if !ok || !wantsQuickFix(p.Context.Only) {
		return out, nil
	}
	documentChanges := h.client.Load().documentChanges
	var secrets []string
	secretsRead := false
	for _, d := range pair.Diagnostics {
		if d.File != fs.File || len(d.Fixes) == 0 || !touches(toRange(d.Range), p.Range) {
			continue
		}
		if !secretsRead {
			secrets, secretsRead = secretValues(pair), true
		}
		diag := toLSPDiagnostic(d, pair.uriOf)
		for _, fix := range d.Fixes {
			edit, ok := fixEdit(pair, d, fix, secrets, documentChanges)
			if !ok {
				h.log.Debug("a quick fix was not offered: its edit would carry a secret or lies outside the files", "code", d.Code)
				continue
			}
			kind := protocol.CodeActionKindQuickFix
			action := protocol.CodeAction{Title: plain(fix.Title), Kind: &kind, Diagnostics: []protocol.Diagnostic{diag}, Edit: edit}
			if fix.Preferred {
				preferred := true
				action.IsPreferred = &preferred
			}
			out = append(out, action)
		}
	}
	out = append(out, keychainActions(pair, fs, p.Range)...) // code_action_keys.go
	return out, nil
}

// fixEdit turns a fix into a WorkspaceEdit; ok is false when it would carry a secret.
func fixEdit(pair *filePair, d rules.Diagnostic, fix rules.Fix, secrets []string, documentChanges bool) (*protocol.WorkspaceEdit, bool) {
	b := newEditBuilder(pair)
	for _, e := range fix.Edits {
		f := e.File
		if f == nil {
			f = d.File
		}
		if carriesSecret(e.NewText, secrets) || !b.add(f, e.Span, e.NewText) {
			return nil, false
		}
	}
	if b.empty() {
		return nil, false
	}
	return b.workspaceEdit(documentChanges), true
}

// wantsQuickFix reports whether a request limited to these kinds accepts quick fixes.
func wantsQuickFix(only []protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, k := range only {
		if k == protocol.CodeActionKindQuickFix || strings.HasPrefix(string(protocol.CodeActionKindQuickFix), string(k)+".") || k == "" {
			return true
		}
	}
	return false
}

// touches reports whether two ranges overlap or touch.
func touches(a, b protocol.Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func before(x, y protocol.Position) bool {
	return x.Line < y.Line || x.Line == y.Line && x.Character < y.Character
}
