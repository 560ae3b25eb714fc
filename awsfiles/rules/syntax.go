package rules

import (
	"strings"
	"unicode"

	"github.com/rolecall/rolecall/awsfiles"
)

// The syntax rules read every line twice in one pass: as botocore's configparser reads it (spec §2.1) and
// as aws-sdk-go-v2's ini tokenizer reads it (§2.2). The model (parse.go) keeps the intended reading; these
// two readings exist to say which tool breaks, or how the two disagree, on each line.

// botoRefuses ends every message about a line that makes botocore raise ConfigParseError. The AWS CLI
// reads both files before it does anything, so it cannot run at all (spec §2.1); tests compare this claim
// with botocore itself.
const botoRefuses = `the AWS CLI (botocore) refuses the whole file ("Unable to parse config file"), so no AWS CLI command works`

// lineRole is what one tool makes of a line.
type lineRole uint8

const (
	roleSkip      lineRole = iota // blank or comment
	roleHeader                    // a section header
	roleKey                       // a key = value setting of its own
	roleGlued                     // appended to the value of an earlier key (a continuation line)
	roleNested                    // a line of the nested block of an earlier key whose own value is empty
	roleNoSection                 // botocore: content before the first header (MissingSectionHeaderError)
	roleBad                       // botocore: an unreadable line (ParsingError)
	roleIgnored                   // aws-sdk-go-v2: a line it skips
)

// reading is one tool's reading of a line; owner is the key line a glued or nested line belongs to.
type reading struct {
	role  lineRole
	owner *awsfiles.Line
}

// botoReader follows configparser's _read loop (Python 3.11, strict, empty_lines_in_values=True): comments
// and blank lines change nothing, and a line indented deeper than the last header or key line continues
// that key's value, even across blank lines and comments.
type botoReader struct {
	inSection bool
	key       *awsfiles.Line // configparser's optname: nil after a header or an empty key
	keyRest   string         // the text after the key's delimiter: when it is blank, glued lines form a nested block
	level     int            // indentation of the last line that was not a continuation
}

func (r *botoReader) read(text string, l *awsfiles.Line) reading {
	s := pyStrip(text)
	if s == "" || s[0] == '#' || s[0] == ';' {
		return reading{role: roleSkip}
	}
	indent := pyIndent(text)
	if r.key != nil && indent > r.level {
		if pyStrip(r.keyRest) == "" {
			return reading{roleNested, r.key}
		}
		return reading{roleGlued, r.key}
	}
	r.level = indent
	d := indexDelimiter(s)
	switch {
	case s[0] == '[' && strings.LastIndexByte(s, ']') >= 2:
		r.inSection, r.key = true, nil
		return reading{role: roleHeader}
	case !r.inSection:
		return reading{role: roleNoSection}
	case d < 0:
		return reading{role: roleBad}
	case pyStrip(s[:d]) == "":
		r.key = nil
		return reading{role: roleBad}
	}
	r.key, r.keyRest = l, s[d+1:]
	return reading{role: roleKey}
}

// pySpace is Python's str.isspace: Unicode white space plus the separators U+001C..U+001F.
func pySpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

func pyASCIISpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' || c >= 0x1c && c <= 0x1f }

// pyStrip is Python's str.strip(), with a fast path for ASCII ends.
func pyStrip(s string) string {
	i, j := 0, len(s)
	for i < j && pyASCIISpace(s[i]) {
		i++
	}
	for j > i && pyASCIISpace(s[j-1]) {
		j--
	}
	if i < j && (s[i] >= 0x80 || s[j-1] >= 0x80) {
		return strings.TrimFunc(s[i:j], pySpace)
	}
	return s[i:j]
}

// pyIndent is configparser's indentation: the index, in characters, of the first non-space character.
func pyIndent(s string) int {
	n := 0
	for i, r := range s {
		if r < 0x80 && !pyASCIISpace(s[i]) || r >= 0x80 && !pySpace(r) {
			break
		}
		n++
	}
	return n
}

// indexDelimiter is the index of the first '=' or ':' (botocore's option regex), or -1.
func indexDelimiter(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '=' || s[i] == ':' {
			return i
		}
	}
	return -1
}

