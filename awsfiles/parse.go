package awsfiles

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"
)

// Parse reads one file. It never fails: every byte lands in a Line, and lines that no AWS tool can read
// are kept as LineInvalid for the rules to report.
//
// The tree shares src's memory instead of copying it (a check of a 2 MB file should not allocate several
// times its size), so the caller must not modify src afterwards.
func Parse(kind FileKind, path string, src []byte) *File {
	return ParseString(kind, path, unsafe.String(unsafe.SliceData(src), len(src)))
}

// ParseString is Parse for text already held as a string (an editor's buffer); it does not copy it.
//
// Lines are cut at "\r\n", "\n" or a lone "\r", as LSP editors and botocore's universal newlines do
// (aws-sdk-go-v2 splits only at "\n", and a lone "\r" in a real file is rare), so that line numbers agree
// with what the editor shows. A file that ends with a line break has a last, empty line.
//
// A text over MaxFileSize bytes or MaxLines lines is read as an empty file with TooLarge set: its lines'
// offsets would not fit the compact lines, or its lines alone would take hundreds of megabytes, and no AWS
// file is that large (ReadFile refuses one with a message, the file-too-large rule reports an editor's).
func ParseString(kind FileKind, path string, text string) *File {
	if len(text) > MaxFileSize {
		return refused(kind, path, len(text), 0)
	}
	n := countLines(unsafe.Slice(unsafe.StringData(text), len(text)))
	if n > MaxLines {
		return refused(kind, path, len(text), n)
	}
	f := newFile(kind, path, text)
	f.makeLines(n, nil, 0)
	if len(text) >= splitMin && runtime.GOMAXPROCS(0) > 1 {
		if at, line, ok := splitPoint(f); ok {
			parseHalves(f, at, line)
			return f
		}
	}
	p := parser{f: f}
	p.run()
	f.Sections = p.sections
	return f
}

// refused is the empty file that stands for a text too large to read: size bytes and, when it was not
// refused for its size, lines lines.
func refused(kind FileKind, path string, size, lines int) *File {
	f := ParseString(kind, path, "")
	f.TooLarge, f.RefusedSize, f.RefusedLines = true, size, lines
	return f
}

// TooLargeWhy says why a text of size bytes and lines lines (0: not counted) is too large to read, and
// how large an AWS file usually is.
func TooLargeWhy(size, lines int) string {
	if size > MaxFileSize || lines == 0 {
		return fmt.Sprintf("it holds %d MiB, and Rolecall reads AWS files of up to %d MiB "+
			"(a config file for 10,000 profiles is about 2 MiB)", size>>20, MaxFileSize>>20)
	}
	return fmt.Sprintf("it has %d lines, and Rolecall reads AWS files of up to %d lines "+
		"(a config file for 10,000 profiles has about 60,000)", lines, MaxLines)
}

// splitMin is the smallest file read in two halves at once: below it, starting a goroutine costs about
// what it saves (a 10,000-profile config is 1.9 MB and parses in some 8 ms on one core).
const splitMin = 256 << 10

// splitPoint finds where a file can be read in two halves at once: the start of a header line at column
// 0 near the middle, and that line's number. A header resets everything the parser carries from one line
// to the next (Reparse relies on the same), so the two halves read as the whole would. ok is false when
// the second half has no such header but on its last line.
func splitPoint(f *File) (at, line int, ok bool) {
	for from := len(f.src) / 2; ; {
		j := bytes.Index(f.src[from:], []byte("\n["))
		if j < 0 {
			return 0, 0, false
		}
		at = from + j + 1
		end := at + max(bytes.IndexAny(f.src[at:], "\r\n"), 0)
		if end == at { // the last line: reading it alone gains nothing
			return 0, 0, false
		}
		probe := Line{start: int32(at), end: int32(end)}
		if classify(&probe, f.text[at:end], false); probe.Kind == LineHeader {
			return at, countLines(f.src[:at]) - 1, true
		}
		from = at
	}
}

// parseHalves reads f's lines before at and from at (where line number line starts with a header) at the
// same time, each into its own slabs, and joins their sections. Both halves' sections go into one array,
// sized by the headers' brackets as a single parser sizes it, the second half's after room for the first's;
// joining them moves the second's down.
func parseHalves(f *File, at, line int) {
	room := bytes.Count(f.src[:at], []byte{'['}) + 1
	all := make([]*Section, 0, room+bytes.Count(f.src[at:], []byte{'['})+1)
	first, second := parser{f: f, sections: all[:0:room]}, parser{f: f, sections: all[room:room]}
	var wg sync.WaitGroup
	wg.Go(func() { second.lines(at, len(f.src), line, f.nlines-line) })
	first.lines(0, at, 0, line)
	wg.Wait()
	n, m := len(first.sections), len(second.sections)
	if n <= room && m <= cap(all)-room { // always: each header holds a '['
		f.Sections = all[:n+copy(all[n:room+m], second.sections)]
	} else {
		f.Sections = append(append(make([]*Section, 0, n+m), first.sections...), second.sections...)
	}
	for i, s := range f.Sections[n:] {
		s.index = int32(n + i)
	}
}

// newFile is a file of text before its lines are read: the source shares the text's memory, and what
// holds for the whole file (a byte order mark, invalid UTF-8) is known.
func newFile(kind FileKind, path string, text string) *File {
	src := unsafe.Slice(unsafe.StringData(text), len(text))
	f := &File{Kind: kind, Path: path, src: src, text: text, id: fileIDs.Add(1)}
	f.BOM = strings.HasPrefix(text, bom)
	f.InvalidUTF8 = invalidUTF8Spans(src)
	return f
}

