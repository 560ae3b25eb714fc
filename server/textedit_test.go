package server_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/rolecall/rolecall/server"
)

func TestOffsetAtAndPositionAt(t *testing.T) {
	const text = "a😀b\r\nétoile\rlast\n"
	cases := []struct {
		pos    server.Position
		offset int
	}{
		{server.Position{Line: 0, Character: 0}, 0},
		{server.Position{Line: 0, Character: 1}, 1},  // before 😀
		{server.Position{Line: 0, Character: 3}, 5},  // after 😀 (two units, four bytes)
		{server.Position{Line: 0, Character: 4}, 6},  // end of line 0, before "\r\n"
		{server.Position{Line: 1, Character: 1}, 10}, // after é (one unit, two bytes)
		{server.Position{Line: 2, Character: 0}, 16}, // a lone "\r" ends a line too
		{server.Position{Line: 3, Character: 0}, 21}, // the empty line after the final "\n"
	}
	for _, c := range cases {
		if got := server.OffsetAt(text, c.pos); got != c.offset {
			t.Errorf("OffsetAt(%v) = %d, want %d", c.pos, got, c.offset)
		}
		if got := server.PositionAt(text, c.offset); got != c.pos {
			t.Errorf("PositionAt(%d) = %v, want %v", c.offset, got, c.pos)
		}
	}
	// Out-of-range positions clamp; a position inside a surrogate pair stays before the character.
	for _, c := range []struct {
		pos    server.Position
		offset int
	}{
		{server.Position{Line: 0, Character: 2}, 1},
		{server.Position{Line: 0, Character: 99}, 6},
		{server.Position{Line: 99, Character: 0}, len(text)},
	} {
		if got := server.OffsetAt(text, c.pos); got != c.offset {
			t.Errorf("OffsetAt(%v) = %d, want %d", c.pos, got, c.offset)
		}
	}
	if got := server.PositionAt(text, 3); got != (server.Position{Line: 0, Character: 1}) {
		t.Errorf("PositionAt inside 😀 = %v, want its start", got)
	}
	if got := server.PositionAt(text, -5); got != (server.Position{}) {
		t.Errorf("PositionAt(-5) = %v", got)
	}
}

// TestOffsetAtMatchesAReferenceOnRandomText compares with a naive implementation on large random texts
// mixing every line break and multi-byte characters, so the chunked line skipping is exercised across
// chunk boundaries.
func TestOffsetAtMatchesAReferenceOnRandomText(t *testing.T) {
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
			var pos server.Position
			pos.Line = uint32(line)
			want := len(text)
			if line < len(lines) {
				units := utf16.Encode([]rune(text[lines[line].start:lines[line].end]))
				ch := r.IntN(len(units) + 2)
				pos.Character = uint32(ch)
				want = referenceOffset(text, lines[line], ch)
			}
			if got := server.OffsetAt(text, pos); got != want {
				t.Fatalf("round %d: OffsetAt(%v) = %d, want %d", round, pos, got, want)
			}
			if line < len(lines) {
				if back := server.OffsetAt(text, server.PositionAt(text, want)); back != want {
					t.Fatalf("round %d: PositionAt(%d) does not round-trip (%d)", round, want, back)
				}
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

func TestFilePath(t *testing.T) {
	cases := []struct {
		uri  server.URI
		path string
		ok   bool
	}{
		{"file:///home/me/.aws/config", "/home/me/.aws/config", true},
		{"file:///home/me/My%20Docs/credentials", "/home/me/My Docs/credentials", true},
		{"untitled:Untitled-1", "", false},
		{"vscode-notebook-cell:/x#y", "", false},
		{"", "", false},
		{"::::", "", false},
		{"not a uri at all %zz", "", false},
	}
	for _, c := range cases {
		path, ok := server.FilePath(c.uri)
		if path != c.path || ok != c.ok {
			t.Errorf("FilePath(%q) = %q, %v; want %q, %v", c.uri, path, ok, c.path, c.ok)
		}
	}
	u, ok := server.FileURI("relative/config")
	if !ok || !strings.HasPrefix(string(u), "file:///") || !strings.HasSuffix(string(u), "/relative/config") || u == "file:///relative/config" {
		t.Errorf("FileURI(relative) = %q, %v; want the absolute path's URI", u, ok)
	}
}
