package awsfiles

import (
	"fmt"
	"sort"
)

// ApplyEdits applies byte edits to a source. Edits must not overlap; they may come in any order. The
// result keeps every byte outside the edited spans.
func ApplyEdits(src []byte, edits []Edit) ([]byte, error) {
	sorted := append([]Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Span.Start < sorted[j].Span.Start })
	out := make([]byte, 0, len(src))
	pos := 0
	for _, e := range sorted {
		if e.Span.Start < pos || e.Span.End > len(src) || e.Span.Start > e.Span.End {
			return nil, fmt.Errorf("edit %d..%d overlaps another edit or lies outside the file", e.Span.Start, e.Span.End)
		}
		out = append(out, src[pos:e.Span.Start]...)
		out = append(out, e.NewText...)
		pos = e.Span.End
	}
	return append(out, src[pos:]...), nil
}

// Edit replaces a span of a file with new text.
type Edit struct {
	File    *File
	Span    Span
	NewText string
}
