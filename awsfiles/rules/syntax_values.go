package rules

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"github.com/rolecall/rolecall/awsfiles"
)

// Reports about values and bytes: inline comments, quotes, lone quotes, the byte order mark and invalid
// UTF-8. Values of secret settings never appear in a message.

// topLevelValue checks a key line botocore and aws-sdk-go-v2 both read as a key: aws-sdk-go-v2 cuts an
// inline comment and strips surrounding quotes, botocore keeps both (spec §2.1, §2.2, §11 rows 1-2).
// A promoted indented line (aws-sdk-go-v2's "orphaned sub-property") is unquoted before the comment is cut.
func (s *lineScan) topLevelValue(l *awsfiles.Line, promoted bool) {
	base := l.Span().Start
	valStart, valEnd := l.Value().Start-base, l.Value().End-base
	if valStart > valEnd || valEnd > len(s.f.LineText(l)) {
		return
	}
	tokenEnd := valEnd
	cut := commentCut(s.f.LineText(l), l.Delim()-base+1)
	if cut >= 0 {
		tokenEnd = max(valStart, len(strings.TrimRight(s.f.LineText(l)[:cut], " \t")))
	}
	token := s.f.LineText(l)[valStart:tokenEnd]
	if promoted {
		token = s.f.LineText(l)[valStart:valEnd]
	}
	if cut >= 0 {
		s.inlineComment(l, cut, sdkUnquote(s.f.LineText(l)[valStart:tokenEnd]), false)
	}
	if quotedValue(token) {
		s.quotedValue(l, awsfiles.Span{Start: l.Value().Start, End: l.Value().Start + len(token)}, token)
	}
}

// nestedValue checks a line of a nested block: aws-sdk-go-v2 unquotes it, and neither tool cuts comments.
func (s *lineScan) nestedValue(l *awsfiles.Line, key string) {
	v := s.f.LineSpanText(l, l.Value())
	if quotedValue(v) {
		s.quotedValue(l, l.Value(), v)
	}
	if cut := commentCut(s.f.LineText(l), l.Delim()-l.Span().Start+1); cut >= 0 {
		s.inlineComment(l, cut, v, true)
	}
}

// inlineComment reports the comment starting after the blank at text index cut.
func (s *lineScan) inlineComment(l *awsfiles.Line, cut int, sdkValue string, nested bool) {
	base := l.Span().Start
	key := s.f.KeyText(l)
	comment := awsfiles.Span{Start: base + cut + 1, End: l.Value().End}
	kept := base + len(strings.TrimRight(s.f.LineText(l)[:cut], " \t"))
	var msg string
	switch {
	case nested:
		msg = fmt.Sprintf("A nested line has no comments; move this one to its own line above. "+
			"Neither tool has comments at the end of a nested line: both read %s as %s, comment included.",
			key, valueForMessage(key, s.f.LineSpanText(l, l.Value())))
	case awsfiles.IsSecret(key):
		msg = fmt.Sprintf("The AWS CLI reads this comment as part of %s; move it to a line of its own. "+
			"The AWS CLI (botocore) has no inline comments, while aws-sdk-go-v2 cuts it off.", key)
	default:
		msg = fmt.Sprintf("The AWS CLI reads this comment as part of %s; move it to a line of its own. "+
			"The AWS CLI (botocore) has no inline comments: it reads %s as %s, comment included, which is not "+
			"a valid value; aws-sdk-go-v2 cuts the comment off and reads %s.", key, key,
			valueForMessage(key, s.f.LineSpanText(l, l.Value())), valueForMessage(key, sdkValue))
	}
	indent := s.f.LineText(l)[:l.Indent().End-base]
	moved := s.f.LineSpanText(l, comment) + s.eol(l) + indent + s.f.LineText(l)[l.Indent().End-base:kept-base]
	s.c.report(s.f, comment, SeverityWarning, "inline-comment", msg,
		fix("Move the comment to its own line above", true, awsfiles.Edit{File: s.f, Span: awsfiles.Span{Start: l.Indent().End, End: l.Value().End}, NewText: moved}),
		fix("Remove the comment", false, awsfiles.Edit{File: s.f, Span: awsfiles.Span{Start: kept, End: l.Value().End}}))
}

