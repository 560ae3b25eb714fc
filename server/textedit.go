package server

import (
	"fmt"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/internal/textpos"
)

// applyChanges applies didChange content changes in order, each to the result of the one before. A
// whole-document change replaces the text; a ranged change replaces its range. Positions convert with
// internal/textpos, the conversion the AWS file model uses too.
//
// A ranged change is invalid, and nothing of the notification is applied, when its range starts after it
// ends or names a line the document does not have. The one line past the last is accepted at character 0
// (the end of the document, which some clients use to append). A character past the end of its line is
// the line's end, as the LSP specification says.
func applyChanges(text string, changes []protocol.TextDocumentContentChangeEvent) (string, error) {
	for i, ch := range changes {
		switch c := ch.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			text = c.Text
		case *protocol.TextDocumentContentChangePartial:
			r := c.Range
			if err := checkRange(text, r); err != nil {
				return "", fmt.Errorf("change %d of %d: %w", i+1, len(changes), err)
			}
			start := textpos.Offset(text, int(r.Start.Line), int(r.Start.Character))
			end := textpos.Offset(text, int(r.End.Line), int(r.End.Character))
			var b strings.Builder
			b.Grow(len(text) - (end - start) + len(c.Text))
			b.WriteString(text[:start])
			b.WriteString(c.Text)
			b.WriteString(text[end:])
			text = b.String()
		default:
			return "", fmt.Errorf("change %d of %d is neither a whole-document nor a ranged change", i+1, len(changes))
		}
	}
	return text, nil
}

// checkRange refuses a range whose ends are not in the document, or in the wrong order.
func checkRange(text string, r protocol.Range) error {
	if r.End.Line < r.Start.Line || (r.End.Line == r.Start.Line && r.End.Character < r.Start.Character) {
		return fmt.Errorf("its range %s ends before it starts", rangeText(r))
	}
	lines := uint32(textpos.Lines(text))
	for _, p := range []protocol.Position{r.Start, r.End} {
		if p.Line > lines || (p.Line == lines && p.Character > 0) {
			return fmt.Errorf("its range %s names line %d, and the document has %d lines", rangeText(r), p.Line+1, lines)
		}
	}
	return nil
}

// rangeText shows a range as the editor shows it (1-based line and character).
func rangeText(r protocol.Range) string {
	return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line+1, r.Start.Character+1, r.End.Line+1, r.End.Character+1)
}
