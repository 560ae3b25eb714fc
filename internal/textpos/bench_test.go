package textpos_test

import (
	"strings"
	"testing"

	"github.com/rolecall/rolecall/internal/textpos"
)

// BenchmarkOffsetAtEndOf10MB measures converting a position on the last line of a 10 MB document, the
// worst case of an incremental edit.
func BenchmarkOffsetAtEndOf10MB(b *testing.B) {
	line := "[profile p]\nregion = eu-west-1 # é😀\n"
	text := strings.Repeat(line, 10<<20/len(line)+1)
	last := strings.Count(text, "\n")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if textpos.Offset(text, last, 0) != len(text) {
			b.Fatal("wrong offset")
		}
	}
}