// quotedValue reports a value wrapped in quotes, which aws-sdk-go-v2 strips and botocore keeps.
func (s *lineScan) quotedValue(l *awsfiles.Line, sp awsfiles.Span, token string) {
	key := s.f.KeyText(l)
	inner := token[1 : len(token)-1]
	safe := !strings.ContainsRune(inner, rune(token[0]))
	var msg string
	switch {
	case strings.EqualFold(key, "credential_process") && strings.ContainsAny(inner, " \t\"'"):
		safe = false
		msg = "Quotes around the whole credential_process command; quote only the parts that need it. " +
			"aws-sdk-go-v2 removes the outer quotes before it runs credential_process through a shell (sh -c), while the " +
			"AWS CLI (botocore) keeps them and splits the command as a shell would, so a command that starts and ends " +
			"with a quote runs differently in the two."
	case awsfiles.IsSecret(key):
		msg = fmt.Sprintf("Quotes around the %s value; remove them. aws-sdk-go-v2 removes them, but the AWS CLI (botocore) "+
			"keeps them as part of the value, which then does not work.", key)
	case !safe:
		msg = fmt.Sprintf("Quotes around the %s value; write it without them. aws-sdk-go-v2 removes only the first and last quote "+
			"and reads %s, while the AWS CLI (botocore) keeps every quote and reads %s.", key,
			valueForMessage(key, inner), valueForMessage(key, token))
	default:
		msg = fmt.Sprintf("Quotes around the %s value; remove them. aws-sdk-go-v2 removes the quotes and reads %s, "+
			"but the AWS CLI (botocore) keeps them and reads %s, which is not a valid value.", key, valueForMessage(key, inner), valueForMessage(key, token))
	}
	var opts []diagOption
	if safe {
		opts = append(opts, fix("Remove the quotes", true, awsfiles.Edit{File: s.f, Span: sp, NewText: inner}))
	}
	s.c.report(s.f, sp, SeverityWarning, "quoted-value", msg, opts...)
}

// loneQuote finds a value that is exactly one quote, as aws-sdk-go-v2 tokenizes every line of the file
// (inside or outside a section): its unquote slices s[1:0] and panics (spec §2.2, §11 row 3).
func (s *lineScan) loneQuote(l *awsfiles.Line, text string) {
	if strings.IndexByte(text, '"') < 0 && strings.IndexByte(text, '\'') < 0 || strings.TrimSpace(text) == "" || sdkComment(text) {
		return
	}
	if _, ok := sdkBracketed(text); ok {
		return
	}
	t, off := trimSpaceTabRight(sdkCutComment(text)), 0
	if text[0] == ' ' || text[0] == '\t' {
		t = trimSpaceTabLeft(text)
		off = len(text) - len(t)
	}
	d := sdkDelimiter(t)
	if d < 0 {
		return
	}
	v := t[d+1:]
	if q := strings.TrimSpace(v); q != `"` && q != `'` {
		return
	}
	lead := len(v) - len(strings.TrimLeftFunc(v, unicode.IsSpace))
	at := l.Span().Start + len(s.f.LineText(l)) - len(text) + off + d + 1 + lead
	q := s.f.LineText(l)[at-l.Span().Start : at-l.Span().Start+1]
	msg := fmt.Sprintf(`The value of %s is a lone quote, which crashes aws-sdk-go-v2; remove it. Or write the whole value: `+
		`aws-sdk-go-v2 crashes while it reads this file (panic: slice bounds out of range), so every Go program that loads the `+
		`shared config dies, whatever profile it uses; the AWS CLI (botocore) reads a literal %s.`, strings.TrimSpace(t[:d]), q)
	s.c.report(s.f, awsfiles.Span{Start: at, End: at + 1}, SeverityError, "lone-quote", msg,
		fix("Remove the quote", true, awsfiles.Edit{File: s.f, Span: awsfiles.Span{Start: at, End: at + 1}}))
}

// reportTooLarge reports a file that was too large to read (read as empty): a log or a disk image opened
// as the config file, say.
func reportTooLarge(c *checker, f *awsfiles.File) {
	c.report(f, awsfiles.Span{}, SeverityError, "file-too-large", fmt.Sprintf("This file is too large to check; "+
		"make sure it is your AWS %s file. %s, and no AWS tool needs one this large, so Rolecall checks nothing in it.",
		f.Kind, upperFirst(awsfiles.TooLargeWhy(f.RefusedSize, f.RefusedLines))))
}