// fileIDs numbers the files parsed, so that a file can name the version it was reparsed from without
// holding it (which would keep every version of an editing session alive).
var fileIDs atomic.Uint64

// MaxFileSize is the largest file Rolecall parses: 256 MiB, the largest message the language server
// accepts. Lines keep their offsets as int32.
const MaxFileSize = 256 << 20

// MaxLines is the most lines Rolecall parses in one file: 1,048,576, some 170,000 profiles (a config file
// for 10,000 has about 60,000 lines). Every line costs its 36 bytes, and a line of garbage a diagnostic,
// so a file of 256 MiB of line breaks alone would take gigabytes.
const MaxLines = 1 << 20

// countLines is the number of lines of a source: one more than its line breaks.
func countLines(src []byte) int {
	n := bytes.Count(src, []byte{'\n'}) + 1
	if bytes.IndexByte(src, '\r') >= 0 {
		n += bytes.Count(src, []byte{'\r'}) - bytes.Count(src, []byte("\r\n"))
	}
	return n
}

// classify sets a line's kind and token offsets; text is the line without its terminator. A leading BOM
// is not whitespace for either tool, so a line that starts with one is classified on its text without it
// (the bom rule reports the BOM itself).
func classify(l *Line, text string, skipBOM bool) {
	base := int(l.start)
	if skipBOM {
		text, base = text[len(bom):], base+len(bom)
	}
	l.afterBOM = skipBOM
	indent := 0
	for indent < len(text) && (text[indent] == ' ' || text[indent] == '\t') {
		indent++
	}
	l.indentEnd = int32(base + indent)
	end := len(text)
	for end > indent && isTrailingBlank(text[end-1]) {
		end--
	}
	body := text[indent:end]
	switch {
	case body == "":
		l.Kind = LineBlank
	case body[0] == '#' || body[0] == ';':
		l.Kind = LineComment
	case body[0] == '[' && strings.IndexByte(body, ']') >= 0:
		l.Kind = LineHeader
		l.mid = int32(base + indent + strings.LastIndexByte(body, ']'))
		l.valEnd = int32(base + indent + len(body))
	default:
		classifyProperty(l, base, indent, body)
	}
}

// isTrailingBlank is the set of bytes trimmed from the end of a line: " \t\r\f\v".
func isTrailingBlank(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

func classifyProperty(l *Line, base, indent int, body string) {
	d := delimiterIndex(body)
	if d <= 0 { // no delimiter, or an empty key
		if indent > 0 && d < 0 {
			l.Kind = LineContinuation
			l.valStart, l.valEnd = int32(base+indent), int32(base+indent+len(body))
			return
		}
		l.Kind = LineInvalid
		return
	}
	l.Kind = LineProperty
	if indent > 0 {
		l.Kind = LineSubProperty
	}
	keyEnd := d
	for keyEnd > 0 && (body[keyEnd-1] == ' ' || body[keyEnd-1] == '\t') {
		keyEnd--
	}
	l.keyEnd = int32(base + indent + keyEnd)
	l.mid = int32(base + indent + d)
	lead := d + 1
	for lead < len(body) && (body[lead] == ' ' || body[lead] == '\t') {
		lead++
	}
	l.valStart, l.valEnd = int32(base+indent+lead), int32(base+indent+len(body))
}

// delimiterIndex is the index of the first '=' or ':', whichever comes first (both tools agree on this).
func delimiterIndex(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '=' || s[i] == ':' {
			return i
		}
	}
	return -1
}

// commentAfterBlank reports a value that starts with '#' or ';' right after a blank.
func commentAfterBlank(f *File, l *Line) bool {
	v := l.Value()
	if v.Len() == 0 || v.Start == 0 || f.src[v.Start] != '#' && f.src[v.Start] != ';' {
		return false
	}
	return f.src[v.Start-1] == ' ' || f.src[v.Start-1] == '\t'
}

// lower is strings.ToLower without the allocation for the usual, already lower-case key.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// intendedValue is what aws-sdk-go-v2 makes of a value: a top-level value loses an inline comment (a '#' or
// ';' after whitespace), then surrounding matching quotes. A lone quote stays as it is (the SDK panics on
// it; the lone-quote rule reports it).
func intendedValue(raw string, topLevel bool) string {
	v := raw
	if topLevel {
		if i := inlineCommentIndex(v); i >= 0 {
			v = strings.TrimSpace(v[:i])
		}
	}
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		v = v[1 : len(v)-1]
	}
	return v
}

// inlineCommentIndex finds where aws-sdk-go-v2 cuts a value: the first whitespace followed by '#' or ';'.
func inlineCommentIndex(v string) int {
	for i := 1; i < len(v); i++ {
		if (v[i] == '#' || v[i] == ';') && (v[i-1] == ' ' || v[i-1] == '\t') {
			return i - 1
		}
	}
	return -1
}

func invalidUTF8Spans(src []byte) []Span {
	if utf8.Valid(src) {
		return nil
	}
	var spans []Span
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			if n := len(spans); n > 0 && spans[n-1].End == i {
				spans[n-1].End++
			} else {
				spans = append(spans, Span{i, i + 1})
			}
		}
		i += size
	}
	return spans
}
