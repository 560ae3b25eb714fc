package awsfiles

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/internal/conformance"
)

func TestParseKeepsEveryByte(t *testing.T) {
	inputs := []string{
		"",
		"\n",
		"[default]\r\nregion = us-east-1\r\n",
		"\xef\xbb\xbf[default]\nregion=x",
		"[profile a]\ns3 =\n  max_concurrent_requests = 10\n\n  max_queue_size=1000\nregion: eu-west-1 # note\n",
		"junk\n[x\n\xff\xfe\n  cont\n",
	}
	for _, in := range inputs {
		f := Parse(ConfigFile, "config", []byte(in))
		if got := f.Bytes(); !bytes.Equal(got, []byte(in)) {
			t.Errorf("Parse(%q).Bytes() = %q", in, got)
		}
	}
}

func TestParseReadsNestedBlocksAndIntendedValues(t *testing.T) {
	f := Parse(ConfigFile, "config", []byte("[profile dev]\nregion = \"eu-west-1\" # home\ns3 =\n  max_queue_size = 1000\n  addressing_style: path\noutput = json\n  cli_pager = less\n"))
	if len(f.Sections) != 2 {
		t.Fatalf("sections = %d, want preamble + 1", len(f.Sections))
	}
	s := f.Sections[1]
	if s.Head.Type != SectionProfile || s.Head.Name != "dev" {
		t.Fatalf("header = %+v", s.Head)
	}
	region := s.Lookup("region")
	if region.Raw() != `"eu-west-1" # home` || region.Value() != "eu-west-1" {
		t.Errorf("region raw %q value %q", region.Raw(), region.Value())
	}
	s3 := s.Lookup("s3")
	if len(s3.Sub()) != 2 || s3.Sub()[1].Name() != "addressing_style" || s3.Sub()[1].Value() != "path" {
		t.Errorf("s3 block = %+v", s3.Sub())
	}
	pager := s.Lookup("cli_pager")
	if pager == nil || !pager.Indented() {
		t.Errorf("indented cli_pager after a non-empty value should be its own, indented entry: %+v", pager)
	}
}

func TestPositionsCountUTF16(t *testing.T) {
	src := "# é日本😀\n[profile x]\n"
	f := Parse(ConfigFile, "config", []byte(src))
	end := len("# é日本😀")
	p := f.Position(end)
	if p.Line != 0 || p.Character != 2+1+2+2 {
		t.Fatalf("Position(%d) = %+v, want line 0 character 7", end, p)
	}
	if off := f.Offset(0, 7); off != end {
		t.Errorf("Offset(0,7) = %d, want %d", off, end)
	}
	if p := f.Position(len(src)); p.Line != 2 || p.Character != 0 {
		t.Errorf("end of file = %+v", p)
	}
}

func FuzzParse(f *testing.F) {
	for _, seed := range []string{"[default]\nregion = us-east-1\n", "[profile a]\r\ns3 =\r\n  x = 1\r\n", "\xef\xbb\xbf[x]\n\xff", "k=v\n  c\n[ a b ] # c\n",
		"# [a]\n[b]\nk = [v\n[c]\nk = v\n"} { // the last: brackets that are no header, before where it is split
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, kind := range []FileKind{ConfigFile, CredentialsFile} {
			file := Parse(kind, "f", src)
			if !bytes.Equal(file.Bytes(), src) {
				t.Fatalf("round trip lost bytes")
			}
			checkSpans(t, file)
			// Read in two halves at once, as a large file is, it gives the same tree.
			if halves, split := parseInHalves(kind, string(src)); split {
				assertSameTree(t, halves, parseInOne(kind, string(src)))
			}
		}
	})
}

// checkSpans asserts that every token span lies inside its line and converts to positions and back.
func checkSpans(t *testing.T, f *File) {
	t.Helper()
	for l := range f.Lines(0, f.NumLines()) {
		for _, s := range []Span{l.Indent(), l.Key(), l.Value(), l.Inner(), l.Trailing()} {
			if s == (Span{}) {
				continue
			}
			if s.Start < l.Span().Start || s.End > l.Span().End || s.Start > s.End {
				t.Fatalf("line %d: span %+v outside %+v", l.Num(), s, l.Span())
			}
		}
		p := f.Position(l.Span().Start)
		if p.Line != l.Num() || p.Character != 0 || f.Offset(p.Line, 0) != l.Span().Start {
			t.Fatalf("line %d starts at %+v", l.Num(), p)
		}
	}
}

func TestLoneCarriageReturnEndsALineAsInEditors(t *testing.T) {
	f := Parse(ConfigFile, "config", []byte("[a]\rregion = x\r\n[b]\n"))
	if f.NumLines() != 4 || f.LineText(f.Line(1)) != "region = x" || f.Line(0).EOL() != "\r" {
		t.Fatalf("lines = %+v", f.lines)
	}
	if p := f.Position(len("[a]\r")); p.Line != 1 || p.Character != 0 {
		t.Fatalf("position after lone CR = %+v", p)
	}
}

