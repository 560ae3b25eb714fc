package handlers

import (
	"context"
	"unicode/utf8"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
)

// maxSymbolDetail bounds the value shown next to a key in the outline.
const maxSymbolDetail = 80

// maxSymbols bounds the outline of one document (sections and keys together, in file order): a 10 MB
// file would otherwise take seconds to answer and a hundred megabytes on the wire, and no one reads an
// outline of more. VS Code shows at most as many folding regions; docs/lsp.md documents both caps.
const maxSymbols = 5000

// documentSymbol lists the sections (profiles as classes, sso-sessions as namespaces, services as
// packages, anything else as an object) with their keys as children, nested blocks nested. A key's
// detail is its value, masked for an access key ID and hidden for a secret.
func (h *Handlers) documentSymbol(ctx context.Context, p *protocol.DocumentSymbolParams) ([]protocol.DocumentSymbol, error) {
	out := []protocol.DocumentSymbol{}
	_, fs, ok := h.snapshot().document(p.TextDocument.URI)
	if !ok {
		return out, nil
	}
	budget := maxSymbols
	for _, sec := range fs.File.Sections {
		if budget <= 0 {
			h.log.Debug("the outline was cut at its cap", "uri", p.TextDocument.URI, "symbols", maxSymbols)
			break
		}
		if sec.Header == nil {
			continue
		}
		out = append(out, sectionSymbol(sec, &budget))
	}
	return out, nil
}

// sectionSymbol is a section with its keys, as many as the budget of symbols left allows.
func sectionSymbol(sec *awsfiles.Section, budget *int) protocol.DocumentSymbol {
	*budget--
	f := sec.File
	name := sec.Head.Name
	if name == "" {
		name = "[" + f.Text(sec.Header.Inner()) + "]"
	}
	if name == "" || name == "[]" {
		name = "(unnamed section)"
	}
	kind, detail := symbolKind(sec.Head.Type)
	sym := protocol.DocumentSymbol{
		Name:           plain(name),
		Detail:         &detail,
		Kind:           kind,
		Range:          toRange(sec.Range()),
		SelectionRange: toRange(sec.NameRange()),
	}
	for _, e := range sec.Entries {
		if *budget <= 0 {
			break
		}
		sym.Children = append(sym.Children, entrySymbol(e, budget))
	}
	return sym
}

func symbolKind(t awsfiles.SectionType) (protocol.SymbolKind, string) {
	switch t {
	case awsfiles.SectionProfile:
		return protocol.SymbolKindClass, "profile"
	case awsfiles.SectionSSOSession:
		return protocol.SymbolKindNamespace, "sso-session"
	case awsfiles.SectionServices:
		return protocol.SymbolKindPackage, "services"
	}
	return protocol.SymbolKindObject, "section"
}

func entrySymbol(e *awsfiles.Entry, budget *int) protocol.DocumentSymbol {
	*budget--
	f := e.Section.File
	name := e.Key()
	if name == "" {
		name = "(empty key)"
	}
	detail := plain(shownValue(e))
	if len(detail) > maxSymbolDetail {
		cut := maxSymbolDetail
		for cut > 0 && !utf8.RuneStart(detail[cut]) {
			cut-- // never split a character
		}
		detail = detail[:cut] + "…"
	}
	span := e.Line.Span()
	for _, sub := range e.Sub() {
		span.End = sub.Line.Span().End
	}
	sym := protocol.DocumentSymbol{
		Name:           plain(name),
		Detail:         &detail,
		Kind:           protocol.SymbolKindProperty,
		Range:          toRange(f.RangeOf(span)),
		SelectionRange: toRange(f.RangeOf(e.Line.Key())),
	}
	for _, sub := range e.Sub() {
		if *budget <= 0 {
			break
		}
		sym.Children = append(sym.Children, entrySymbol(sub, budget))
	}
	return sym
}
