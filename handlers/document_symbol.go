package handlers

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
)

// maxSymbolDetail bounds the value shown next to a key in the outline.
const maxSymbolDetail = 80

// documentSymbol lists the sections (profiles as classes, sso-sessions as namespaces, services as
// packages, anything else as an object) with their keys as children, nested blocks nested. A key's
// detail is its value, masked for an access key ID and hidden for a secret.
func (h *Handlers) documentSymbol(ctx context.Context, p *protocol.DocumentSymbolParams) ([]protocol.DocumentSymbol, error) {
	out := []protocol.DocumentSymbol{}
	_, fs, ok := h.snapshot().document(p.TextDocument.URI)
	if !ok {
		return out, nil
	}
	for _, sec := range fs.File.Sections {
		if sec.Header == nil {
			continue
		}
		out = append(out, sectionSymbol(sec))
	}
	return out, nil
}

func sectionSymbol(sec *awsfiles.Section) protocol.DocumentSymbol {
	f := sec.File
	name := sec.Head.Name
	if name == "" {
		name = "[" + f.Text(sec.Header.Inner) + "]"
	}
	if name == "" || name == "[]" {
		name = "(unnamed section)"
	}
	kind, detail := symbolKind(sec.Head.Type)
	sym := protocol.DocumentSymbol{
		Name:           name,
		Detail:         &detail,
		Kind:           kind,
		Range:          toRange(sec.Range()),
		SelectionRange: toRange(sec.NameRange()),
	}
	for _, e := range sec.Entries {
		sym.Children = append(sym.Children, entrySymbol(e))
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

func entrySymbol(e *awsfiles.Entry) protocol.DocumentSymbol {
	f := e.Section.File
	name := e.Key
	if name == "" {
		name = "(empty key)"
	}
	detail := shownValue(e)
	if len(detail) > maxSymbolDetail {
		detail = detail[:maxSymbolDetail] + "…"
	}
	span := e.Line.Span
	for _, sub := range e.Sub {
		span.End = sub.Line.Span.End
	}
	sym := protocol.DocumentSymbol{
		Name:           name,
		Detail:         &detail,
		Kind:           protocol.SymbolKindProperty,
		Range:          toRange(f.RangeOf(span)),
		SelectionRange: toRange(f.RangeOf(e.Line.Key)),
	}
	for _, sub := range e.Sub {
		sym.Children = append(sym.Children, entrySymbol(sub))
	}
	return sym
}