// maxEncodingReports bounds invalid-encoding diagnostics per file: a binary file would otherwise give
// thousands.
const maxEncodingReports = 20

// encoding reports a byte order mark and every run of bytes that is not UTF-8 (spec §2.1: botocore
// decodes the file strictly and fails on both). It reports whether the file is UTF-16.
func (s *lineScan) encoding() (utf16 bool) {
	f := s.f
	utf16 = bytes.HasPrefix(f.Src(), []byte{0xff, 0xfe}) || bytes.HasPrefix(f.Src(), []byte{0xfe, 0xff})
	if f.BOM {
		sdk := "aws-sdk-go-v2 does not recognise the first line"
		if l := f.Line(0); l.Kind == awsfiles.LineHeader {
			sdk = fmt.Sprintf("aws-sdk-go-v2 does not recognise the first line, so it loses [%s] and the keys under it",
				s.f.LineSpanText(l, l.Inner()))
		}
		s.c.report(f, awsfiles.Span{Start: 0, End: 3}, SeverityError, "bom", fmt.Sprintf("The file starts with a byte order mark; remove it. The mark (U+FEFF, bytes "+
			"EF BB BF) breaks both tools: %s; %s. Save the file as UTF-8 without a byte order mark.", botoRefuses, sdk),
			fix("Remove the byte order mark", true, awsfiles.Edit{File: f, Span: awsfiles.Span{Start: 0, End: 3}}))
	}
	for i, sp := range f.InvalidUTF8 {
		if i == maxEncodingReports {
			break
		}
		msg := fmt.Sprintf("%s not valid UTF-8; remove %s, or save the file as UTF-8. %s, as it cannot decode the text; "+
			"aws-sdk-go-v2 reads the bytes as they are. The AWS documentation asks for plain ASCII.", s.describeBytes(sp), pronoun(sp.Len()), upperFirst(botoRefuses))
		if i == 0 && utf16 {
			msg = "The file looks UTF-16 encoded; save it as UTF-8. It starts with a UTF-16 byte order mark: " + botoRefuses +
				", and aws-sdk-go-v2 finds no settings in it."
		}
		if i == maxEncodingReports-1 && len(f.InvalidUTF8) > maxEncodingReports {
			msg += fmt.Sprintf(" (%d more places follow.)", len(f.InvalidUTF8)-maxEncodingReports)
		}
		s.c.report(f, sp, SeverityError, "invalid-encoding", msg,
			fix("Remove the invalid bytes", false, awsfiles.Edit{File: f, Span: sp}))
	}
	return utf16
}

// describeBytes names invalid bytes in hex, unless they sit on the line of a secret or an access key ID.
func (s *lineScan) describeBytes(sp awsfiles.Span) string {
	l := s.f.Line(s.f.Position(sp.Start).Line)
	n := sp.Len()
	if key := s.f.KeyText(l); (l.Kind == awsfiles.LineProperty || l.Kind == awsfiles.LineSubProperty) && (awsfiles.IsSecret(key) || awsfiles.IsAccessKeyID(key)) || n > 3 { // more would not fit a first sentence
		if n == 1 {
			return "A byte here is"
		}
		return fmt.Sprintf("These %d bytes are", n)
	}
	hex := make([]string, n)
	for i, b := range s.f.Src()[sp.Start:sp.End] {
		hex[i] = fmt.Sprintf("0x%02X", b)
	}
	if n == 1 {
		return "The byte " + hex[0] + " is"
	}
	return fmt.Sprintf("These %d bytes (%s) are", n, strings.Join(hex, " "))
}

// valueForMessage quotes a value for a message, shortened; a secret value is never shown and an access key
// ID only masked.
func valueForMessage(key, v string) string {
	if awsfiles.IsSecret(key) {
		return "(value hidden)"
	}
	v = awsfiles.ShownValue(key, v)
	if r := []rune(v); len(r) > 60 {
		v = string(r[:57]) + "..."
	}
	return fmt.Sprintf("%q", v)
}
