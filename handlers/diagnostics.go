package handlers

import (
	"fmt"
	"slices"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
	"github.com/rolecall/rolecall/server"
)

// diagnosticSource is the source of every published diagnostic.
const diagnosticSource = "rolecall"

// docsURL is where each diagnostic code is explained; the code is the anchor.
const docsURL = "https://github.com/rolecall/rolecall/blob/main/docs/diagnostics.md"

// convertDiagnostics gives each side of a freshly checked pair its diagnostics in LSP form, capped. A side
// whose file and findings are those of old, the pair before an edit (usually the other file of the edited
// one), keeps its LSP form: converting and escaping 1,000 findings again on every keystroke was a tenth of
// a keystroke's time in a large file.
func (h *Handlers) convertDiagnostics(p, old *filePair) {
	sameURIs := old != nil && old.Config.URI == p.Config.URI && old.Credentials.URI == p.Credentials.URI
	for i, fs := range p.files() {
		fs.diags = rules.Diagnostics(p.Diagnostics, fs.File)
		if sameURIs {
			if o := old.files()[i]; o.File == fs.File && o.Published != nil && sameFindings(o.diags, fs.diags) {
				fs.Published = o.Published
				continue
			}
		}
		fs.Published = toLSPDiagnostics(fs.diags, p.uriOf, h.opts.MaxDiagnostics)
	}
}

// sameFindings reports whether two lists of one file's diagnostics convert to the same LSP diagnostics:
// the same places, severities, codes, messages and related places (in files of the same kind).
func sameFindings(a, b []rules.Diagnostic) bool {
	return slices.EqualFunc(a, b, func(x, y rules.Diagnostic) bool {
		return x.Range == y.Range && x.Severity == y.Severity && x.Code == y.Code && x.Message == y.Message &&
			slices.EqualFunc(x.Related, y.Related, func(r, s rules.Related) bool {
				return r.Range == s.Range && r.Message == s.Message && r.File.Kind == s.File.Kind
			})
	})
}

// toLSPDiagnostics converts one file's diagnostics. Beyond max, the most severe are kept (an error is
// never hidden behind warnings), and a last information diagnostic at the first left-out problem says how
// many were left out: a binary file or a file of another format would otherwise flood the editor.
func toLSPDiagnostics(diags []rules.Diagnostic, uriOf func(*awsfiles.File) server.URI, max int) []protocol.Diagnostic {
	kept, dropped := capDiagnostics(diags, max)
	out := make([]protocol.Diagnostic, 0, len(kept)+1)
	for _, d := range kept {
		out = append(out, toLSPDiagnostic(d, uriOf))
	}
	if len(dropped) > 0 {
		out = append(out, protocol.Diagnostic{
			Range:    toRange(awsfiles.Range{Start: dropped[0].Range.Start, End: dropped[0].Range.Start}),
			Severity: protocol.DiagnosticSeverityInformation,
			Source:   protocol.NewOptional(diagnosticSource),
			Message: protocol.String(fmt.Sprintf("… and %d more problems in this file: the editor is shown at most %d "+
				"per file, the most severe first. Run `rolecall check` to list them.", len(dropped), max)),
		})
	}
	return out
}

// capDiagnostics splits diags into the max most severe, in their original (position) order, and the
// rest, also in position order.
func capDiagnostics(diags []rules.Diagnostic, max int) (kept, dropped []rules.Diagnostic) {
	if len(diags) <= max {
		return diags, nil
	}
	order := make([]int, len(diags))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return int(diags[a].Severity) - int(diags[b].Severity) })
	keep := make([]bool, len(diags))
	for _, i := range order[:max] {
		keep[i] = true
	}
	for i, d := range diags {
		if keep[i] {
			kept = append(kept, d)
		} else {
			dropped = append(dropped, d)
		}
	}
	return kept, dropped
}

func toLSPDiagnostic(d rules.Diagnostic, uriOf func(*awsfiles.File) server.URI) protocol.Diagnostic {
	out := protocol.Diagnostic{
		Range:    toRange(d.Range),
		Severity: protocol.DiagnosticSeverity(d.Severity),
		Source:   protocol.NewOptional(diagnosticSource),
		Message:  protocol.String(plain(d.Message)),
	}
	if d.Code != "" {
		out.Code = protocol.String(d.Code)
		out.CodeDescription = protocol.CodeDescription{Href: uri.URI(docsURL + "#" + d.Code)}
	}
	for _, r := range d.Related {
		u := uriOf(r.File)
		if u == "" {
			continue
		}
		out.RelatedInformation = append(out.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: u, Range: toRange(r.Range)},
			Message:  plain(r.Message),
		})
	}
	return out
}

// toRange and toPosition convert awsfiles positions (already in UTF-16 code units) to LSP ones.
func toRange(r awsfiles.Range) protocol.Range {
	return protocol.Range{Start: toPosition(r.Start), End: toPosition(r.End)}
}

func toPosition(p awsfiles.Position) protocol.Position {
	return protocol.Position{Line: uint32(max(p.Line, 0)), Character: uint32(max(p.Character, 0))}
}

// sameDiagnostics reports whether two published lists are equal, so that an unchanged file is not
// published again.
func sameDiagnostics(a, b []protocol.Diagnostic) bool {
	return slices.EqualFunc(a, b, func(x, y protocol.Diagnostic) bool {
		return x.Range == y.Range && x.Severity == y.Severity && x.Code == y.Code && x.Message == y.Message &&
			x.CodeDescription == y.CodeDescription && slices.Equal(x.RelatedInformation, y.RelatedInformation)
	})
}

// codeOf is a published diagnostic's code as a string ("" when it has none).
func codeOf(d protocol.Diagnostic) string {
	switch c := d.Code.(type) {
	case protocol.String:
		return string(c)
	case protocol.Integer:
		return fmt.Sprint(int32(c))
	}
	return ""
}
