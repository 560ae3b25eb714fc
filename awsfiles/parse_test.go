package awsfiles

import (
	"bytes"
	"testing"
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
	if region.Raw != `"eu-west-1" # home` || region.Value != "eu-west-1" {
		t.Errorf("region raw %q value %q", region.Raw, region.Value)
	}
	s3 := s.Lookup("s3")
	if len(s3.Sub) != 2 || s3.Sub[1].Name != "addressing_style" || s3.Sub[1].Value != "path" {
		t.Errorf("s3 block = %+v", s3.Sub)
	}
	pager := s.Lookup("cli_pager")
	if pager == nil || !pager.Indented {
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
	for _, seed := range []string{"[default]\nregion = us-east-1\n", "[profile a]\r\ns3 =\r\n  x = 1\r\n", "\xef\xbb\xbf[x]\n\xff", "k=v\n  c\n[ a b ] # c\n"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, kind := range []FileKind{ConfigFile, CredentialsFile} {
			file := Parse(kind, "f", src)
			if !bytes.Equal(file.Bytes(), src) {
				t.Fatalf("round trip lost bytes")
			}
			checkSpans(t, file)
		}
	})
}

// checkSpans asserts that every token span lies inside its line and converts to positions and back.
func checkSpans(t *testing.T, f *File) {
	t.Helper()
	for _, l := range f.Lines {
		for _, s := range []Span{l.Indent, l.Key, l.Value, l.Inner, l.Trailing} {
			if s == (Span{}) {
				continue
			}
			if s.Start < l.Span.Start || s.End > l.Span.End || s.Start > s.End {
				t.Fatalf("line %d: span %+v outside %+v", l.Num, s, l.Span)
			}
		}
		p := f.Position(l.Span.Start)
		if p.Line != l.Num || p.Character != 0 || f.Offset(p.Line, 0) != l.Span.Start {
			t.Fatalf("line %d starts at %+v", l.Num, p)
		}
	}
}

func TestLoneCarriageReturnEndsALineAsInEditors(t *testing.T) {
	f := Parse(ConfigFile, "config", []byte("[a]\rregion = x\r\n[b]\n"))
	if len(f.Lines) != 4 || f.Lines[1].Text != "region = x" || f.Lines[0].EOL != "\r" {
		t.Fatalf("lines = %+v", f.Lines)
	}
	if p := f.Position(len("[a]\r")); p.Line != 1 || p.Character != 0 {
		t.Fatalf("position after lone CR = %+v", p)
	}
}