// A line is a few offsets and nothing the collector has to follow: the 60,000 lines of a 10,000-profile
// file are then pointer-free blocks of 2.2 MB in all, not 10 MB of structs holding strings. Its 40,000
// entries take 1 MB, not 5.8.
func TestLinesAndEntriesAreSmall(t *testing.T) {
	typ := reflect.TypeFor[Line]()
	if size := typ.Size(); size > 36 {
		t.Errorf("a Line takes %d bytes, want at most 36", size)
	}
	for i := range typ.NumField() {
		switch field := typ.Field(i); field.Type.Kind() {
		case reflect.Pointer, reflect.String, reflect.Slice, reflect.Map, reflect.Interface, reflect.Func, reflect.Chan, reflect.Struct, reflect.Array:
			t.Errorf("Line.%s is a %s: a line holds plain numbers only", field.Name, field.Type.Kind())
		}
	}
	// An entry keeps what is worked out from its line, not what can be read off it again.
	if size := reflect.TypeFor[Entry]().Size(); size > 24 {
		t.Errorf("an Entry takes %d bytes, want at most 24", size)
	}
}

// A path that names something far larger than any AWS file (a disk image, a log) is refused with a
// message that names the file and the limit, before a byte of it is read. The file here is sparse.
func TestAFileOverTheLimitIsRefusedWithAMessage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, MaxFileSize+1); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(ConfigFile, path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "up to 256 MiB") {
		t.Fatalf("reading a 256 MiB + 1 file: %v, want a message naming the file and the limit", err)
	}
	// A text that large handed over by an editor is read as empty and marked, not cut into wrong offsets.
	if f := ParseString(ConfigFile, "big", strings.Repeat("#", MaxFileSize+1)); !f.TooLarge || f.NumLines() != 1 || f.RefusedSize != MaxFileSize+1 {
		t.Fatalf("a text over the limit: TooLarge %v, %d lines, size %d", f.TooLarge, f.NumLines(), f.RefusedSize)
	}
}

// A file of more lines than MaxLines (a log, a million blank lines) is refused too, from disk with a
// message that counts its lines, from an editor as an empty file that says why; one line fewer is read.
func TestAFileOfTooManyLinesIsRefusedWithAMessage(t *testing.T) {
	atLimit := "[default]" + strings.Repeat("\n", MaxLines-1)
	if f := ParseString(ConfigFile, "config", atLimit); f.TooLarge || f.NumLines() != MaxLines || len(f.Sections) != 2 {
		t.Fatalf("a text of exactly MaxLines lines: TooLarge %v, %d lines, %d sections", f.TooLarge, f.NumLines(), len(f.Sections))
	}
	over := atLimit + "\n"
	f := ParseString(ConfigFile, "config", over)
	if !f.TooLarge || f.NumLines() != 1 || f.RefusedLines != MaxLines+1 || f.RefusedSize != len(over) {
		t.Fatalf("a text of MaxLines+1 lines: TooLarge %v, %d lines, refused %d lines", f.TooLarge, f.NumLines(), f.RefusedLines)
	}
	// Typing the line break that goes over the limit refuses the file as a full parse does; deleting it
	// reads the file again.
	grown := Reparse(ParseString(ConfigFile, "config", atLimit), over)
	if !grown.TooLarge || grown.RefusedLines != MaxLines+1 {
		t.Fatalf("Reparse over the limit: TooLarge %v, refused %d lines", grown.TooLarge, grown.RefusedLines)
	}
	if back := Reparse(grown, atLimit); back.TooLarge || back.NumLines() != MaxLines {
		t.Fatalf("Reparse back under the limit: TooLarge %v, %d lines", back.TooLarge, back.NumLines())
	}
	path := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(path, []byte(over), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(ConfigFile, path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "it has 1048577 lines") ||
		!strings.Contains(err.Error(), "up to 1048576 lines") {
		t.Fatalf("reading a file of MaxLines+1 lines: %v, want a message naming the file, its lines and the limit", err)
	}
}

// parseInOne reads a file with one parser, as ParseString does below splitMin.
func parseInOne(kind FileKind, text string) *File {
	f := newFile(kind, "f", text)
	f.makeLines(countLines(f.src), nil, 0)
	p := parser{f: f}
	p.run()
	f.Sections = p.sections
	return f
}

// parseInHalves reads a file in two halves at once wherever it can be split, whatever its size.
func parseInHalves(kind FileKind, text string) (f *File, split bool) {
	f = newFile(kind, "f", text)
	f.makeLines(countLines(f.src), nil, 0)
	at, line, ok := splitPoint(f)
	if !ok {
		return parseInOne(kind, text), false
	}
	parseHalves(f, at, line)
	return f, true
}

// A large file is read in two halves at once; the tree is the one a single pass gives, field for field,
// with LF and CRLF line breaks, and for the credentials file too.
func TestALargeFileReadInHalvesGivesWhatOnePassGives(t *testing.T) {
	g := conformance.Generate(10000)
	for _, tc := range []struct {
		kind FileKind
		text string
	}{
		{ConfigFile, string(g.Config)},
		{ConfigFile, strings.ReplaceAll(string(g.Config), "\n", "\r\n")},
		{ConfigFile, "# [a note] and [another]\n" + string(g.Config)}, // brackets that are no header
		{CredentialsFile, string(g.Credentials)},
	} {
		if len(tc.text) < splitMin {
			continue // the credentials file of the generator may be small
		}
		got := ParseString(tc.kind, "f", tc.text)
		want := parseInOne(tc.kind, tc.text)
		want.Path, want.id = got.Path, got.id
		assertSameTree(t, got, want)
		if _, split := parseInHalves(tc.kind, tc.text); !split {
			t.Errorf("a %d-byte %s file was not split", len(tc.text), tc.kind)
		}
	}
}
