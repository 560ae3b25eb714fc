package awsfiles

import (
	"iter"
	"strings"
)

// FileKind tells the config file from the credentials file: their section headers mean different things.
type FileKind int

const (
	ConfigFile FileKind = iota
	CredentialsFile
)

func (k FileKind) String() string {
	if k == CredentialsFile {
		return "credentials"
	}
	return "config"
}

// Line is one physical line and where its tokens are. It holds offsets only, as int32 (a file over
// MaxFileSize is never parsed), and no pointer: a 10,000-profile file has some 60,000 lines, and a
// line that held its text and terminator as strings and its spans as ints took 168 bytes and gave the
// collector two pointers to follow; this one takes 36 and gives it none. The text is the file's:
// File.LineText. The token spans are methods, absolute byte offsets into the file, and
// empty where the line's kind has no such token.
type Line struct {
	num  int32    // 0-based line number
	Kind LineKind // what the line is
	eol  eolKind  // its terminator
	// special says which of the characters that make the two tools read a line differently (comment
	// characters and quotes) the line holds: most lines hold none, and the line rules skip their slow
	// checks for those.
	special uint8

	// afterBOM is set on a first line that starts with a byte order mark: its indentation starts after it.
	afterBOM bool

	start, end int32 // the line without its terminator
	indentEnd  int32 // the end of the leading spaces and tabs
	// Properties: the key is [indentEnd, keyEnd), the delimiter at mid, the value [valStart, valEnd).
	// Continuations: only the value. Headers: '[' at indentEnd, ']' at mid, and what follows ']' up to
	// valEnd.
	keyEnd, mid, valStart, valEnd int32
}

// LineKind classifies one physical line.
type LineKind uint8

const (
	LineBlank        LineKind = iota // nothing but whitespace
	LineComment                      // first non-blank character is # or ;
	LineHeader                       // [section]
	LineProperty                     // key = value at column 0
	LineSubProperty                  // indented key = value: a nested block entry, or a line botocore glues on
	LineContinuation                 // indented text without a delimiter
	LineInvalid                      // anything else: the AWS CLI refuses the whole file
)

// eolKind is a line's terminator.
type eolKind uint8

const (
	eolNone eolKind = iota // the last line
	eolLF                  // "\n"
	eolCRLF                // "\r\n"
	eolCR                  // a lone "\r"
)

var eolText = [...]string{eolNone: "", eolLF: "\n", eolCRLF: "\r\n", eolCR: "\r"}

// Num is the line's 0-based number.
func (l *Line) Num() int { return int(l.num) }

// EOL is the line's terminator: "\n", "\r\n", a lone "\r", or "" (the last line).
func (l *Line) EOL() string { return eolText[l.eol] }

// Span is the line without its terminator.
func (l *Line) Span() Span { return Span{int(l.start), int(l.end)} }

// SpanWithEOL is the line with its terminator: what an edit removes to remove the line.
func (l *Line) SpanWithEOL() Span { return Span{int(l.start), int(l.end) + len(eolText[l.eol])} }

// Indent is the line's leading spaces and tabs.
func (l *Line) Indent() Span {
	start := int(l.start)
	if l.afterBOM {
		start += len(bom)
	}
	return Span{start, int(l.indentEnd)}
}

// bom is the UTF-8 byte order mark.
const bom = "\xef\xbb\xbf"

// Plain reports that the line holds no comment character (# or ;) and no quote: the characters that make
// the two tools read a line differently.
func (l *Line) Plain() bool { return l.special == 0 }

func (l *Line) isSetting() bool { return l.Kind == LineProperty || l.Kind == LineSubProperty }

// Key is a property's key (without the blanks before the delimiter).
func (l *Line) Key() Span {
	if !l.isSetting() {
		return Span{}
	}
	return Span{int(l.indentEnd), int(l.keyEnd)}
}

// Delim is the offset of a property's delimiter ('=' or ':'), 0 for other lines.
func (l *Line) Delim() int {
	if !l.isSetting() {
		return 0
	}
	return int(l.mid)
}

// Value is a property's value, trimmed of surrounding blanks, or a continuation line's text.
func (l *Line) Value() Span {
	if !l.isSetting() && l.Kind != LineContinuation {
		return Span{}
	}
	return Span{int(l.valStart), int(l.valEnd)}
}

// Open is the offset of a header's '[', 0 for other lines.
func (l *Line) Open() int {
	if l.Kind != LineHeader {
		return 0
	}
	return int(l.indentEnd)
}

// Close is the offset of a header's last ']', 0 for other lines.
func (l *Line) Close() int {
	if l.Kind != LineHeader {
		return 0
	}
	return int(l.mid)
}

// Inner is the text between a header's brackets.
func (l *Line) Inner() Span {
	if l.Kind != LineHeader {
		return Span{}
	}
	return Span{int(l.indentEnd) + 1, int(l.mid)}
}

