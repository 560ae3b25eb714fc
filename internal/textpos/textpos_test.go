package textpos_test

import (
	"testing"

	"github.com/rolecall/rolecall/internal/textpos"
)

// TestConversions is the one table of position rules. Each row is a position and the byte offset it
// names; "to" rows hold only from position to offset (a position that does not exist maps onto one
// that does), "from" rows only from offset to position (an offset inside a character or a break).
func TestConversions(t *testing.T) {
	const text = "a😀b\r\nétoile\rlast\n"
	const bad = "x\xffy\xe2\x82z" // a stray byte, then a truncated 3-byte sequence: one unit a byte
	cases := []struct {
		name         string
		text         string
		line, column int
		offset       int
		way          string // "both", "to" (position → offset only) or "from" (offset → position only)
	}{
		{"start", text, 0, 0, 0, "both"},
		{"before a surrogate pair", text, 0, 1, 1, "both"},
		{"after a surrogate pair", text, 0, 3, 5, "both"},
		{"end of a line before CRLF", text, 0, 4, 6, "both"},
		{"after a two-byte character", text, 1, 1, 10, "both"},
		{"a lone CR ends a line", text, 2, 0, 16, "both"},
		{"the empty line after the final LF", text, 3, 0, 21, "both"},
		{"surrogate pair middle is its start", text, 0, 2, 1, "to"},
		{"column past the end of the line", text, 0, 99, 6, "to"},
		{"column past the end of the last line", text, 3, 5, 21, "to"},
		{"line past the end", text, 99, 0, len(text), "to"},
		{"negative line", text, -1, 3, 0, "to"},
		{"negative column", text, 1, -4, 8, "to"},
		{"offset inside a surrogate pair", text, 0, 1, 3, "from"},
		{"offset inside a two-byte character", text, 1, 0, 9, "from"},
		{"offset between CR and LF", text, 0, 4, 7, "from"},
		{"offset before the text", text, 0, 0, -5, "from"},
		{"offset past the text", text, 3, 0, 500, "from"},
		{"invalid byte counts one unit", bad, 0, 2, 2, "both"},
		{"truncated sequence counts one unit a byte", bad, 0, 4, 4, "both"},
		{"after invalid UTF-8", bad, 0, 6, 6, "both"},
		{"CRLF middle in a CRLF-only text", "ab\r\ncd", 0, 2, 3, "from"},
		{"line after CRLF", "ab\r\ncd", 1, 1, 5, "both"},
		{"empty text", "", 0, 3, 0, "to"},
	}
	for _, c := range cases {
		if c.way != "from" {
			if got := textpos.Offset(c.text, c.line, c.column); got != c.offset {
				t.Errorf("%s: Offset(%d:%d) = %d, want %d", c.name, c.line, c.column, got, c.offset)
			}
		}
		if c.way != "to" {
			if line, col := textpos.Position(c.text, c.offset); line != c.line || col != c.column {
				t.Errorf("%s: Position(%d) = %d:%d, want %d:%d", c.name, c.offset, line, col, c.line, c.column)
			}
		}
	}
}

func TestLines(t *testing.T) {
	for text, want := range map[string]int{"": 1, "a": 1, "a\n": 2, "a\r\nb": 2, "a\rb\r": 3, "\r\n\r\n": 3} {
		if got := textpos.Lines(text); got != want {
			t.Errorf("Lines(%q) = %d, want %d", text, got, want)
		}
	}
}

// TestBytesAndStringsAgree: awsfiles converts byte slices, the server strings.
func TestBytesAndStringsAgree(t *testing.T) {
	line := "a😀é\xffz"
	for col := range 8 {
		if s, b := textpos.ByteOffset(line, col), textpos.ByteOffset([]byte(line), col); s != b {
			t.Errorf("ByteOffset(%d): string %d, bytes %d", col, s, b)
		}
	}
	for off := range len(line) + 1 {
		if s, b := textpos.Column(line, off), textpos.Column([]byte(line), off); s != b {
			t.Errorf("Column(%d): string %d, bytes %d", off, s, b)
		}
	}
}
