package rules

import (
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// Quick paths of the line rules for the lines most files are made of. A 10,000-profile file has some
// 60,000 lines, nearly all of them plain `key = value` lines and plain headers: for those, both tools'
// readings are known without running the two readers in full, and the rules have nothing to report
// beyond the key's case and repetition. Each quick path leaves the readers in the state their full
// reading would, and gives up (returns false) on anything unusual.

// quickLines turns the quick paths on; tests turn them off to compare with the full readings.
var quickLines = true

// plainKey handles the usual line quickly: key = value at the start of the line, inside a section, without
// a comment character or a quote anywhere. Both tools read it as a key, and only the key's case and
// repetition need checking. It reports whether the line was such a line.
func (s *lineScan) plainKey(l *awsfiles.Line) bool {
	text := s.text(l)
	if !l.Plain() || !s.boto.inSection || text[0] <= ' ' || text[0] >= 0x7f || text[0] == '[' {
		return false
	}
	at := len(s.f.LineText(l)) - len(text) + l.Span().Start // the offset of text
	stripped := pyStrip(text)
	s.boto.level, s.boto.key, s.boto.keyRest = 0, l, stripped[l.Delim()-at+1:]
	s.sdk.read(text, l) // its own quick path; it may be outside a section where botocore is not
	s.nested.reset()
	key := s.f.KeyText(l)
	lower := strings.ToLower(key) // no copy when it is lower case already
	s.duplicateKey(l, lower)
	if lower != key {
		s.uppercaseKey(l, key, lower)
	}
	return true
}

// plainHeader handles the usual header quickly: [profile NAME] (or [sso-session NAME], [services NAME]) in
// the config file, [NAME] in the credentials file, at the start of the line and with nothing after it,
// NAME made of the portable characters. Both tools read it alike and the header rules have nothing to
// say (headers_names.go follows the same cases). It reports whether the line was such a header.
func (s *lineScan) plainHeader(l *awsfiles.Line) bool {
	text := s.text(l)
	if !l.Plain() || text[0] != '[' || text[len(text)-1] != ']' || l.Close() != l.Span().End-1 {
		return false
	}
	inner := s.f.LineSpanText(l, l.Inner())
	name := inner
	if s.f.Kind == awsfiles.ConfigFile {
		typ, rest, ok := strings.Cut(inner, " ")
		if !ok || !isHeaderType(typ) {
			return false
		}
		name = rest
	} else if strings.EqualFold(name, "default") || strings.HasPrefix(name, "profile") {
		return false
	}
	if !portableName(name) {
		return false
	}
	s.boto.inSection, s.boto.key, s.boto.level = true, nil, 0
	s.sdk.inSection, s.sdk.key = true, nil
	s.keys.reset()
	s.nested.reset()
	s.inDefault = false
	s.headers.prevSDK = l
	return true
}

// portableName reports a non-empty name of the characters the AWS documentation allows in profile names:
// A-Z, a-z, 0-9 and _-/.%@:+ (spec §2.6).
func portableName(name string) bool {
	for i := 0; i < len(name); i++ {
		if c := name[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_-/.%@:+", c) >= 0) {
			return false
		}
	}
	return name != ""
}
