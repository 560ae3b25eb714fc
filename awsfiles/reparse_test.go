package awsfiles

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/internal/conformance"
)

// Typing in a large file: each edit read again with Reparse gives the tree a full parse of the new text
// gives, field for field, and keeps every byte.
func TestReparseGivesWhatAFullParseGives(t *testing.T) {
	base := "# top\n[default]\nregion = eu-west-1\n\n[profile a]\nrole_arn = arn:aws:iam::111122223333:role/a\nsource_profile = default\ns3 =\n  addressing_style = path\n[profile b]\nregion = \"us-east-1\" # q\nKey = x\n  wrapped\n[sso-session s]\nsso_region = eu-west-1\n"
	edits := []struct {
		at, del int
		ins     string
	}{
		{0, 0, "x"}, // into the preamble
		{len("# top\n[default]\nregion = eu-west-1"), 1, "2\n"},        // a value and a line break
		{len("# top\n[default]\nregion = eu-west-12\n\n[pro"), 0, "]"}, // inside a header
		{len("# top\n[default]\nregion"), 0, "\r"},                     // a lone CR
		{len("# top\n"), 1, ""},                                        // a header broken
		{len(base) - 3, 3, "2\n[x]\n"},                                 // at the end
	}
	text := base
	f := ParseString(ConfigFile, "config", text)
	for i, e := range edits {
		at := min(e.at, len(text))
		end := min(at+e.del, len(text))
		text = text[:at] + e.ins + text[end:]
		f = Reparse(f, text)
		assertSameTree(t, f, ParseString(ConfigFile, "config", text))
		if t.Failed() {
			t.Fatalf("after edit %d: %q", i, text)
		}
	}
}

// In a file of several chunks of lines, an edit near each chunk's edges gives what a full parse gives, shares
// the whole chunks before it with the version it came from, and leaves that version as it was.
func TestReparseAcrossChunksOfLines(t *testing.T) {
	text := string(conformance.Generate(700).Config) // about 4,400 lines: five chunks
	old := ParseString(ConfigFile, "config", text)
	if old.NumLines() < 4*lineChunk {
		t.Fatalf("%d lines: the test needs more than four chunks", old.NumLines())
	}
	for _, line := range []int{0, 1, lineChunk - 2, lineChunk - 1, lineChunk, lineChunk + 1, 2*lineChunk - 1, 3 * lineChunk, old.NumLines() - 2, old.NumLines() - 1} {
		for _, ins := range []string{"x", "\n", "x\n[profile new]\nregion = eu-west-1\n"} {
			at := old.Line(line).Span().Start
			next := text[:at] + ins + text[at:]
			got := Reparse(old, next)
			assertSameTree(t, got, ParseString(ConfigFile, "config", next))
			assertSameTree(t, old, ParseString(ConfigFile, "config", text))
			if t.Failed() {
				t.Fatalf("inserting %q at line %d", ins, line)
			}
			e, _ := got.ChangeFrom(old)
			for k := range e.StartLine / lineChunk {
				if &got.lines[k][0] != &old.lines[k][0] {
					t.Fatalf("inserting %q at line %d: chunk %d of lines, before the change, is a copy", ins, line, k)
				}
			}
		}
	}
}

func FuzzReparse(f *testing.F) {
	f.Add("[default]\nregion = x\n[profile a]\ns3 =\n  k = v\n", uint16(12), uint8(3), "[b]\n")
	f.Add("\xef\xbb\xbf[a]\r\nk = v\r\n  c\r\n[b]\rk=v", uint16(3), uint8(0), "\n")
	f.Add("k = v\n[a]\n[a]\nx = 'q' ; c\n", uint16(0), uint8(1), "")
	f.Fuzz(func(t *testing.T, text string, at uint16, del uint8, ins string) {
		kind := FileKind(int(del) % 2) // config or credentials: their headers read differently
		old := ParseString(kind, "f", text)
		a := min(int(at), len(text))
		b := min(a+int(del), len(text))
		next := text[:a] + ins + text[b:]
		got := Reparse(old, next)
		assertSameTree(t, got, ParseString(kind, "f", next))
		// A second edit on top of the first, further on.
		c := min(a+len(ins)+1, len(next))
		again := next[:c] + "]\n" + next[c:]
		assertSameTree(t, Reparse(got, again), ParseString(kind, "f", again))
		if !bytes.Equal(old.Bytes(), []byte(text)) {
			t.Fatalf("Reparse changed the old tree")
		}
	})
}