// Trailing is what follows a header's ']' (empty when nothing does).
func (l *Line) Trailing() Span {
	if l.Kind != LineHeader {
		return Span{}
	}
	return Span{int(l.mid) + 1, int(l.valEnd)}
}

// LineText is a line's bytes without its terminator.
func (f *File) LineText(l *Line) string { return f.text[l.start:l.end] }

// Header is how a section header reads. The text between its brackets is Section.Inner.
type Header struct {
	Type SectionType // what the header declares
	Name string      // the intended name (profile, sso-session or services name)
}

// SectionType is what a section header declares.
type SectionType uint8

const (
	SectionNone       SectionType = iota // lines before the first header
	SectionProfile                       // [default], [profile x]; in credentials [x]
	SectionSSOSession                    // [sso-session x]
	SectionServices                      // [services x]
	SectionOther                         // anything else ([plugins], [DEFAULT], a bare [x] in config, ...)
)

// Section is a header line and the lines up to the next header. The lines before the first header form a
// section with a nil Header.
type Section struct {
	File    *File
	Header  *Line
	Head    Header
	Entries []*Entry // the properties, in order, with their nested blocks
	// The body lines (Lines) are the file's lines firstLine up to firstLine+nlines: two numbers, not a
	// slice, for the 11,000 sections of a large pair of files.
	firstLine, nlines int32
	index             int32 // its place in File.Sections
}

// Lines are the section's body lines, in order (the header line is not among them).
func (s *Section) Lines() iter.Seq[*Line] {
	first, end := s.LineNums()
	return s.File.Lines(first, end)
}

// LineNums are the numbers of the section's body lines: first up to end (end == first: none).
func (s *Section) LineNums() (first, end int) {
	return int(s.firstLine), int(s.firstLine + s.nlines)
}

// Entry is one key = value property. Most of it is read off its line: its key and value as written, and
// for most entries the lower-case name and the intended value too, which are then the same. What few
// entries have (a key with capitals, a value with quotes, a comment or wrapped lines, a nested block)
// hangs off a pointer that is nil for the others, and so does the parent of the one entry in fifty that
// sits in a nested block: an entry takes 24 bytes, where the 40,000 of a 10,000-profile file took 144 each.
type Entry struct {
	Section *Section
	Line    *Line
	more    *entryMore // what few entries have, the parent of a nested entry among it
}

// Indented reports an indented key = value line that is not part of a nested block: aws-sdk-go-v2 reads
// it as a key of its own; botocore does too unless it is indented deeper than the key line before it, in
// which case botocore glues it onto that key's value (the indented-line rule tells).
func (e *Entry) Indented() bool { return e.Line.Kind == LineSubProperty && e.Parent() == nil }

// entryMore is what few entries have.
type entryMore struct {
	parent    *Entry // the entry whose nested block holds this one
	sub       []*Entry
	continued []*Line
	name      string // the lower-case name, when the key has capitals
	value     string // the intended value, when it is not the value as written
	hasName   bool
	hasValue  bool
}

// Name is the key lower-cased, as both tools compare keys.
func (e *Entry) Name() string {
	if e.more != nil && e.more.hasName {
		return e.more.name
	}
	return e.Key()
}

// Value is the intended value: inline comment and surrounding quotes removed (aws-sdk-go-v2's reading),
// with wrapped continuation lines appended after "\n" as both tools do.
func (e *Entry) Value() string {
	if e.more != nil && e.more.hasValue {
		return e.more.value
	}
	return e.Raw()
}

// Key is the key as written.
func (e *Entry) Key() string { return e.Section.File.Text(e.Line.Key()) }

// Raw is the value as written (trimmed), what botocore reads from this line.
func (e *Entry) Raw() string { return e.Section.File.Text(e.Line.Value()) }

// Parent is the entry whose nested block holds this one, or nil for a key of the section's own.
func (e *Entry) Parent() *Entry {
	if e.more == nil {
		return nil
	}
	return e.more.parent
}

// Sub is the lines of a nested block (`s3 =` followed by indented key = value lines).
func (e *Entry) Sub() []*Entry {
	if e.more == nil {
		return nil
	}
	return e.more.sub
}

// Continued is the indented lines without a delimiter that follow this entry.
func (e *Entry) Continued() []*Line {
	if e.more == nil {
		return nil
	}
	return e.more.continued
}

