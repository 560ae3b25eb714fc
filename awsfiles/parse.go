package awsfiles

import (
	"bytes"
	"strings"
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
func ParseString(kind FileKind, path string, text string) *File {
	src := unsafe.Slice(unsafe.StringData(text), len(text))
	f := &File{Kind: kind, Path: path, src: src, text: text}
	f.BOM = bytes.HasPrefix(src, []byte("\xef\xbb\xbf"))
	f.InvalidUTF8 = invalidUTF8Spans(src)
	f.splitLines()
	f.buildSections()
	return f
}

// splitLines cuts the source into lines at "\r\n", "\n" or a lone "\r", as LSP editors and botocore's universal
// newlines do (aws-sdk-go-v2 splits only at "\n", and a lone "\r" in a real file is rare), so that line numbers
// agree with what the editor shows. A file that ends with a line break has a last, empty line.
func (f *File) splitLines() {
	src, text := f.src, f.text
	n := bytes.Count(src, []byte{'\n'}) + bytes.Count(src, []byte{'\r'}) + 1 // an upper bound
	slab := make([]Line, 0, n)
	f.lineStarts = make([]int, 1, n)
	for start, num := 0, 0; ; num++ {
		i := bytes.IndexAny(src[start:], "\r\n")
		end, next := len(src), len(src)
		if i >= 0 {
			end, next = start+i, start+i+1
			if src[end] == '\r' && next < len(src) && src[next] == '\n' {
				next++
			}
		}
		slab = append(slab, Line{Num: num, Text: text[start:end], EOL: text[end:next], Span: Span{start, end}})
		classify(&slab[num], f.BOM && num == 0)
		if i < 0 {
			break
		}
		start = next
		f.lineStarts = append(f.lineStarts, next)
	}
	f.Lines = make([]*Line, len(slab))
	for i := range slab {
		f.Lines[i] = &slab[i]
	}
}

// classify sets a line's kind and token spans. A leading BOM is not whitespace for either tool, so a line
// that starts with one is classified on its text without it (the bom rule reports the BOM itself).
func classify(l *Line, skipBOM bool) {
	text, base := l.Text, l.Span.Start
	if skipBOM {
		text, base = text[3:], base+3
	}
	indent := len(text) - len(strings.TrimLeft(text, " \t"))
	l.Indent = Span{base, base + indent}
	body := strings.TrimRight(text[indent:], " \t\r\f\v")
	switch {
	case body == "":
		l.Kind = LineBlank
	case body[0] == '#' || body[0] == ';':
		l.Kind = LineComment
	case body[0] == '[' && strings.Contains(body, "]"):
		l.Kind = LineHeader
		l.Open = base + indent
		l.Close = base + indent + strings.LastIndex(body, "]")
		l.Inner = Span{l.Open + 1, l.Close}
		l.Trailing = Span{l.Close + 1, base + indent + len(body)}
	default:
		classifyProperty(l, text, base, indent, body)
	}
}

func classifyProperty(l *Line, text string, base, indent int, body string) {
	d := delimiterIndex(body)
	if d <= 0 { // no delimiter, or an empty key
		if indent > 0 && d < 0 {
			l.Kind = LineContinuation
			l.Value = Span{base + indent, base + indent + len(body)}
			return
		}
		l.Kind = LineInvalid
		return
	}
	l.Kind = LineProperty
	if indent > 0 {
		l.Kind = LineSubProperty
	}
	key := strings.TrimRight(body[:d], " \t")
	l.Key = Span{base + indent, base + indent + len(key)}
	l.Delim = base + indent + d
	rest := body[d+1:]
	lead := len(rest) - len(strings.TrimLeft(rest, " \t"))
	l.Value = Span{l.Delim + 1 + lead, base + indent + len(body)}
}

// delimiterIndex is the index of the first '=' or ':', whichever comes first (both tools agree on this).
func delimiterIndex(s string) int { return strings.IndexAny(s, "=:") }

// buildSections groups lines under their headers and builds the entries of each section.
func (f *File) buildSections() {
	headers, props := 0, 0
	for _, l := range f.Lines {
		switch l.Kind {
		case LineHeader:
			headers++
		case LineProperty, LineSubProperty:
			props++
		}
	}
	sections := make([]Section, 0, headers+1)
	f.entries = make([]Entry, 0, props)
	f.Sections = make([]*Section, 0, headers+1)
	sections = append(sections, Section{File: f})
	cur := &sections[0]
	f.Sections = append(f.Sections, cur)
	var last *Entry
	for _, l := range f.Lines {
		switch l.Kind {
		case LineHeader:
			sections = append(sections, Section{File: f, Header: l, Head: readHeader(f.Kind, f.Text(l.Inner))})
			cur = &sections[len(sections)-1]
			f.Sections = append(f.Sections, cur)
			last = nil
			continue
		case LineProperty:
			last = cur.addEntry(l)
		case LineSubProperty:
			// aws-sdk-go-v2 nests an indented key = value under the current key when that key's
			// (unquoted) value is empty, and otherwise promotes it to a key of its own.
			if last != nil && last.Value == "" {
				e := cur.newEntry(l, false)
				e.Parent = last
				last.Sub = append(last.Sub, e)
			} else {
				last = cur.addEntry(l)
				last.Indented = true
			}
		case LineContinuation:
			if last != nil {
				last.Continued = append(last.Continued, l)
			}
		}
		cur.Lines = append(cur.Lines, l)
	}
}

// newEntry takes the next entry from the file's slab (sized in buildSections, so it never reallocates and
// the pointers stay valid). A top-level entry (a key of its own, indented or not) loses an inline comment
// as aws-sdk-go-v2 reads it; a nested one keeps it.
func (s *Section) newEntry(l *Line, topLevel bool) *Entry {
	f := s.File
	raw, key := f.Text(l.Value), f.Text(l.Key)
	value := intendedValue(raw, topLevel)
	if topLevel && commentAfterBlank(f, l) {
		value = "" // `key = # note`: the SDK cuts the line at " #", leaving no value
	}
	f.entries = append(f.entries, Entry{Section: s, Line: l, Key: key, Name: lower(key), Raw: raw, Value: value})
	return &f.entries[len(f.entries)-1]
}

// commentAfterBlank reports a value that starts with '#' or ';' right after a blank.
func commentAfterBlank(f *File, l *Line) bool {
	v := l.Value
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

func (s *Section) addEntry(l *Line) *Entry {
	e := s.newEntry(l, true)
	s.Entries = append(s.Entries, e)
	return e
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