// assertSameTree compares two parses of the same text: every line field for field, every section and
// every entry.
func assertSameTree(t *testing.T, got, want *File) {
	t.Helper()
	if got.text != want.text || !bytes.Equal(got.Bytes(), []byte(want.text)) {
		t.Fatalf("the tree does not print its text")
	}
	if got.BOM != want.BOM || !reflect.DeepEqual(got.InvalidUTF8, want.InvalidUTF8) || got.Kind != want.Kind || got.Path != want.Path {
		t.Fatalf("file fields differ: %v %v %v / %v %v %v", got.BOM, got.InvalidUTF8, got.Kind, want.BOM, want.InvalidUTF8, want.Kind)
	}
	if got.NumLines() != want.NumLines() {
		t.Fatalf("%d lines, want %d", got.NumLines(), want.NumLines())
	}
	for i := range want.NumLines() {
		if *got.Line(i) != *want.Line(i) {
			t.Fatalf("line %d: %+v, want %+v", i, *got.Line(i), *want.Line(i))
		}
	}
	if len(got.Sections) != len(want.Sections) {
		t.Fatalf("%d sections, want %d", len(got.Sections), len(want.Sections))
	}
	for i, w := range want.Sections {
		g := got.Sections[i]
		if g.File != got || g.index != int32(i) || w.index != int32(i) || (g.Header == nil) != (w.Header == nil) ||
			g.Header != nil && (*g.Header != *w.Header || g.Header != got.Line(g.Header.Num())) || g.Head != w.Head {
			t.Fatalf("section %d: header %+v %+v, want %+v %+v", i, g.Header, g.Head, w.Header, w.Head)
		}
		gFirst, gEnd := g.LineNums()
		wFirst, wEnd := w.LineNums()
		if gFirst != wFirst || gEnd != wEnd {
			t.Fatalf("section %d: lines %d to %d, want %d to %d", i, gFirst, gEnd, wFirst, wEnd)
		}
		n := gFirst
		for l := range g.Lines() {
			if l != got.Line(n) {
				t.Fatalf("section %d: line %d is not the file's", i, n)
			}
			n++
		}
		if n != gEnd {
			t.Fatalf("section %d: %d lines ranged over, want %d", i, n-gFirst, gEnd-gFirst)
		}
		assertSameEntries(t, got, g, g.Entries, w.Entries, nil)
	}
}

func assertSameEntries(t *testing.T, f *File, s *Section, got, want []*Entry, parent *Entry) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("[%s]: %d entries, want %d", s.Inner(), len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Section != s || g.Parent() != parent || g.Line != f.Line(g.Line.Num()) || *g.Line != *w.Line ||
			g.Name() != w.Name() || g.Value() != w.Value() || g.Key() != w.Key() || g.Raw() != w.Raw() || g.Indented() != w.Indented() {
			t.Fatalf("[%s] entry %d: %q=%q, want %q=%q", s.Inner(), i, g.Name(), g.Value(), w.Name(), w.Value())
		}
		if len(g.Continued()) != len(w.Continued()) {
			t.Fatalf("[%s] entry %d: %d wrapped lines, want %d", s.Inner(), i, len(g.Continued()), len(w.Continued()))
		}
		for j, l := range w.Continued() {
			if g.Continued()[j] != f.Line(l.Num()) {
				t.Fatalf("[%s] entry %d: wrapped line %d is not the file's", s.Inner(), i, j)
			}
		}
		assertSameEntries(t, f, s, g.Sub(), w.Sub(), g)
	}
}

// BenchmarkReparse reads a 10,000-profile config again after one character typed in its middle, beside
// a full parse of the same text.
func BenchmarkReparse(b *testing.B) {
	text := string(conformance.Generate(10000).Config)
	at := strings.Index(text[len(text)/2:], "region = ") + len(text)/2 + len("region = ")
	next := text[:at] + "x" + text[at:]
	old := ParseString(ConfigFile, "config", text)
	b.Run("full-parse", func(b *testing.B) {
		for b.Loop() {
			ParseString(ConfigFile, "config", next)
		}
	})
	b.Run("reparse", func(b *testing.B) {
		for b.Loop() {
			Reparse(old, next)
		}
	})
}