// File is a parsed AWS config or credentials file.
type File struct {
	Kind FileKind
	Path string
	src  []byte // the source; shares memory with text
	text string
	// lines are the file's lines in chunks of lineChunk: Line(n) is lines[n/lineChunk][n%lineChunk]. A
	// line costs no pointer of its own, and Reparse shares the chunks before an edit with the version it
	// came from (they are never written after parsing).
	lines    [][]Line
	nlines   int
	Sections []*Section // the preamble (nil Header) first, then one per header line, in file order

	BOM      bool // the file starts with a UTF-8 byte order mark
	TooLarge bool // the text was over MaxFileSize or MaxLines and was read as an empty file (see ParseString)
	// RefusedSize and RefusedLines say how large a TooLarge text was: its bytes, and its lines when it was
	// refused for them (0 when it was refused for its size).
	RefusedSize, RefusedLines int
	InvalidUTF8               []Span // byte ranges that are not valid UTF-8

	id   uint64  // tells this version from every other file parsed in the process (Recheck)
	edit *Change // for a file made by Reparse: what changed since the version it came from
}

// Bits of Line.special.
const (
	specialHash   uint8 = 1 << iota // '#'
	specialSemi                     // ';'
	specialDQuote                   // '"'
	specialSQuote                   // '\''
)

// specialChars are the characters of Line.special, in the order of its bits.
var specialChars = [4]byte{'#', ';', '"', '\''}

// Src is the file's bytes. Callers must not modify them.
func (f *File) Src() []byte { return f.src }

// Bytes prints the tree: the concatenation of every line of every section, which is the input byte for byte.
func (f *File) Bytes() []byte {
	var b strings.Builder
	b.Grow(len(f.src))
	for _, s := range f.Sections {
		if s.Header != nil {
			b.WriteString(f.LineText(s.Header))
			b.WriteString(s.Header.EOL())
		}
		for l := range s.Lines() {
			b.WriteString(f.LineText(l))
			b.WriteString(l.EOL())
		}
	}
	return []byte(b.String())
}

// Text returns the source text of a span.
func (f *File) Text(s Span) string { return f.text[s.Start:s.End] }

// String is the whole source as text.
func (f *File) String() string { return f.text }

// Range of an entry's key, value, or whole line.
func (e *Entry) KeyRange() Range   { return e.Section.File.RangeOf(e.Line.Key()) }
func (e *Entry) ValueRange() Range { return e.Section.File.RangeOf(e.Line.Value()) }
func (e *Entry) LineRange() Range  { return e.Section.File.RangeOf(e.Line.Span()) }

// Inner is the text between the header's brackets, as written ("" for the preamble).
func (s *Section) Inner() string {
	if s.Header == nil {
		return ""
	}
	return s.File.Text(s.Header.Inner())
}

// NameRange is the range of the section's name inside its header (the whole inner text when the name is
// not found in it), or the start of the file for the preamble.
func (s *Section) NameRange() Range {
	if s.Header == nil {
		return s.File.RangeOf(Span{})
	}
	return s.File.RangeOf(s.NameSpan())
}

// NameSpan is the byte span of the name inside the header.
func (s *Section) NameSpan() Span {
	h := s.Header
	inner := s.File.Text(h.Inner())
	if s.Head.Name != "" {
		if i := strings.LastIndex(inner, s.Head.Name); i >= 0 {
			return Span{h.Inner().Start + i, h.Inner().Start + i + len(s.Head.Name)}
		}
	}
	return h.Inner()
}

// HeaderRange is the range of the whole header line.
func (s *Section) HeaderRange() Range {
	if s.Header == nil {
		return s.File.RangeOf(Span{})
	}
	return s.File.RangeOf(s.Header.Span())
}

// Range of the whole section: its header through its last non-blank line.
func (s *Section) Range() Range {
	start := Span{}
	first, last := s.LineNums()
	if s.Header != nil {
		start = s.Header.Span()
	} else if last > first {
		start = s.File.Line(first).Span()
	}
	end := start
	for n := last - 1; n >= first; n-- {
		if l := s.File.Line(n); l.Kind != LineBlank {
			end = l.Span()
			break
		}
	}
	return s.File.RangeOf(Span{start.Start, end.End})
}

// Lookup returns the last entry with this (lower-case) key, as aws-sdk-go-v2 keeps the last one.
func (s *Section) Lookup(name string) *Entry {
	for i := len(s.Entries) - 1; i >= 0; i-- {
		if s.Entries[i].Name() == name {
			return s.Entries[i]
		}
	}
	return nil
}

// LineSpanText is the text of a span of a line, without copying ("" for a span outside the line).
func (f *File) LineSpanText(l *Line, sp Span) string {
	if sp.Start < int(l.start) || sp.End > int(l.end) || sp.Start > sp.End {
		return ""
	}
	return f.text[sp.Start:sp.End]
}

// KeyText is the key of a property line as written (without copying).
func (f *File) KeyText(l *Line) string { return f.LineSpanText(l, l.Key()) }

// LineBody is the span of a line's text after its indentation, without trailing blanks.
func (f *File) LineBody(l *Line) Span {
	end := l.Span().Start + len(strings.TrimRight(f.LineText(l), " \t\r\f\v"))
	start := max(l.Indent().End, l.Span().Start)
	return Span{min(start, end), end}
}
