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
func applyChanges(text string, changes []protocol.TextDocumentContentChangeEvent) (string, error) {
	for i, ch := range changes {
		switch c := ch.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			text = c.Text
		case *protocol.TextDocumentContentChangePartial:
			start := textpos.Offset(text, int(c.Range.Start.Line), int(c.Range.Start.Character))
			end := textpos.Offset(text, int(c.Range.End.Line), int(c.Range.End.Character))
			if start > end {
				return "", fmt.Errorf("content change %d has a range that ends before it starts (%d:%d-%d:%d)",
					i, c.Range.Start.Line, c.Range.Start.Character, c.Range.End.Line, c.Range.End.Character)
			}
			var b strings.Builder
			b.Grow(len(text) - (end - start) + len(c.Text))
			b.WriteString(text[:start])
			b.WriteString(c.Text)
			b.WriteString(text[end:])
			text = b.String()
		default:
			return "", fmt.Errorf("content change %d is neither a whole-document nor a ranged change", i)
		}
	}
	return text, nil
}