// trimSpaceTabLeft and trimSpaceTabRight trim blanks (spaces and tabs) as aws-sdk-go-v2's
// TrimLeft/TrimRight(s, " \t") do.
func trimSpaceTabLeft(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	return s
}

func trimSpaceTabRight(s string) string {
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// sdkReader follows aws-sdk-go-v2's tokenize and parse: an indented key = value line becomes part of the
// current key's nested block only when that key's value is empty, and is otherwise promoted to a key.
type sdkReader struct {
	inSection bool
	key       *awsfiles.Line // the parser's ckey
	keyText   string         // its line's text: the value is split from it only when an indented line needs it
	promoted  bool           // the key came from an indented line: its comment is cut after unquoting
}

// keyEmpty is the parser's test `values[ckey].str == ""`.
func (r *sdkReader) keyEmpty() bool {
	_, v, _ := sdkSplit(r.keyText, r.promoted)
	if r.promoted {
		return strings.TrimSpace(sdkCutComment(sdkUnquote(v))) == ""
	}
	return sdkUnquote(v) == ""
}

func (r *sdkReader) read(text string, l *awsfiles.Line) reading {
	t := trimSpaceTabLeft(text)
	if t == "" || t[0] == '#' || t[0] == ';' || strings.TrimSpace(t) == "" {
		return reading{role: roleSkip}
	}
	if l.Kind == awsfiles.LineProperty && t[0] != '[' && len(t) == len(text) && commentCharAt(text[:l.Delim()-l.Span().Start-(l.Span().Len()-len(text))]) < 0 {
		// The common case: a column-0 key = value line whose key holds no comment character reads the same.
		if r.inSection {
			r.key, r.keyText, r.promoted = l, text, false
			return reading{role: roleKey}
		}
		return reading{role: roleIgnored}
	}
	if t[0] == '[' || strings.TrimSpace(t)[0] == '[' {
		if _, ok := sdkBracketed(text); ok {
			r.inSection, r.key = true, nil
			return reading{role: roleHeader}
		}
	}
	indented := text[0] == ' ' || text[0] == '\t'
	key, _, ok := sdkSplit(text, indented)
	switch {
	case !ok && indented && r.key != nil && !r.keyEmpty():
		return reading{roleGlued, r.key}
	case !ok || !r.inSection:
		return reading{role: roleIgnored}
	case indented && r.key != nil && r.keyEmpty():
		return reading{roleNested, r.key}
	}
	r.key, r.keyText, r.promoted = l, text, indented
	if key == "" { // the SDK's "no current key"
		r.key = nil
	}
	return reading{role: roleKey}
}

func sdkComment(text string) bool {
	t := trimSpaceTabLeft(text)
	return t != "" && (t[0] == '#' || t[0] == ';')
}

// sdkSplit splits a property line as asProperty (column 0: inline comment cut first) or asSubProperty
// (indented: comment kept) do, and returns the trimmed key and value.
func sdkSplit(text string, indented bool) (key, value string, ok bool) {
	t := trimSpaceTabLeft(text)
	if !indented {
		t = trimSpaceTabRight(sdkCutComment(text))
	}
	d := sdkDelimiter(t)
	if d < 0 {
		return "", "", false
	}
	return strings.TrimSpace(t[:d]), strings.TrimSpace(t[d+1:]), true
}

// sdkDelimiter is splitProperty's choice: the first '=', unless a ':' comes before it or there is no '='.
func sdkDelimiter(t string) int {
	eq, colon := strings.IndexByte(t, '='), strings.IndexByte(t, ':')
	if eq < 0 || colon >= 0 && colon < eq {
		return colon
	}
	return eq
}

// sdkCutComment is trimPropertyComment: the text before the first blank followed by '#' or ';'.
func sdkCutComment(s string) string {
	if i := commentCut(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

// commentCut is the index of the first space or tab followed by '#' or ';' at or after from, or -1.
func commentCut(s string, from int) int {
	hash, semi := blankBefore(s, from, '#'), blankBefore(s, from, ';')
	if hash < 0 || semi >= 0 && semi < hash {
		return semi
	}
	return hash
}

// blankBefore finds the first c preceded by a space or tab, the blank at or after from, and returns the
// blank's index. It jumps with IndexByte: comments are rare and lines are long.
func blankBefore(s string, from int, c byte) int {
	for i := max(from, 0) + 1; i < len(s); i++ {
		j := strings.IndexByte(s[i:], c)
		if j < 0 {
			return -1
		}
		if i += j; s[i-1] == ' ' || s[i-1] == '\t' {
			return i - 1
		}
	}
	return -1
}

// sdkUnquote is legacyStrconv without its crash: a lone quote stays as it is.
func sdkUnquote(v string) string {
	if quotedValue(v) {
		return v[1 : len(v)-1]
	}
	return v
}

// quotedValue reports a value wrapped in a matching pair of quotes.
func quotedValue(v string) bool {
	return len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'')
}

// checkLines reads every line of both files with both tools and reports what breaks.
func checkLines(c *checker) {
	if sc := c.scope; sc != nil {
		s := lineScan{c: c, f: sc.file, headers: headerScan{c: c, f: sc.file, off: true}}
		for n := sc.firstLine; n < sc.endLine; n++ {
			s.line(sc.file.Line(n))
		}
		return
	}
	for _, f := range c.m.Files() {
		if f.TooLarge {
			reportTooLarge(c, f)
			continue
		}
		s := lineScan{c: c, f: f, headers: headerScan{c: c, f: f}}
		if s.encoding() {
			checkHeaderLines(c, f)
			continue // a UTF-16 file: every line would be noise
		}
		for n := range f.NumLines() {
			s.line(f.Line(n))
		}
		s.headers.finish()
	}
}

// lineScan is the state of one pass over a file.
type lineScan struct {
	c    *checker
	f    *awsfiles.File
	boto botoReader
	sdk  sdkReader
	keys keySet // botocore's keys of the current section
	// defaults holds the keys of every [DEFAULT] section: they may repeat, their keys may not.
	defaults  keySet
	inDefault bool
	nested    keySet // the keys of the current nested block
	headers   headerScan
}

func (s *lineScan) line(l *awsfiles.Line) {
	switch l.Kind {
	case awsfiles.LineBlank, awsfiles.LineComment:
		return // both tools skip it, and it has no value to check
	case awsfiles.LineProperty:
		if quickLines && s.plainKey(l) {
			return
		}
	case awsfiles.LineHeader:
		if quickLines && s.plainHeader(l) {
			return
		}
	}
	text := s.text(l)
	b := s.boto.read(text, l)
	if l.Kind == awsfiles.LineHeader {
		s.headers.header(l, b.role == roleGlued || b.role == roleNested)
	}
	g := s.sdk.read(text, l)
	s.loneQuote(l, text)
	switch b.role {
	case roleHeader:
		s.header(l)
	case roleNoSection:
		s.beforeFirstHeader(l)
	case roleBad:
		s.badLine(l)
	case roleKey:
		s.key(l, g)
	case roleGlued, roleNested:
		s.continuation(l, b, g)
	}
}

// text is the line without a leading byte order mark: the bom rule reports the mark, the other rules read
// the line as it was meant.
func (s *lineScan) text(l *awsfiles.Line) string {
	if l.Num() == 0 && s.f.BOM {
		return s.f.LineText(l)[3:]
	}
	return s.f.LineText(l)
}

func (s *lineScan) header(l *awsfiles.Line) {
	s.keys.reset()
	s.nested.reset()
	s.inDefault = l.Kind == awsfiles.LineHeader && s.f.LineSpanText(l, l.Inner()) == "DEFAULT"
	if l.Kind == awsfiles.LineHeader && l.Indent().Len() > 0 {
		s.indentedHeader(l)
	}
}

// eol is the terminator for a new line inserted before l: l's own, or the file's first one.
func (s *lineScan) eol(l *awsfiles.Line) string {
	if l.EOL() != "" {
		return l.EOL()
	}
	if s.f.NumLines() > 1 {
		return s.f.Line(0).EOL()
	}
	return "\n"
}
