package awsfiles

import (
	"fmt"
	"strings"
)

// ManagedMarker starts the comment line that marks a credentials-file section as Rolecall's own. Rolecall
// rewrites only sections whose first body line carries it, so it never overwrites a profile a person (or
// another tool) wrote.
const ManagedMarker = "# Managed by rolecall"

const managedComment = ManagedMarker + ": rewritten by `rolecall assume --write-profile`; edits here are lost."

// KeyValue is one setting to write.
type KeyValue struct{ Key, Value string }

// NotManagedError refuses to touch a section that Rolecall did not write.
type NotManagedError struct {
	Profile string
	Path    string
	Line    int // 1-based line of the header
}

func (e *NotManagedError) Error() string {
	return fmt.Sprintf("refusing to overwrite [%s] in %s (line %d): Rolecall did not write that section (it has no %q line); "+
		"choose another --write-profile name, or delete the section yourself if Rolecall may own it", e.Profile, e.Path, e.Line, ManagedMarker)
}

// SetManagedProfile returns the credentials file's new bytes with section [name] holding exactly the given
// settings and the marker line. Everything outside that section's own lines stays byte for byte: other
// sections, comments, blank lines, the line-ending style. A new section is appended at the end.
func SetManagedProfile(f *File, name string, values []KeyValue) ([]byte, error) {
	if err := checkWritable(name, values); err != nil {
		return nil, err
	}
	eol := f.dominantEOL()
	body := managedComment + eol
	for _, kv := range values {
		body += kv.Key + " = " + kv.Value + eol
	}
	var found []*Section
	for _, s := range f.Sections {
		if s.Header != nil && s.Head.Type == SectionProfile && s.Head.Name == name {
			found = append(found, s)
		}
	}
	switch len(found) {
	case 0:
		return ApplyEdits(f.src, []Edit{f.appendSection(name, body, eol)})
	case 1:
		s := found[0]
		if !s.Managed() {
			return nil, &NotManagedError{Profile: name, Path: f.Path, Line: s.Header.Num() + 1}
		}
		return ApplyEdits(f.src, []Edit{{File: f, Span: s.ownBody(), NewText: body}})
	}
	return nil, fmt.Errorf("refusing to write [%s] in %s: the section appears %d times; remove the duplicates first (rolecall check shows them)",
		name, f.Path, len(found))
}

func checkWritable(name string, values []KeyValue) error {
	if name == "" || strings.ContainsAny(name, "[]\r\n#;") || strings.TrimSpace(name) != name {
		return fmt.Errorf("%q cannot be a credentials profile name: use letters, digits and - _ . @ + / : only", name)
	}
	for _, kv := range values {
		if strings.ContainsAny(kv.Key+kv.Value, "\r\n") {
			return fmt.Errorf("the value for %s contains a line break, which the credentials file cannot hold", kv.Key)
		}
	}
	return nil
}

// Managed reports whether Rolecall wrote the section: its first line that is not blank is Rolecall's
// marker.
func (s *Section) Managed() bool {
	for l := range s.Lines() {
		if l.Kind == LineBlank {
			continue
		}
		return isMarkerLine(s.File, l)
	}
	return false
}

// ownBody is the span of a section's lines that belong to it: from the line after the header through its
// last property (with its terminator). Blank lines and comments after that stay, since they usually
// introduce the next section.
func (s *Section) ownBody() Span {
	start := s.Header.SpanWithEOL().End
	end := start
	for l := range s.Lines() {
		if l.Kind != LineBlank && l.Kind != LineComment || isMarkerLine(s.File, l) {
			end = l.SpanWithEOL().End
		}
	}
	return Span{start, end}
}

func isMarkerLine(f *File, l *Line) bool {
	return l.Kind == LineComment && strings.HasPrefix(strings.TrimSpace(f.LineText(l)), ManagedMarker)
}

// appendSection adds a section at the end, after a line break if the file does not end with one.
func (f *File) appendSection(name, body, eol string) Edit {
	prefix := ""
	switch text := string(f.src); {
	case text == "" || strings.HasSuffix(text, "\n\n") || strings.HasSuffix(text, "\n\r\n"):
	case strings.HasSuffix(text, "\n"):
		prefix = eol
	default:
		prefix = eol + eol
	}
	return Edit{File: f, Span: Span{len(f.src), len(f.src)}, NewText: prefix + "[" + name + "]" + eol + body}
}

// dominantEOL is the line ending most lines use ("\n" for a file without line breaks).
func (f *File) dominantEOL() string {
	crlf, lf := 0, 0
	for l := range f.Lines(0, f.nlines) {
		switch l.EOL() {
		case "\r\n":
			crlf++
		case "\n":
			lf++
		}
	}
	if crlf > lf {
		return "\r\n"
	}
	return "\n"
}
