package textpos_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/rolecall/rolecall/internal/textpos"
)

// TestOffsetMatchesAReferenceOnRandomText compares with a naive implementation on large random texts
// mixing every line break and multi-byte characters, so the chunked line skipping is exercised across
// chunk boundaries.
func TestOffsetMatchesAReferenceOnRandomText(t *testing.T) {
	pieces := []string{"a", "bc", "é", "日本", "😀", "\n", "\r\n", "\r", "[profile x]", "\r\r\n"}
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 3 {
		var b strings.Builder
		for b.Len() < 100_000*(round+1) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := b.String()
		lines := referenceLines(text)
		for range 300 {
			line := r.IntN(len(lines) + 1)
			ch, want := 0, len(text)
			if line < len(lines) {
				units := utf16.Encode([]rune(text[lines[line].start:lines[line].end]))
				ch = r.IntN(len(units) + 2)
				want = referenceOffset(text, lines[line], ch)
			}
			if got := textpos.Offset(text, line, ch); got != want {
				t.Fatalf("round %d: Offset(%d:%d) = %d, want %d", round, line, ch, got, want)
			}
			if l, c := textpos.Position(text, want); textpos.Offset(text, l, c) != want {
				t.Fatalf("round %d: Position(%d) does not round-trip", round, want)
			}
		}
	}
}

type span struct{ start, end int } // a line's content, without its break

func referenceLines(text string) []span {
	var out []span
	start := 0
	for i := 0; i < len(text); i++ {
		switch {
		case text[i] == '\n':
			out = append(out, span{start, i})
			start = i + 1
		case text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n':
			out = append(out, span{start, i})
			i++
			start = i + 1
		case text[i] == '\r':
			out = append(out, span{start, i})
			start = i + 1
		}
	}
	return append(out, span{start, len(text)})
}

func referenceOffset(text string, line span, ch int) int {
	units := 0
	for i, r := range text[line.start:line.end] {
		n := len(utf16.Encode([]rune{r}))
		if units+n > ch {
			return line.start + i
		}
		units += n
	}
	return line.end
}
