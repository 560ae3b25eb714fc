package rules

import (
	"fmt"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// Reports about the shape of lines: unreadable lines, keys outside sections, duplicate keys, indentation
// and nested blocks. Each is called from lineScan.line with the two tools' readings of the line.

func (s *lineScan) beforeFirstHeader(l *awsfiles.Line) {
	switch l.Kind {
	case awsfiles.LineHeader:
		return // the section-header rule reports a header that botocore cannot read
	case awsfiles.LineProperty, awsfiles.LineSubProperty:
		s.c.report(s.f, l.Key(), SeverityError, "key-outside-section",
			fmt.Sprintf("%s comes before the first [section]; move it into a section, or remove it. "+
				"%s; aws-sdk-go-v2 ignores it.", s.f.KeyText(l), upperFirst(botoRefuses)),
			fix("Remove the line", false, awsfiles.Edit{File: s.f, Span: l.SpanWithEOL()}))
	default:
		s.badLine(l)
	}
}

// badLine reports a line botocore cannot read at all. The line's text is never quoted: a pasted secret
// key on a line of its own is exactly such a line.
func (s *lineScan) badLine(l *awsfiles.Line) {
	if l.Kind == awsfiles.LineHeader || s.c.dropped(s.f, "syntax-error") {
		return
	}
	b := s.f.LineBody(l)
	t := s.f.LineSpanText(l, b)
	var what, skip, why string
	skip = "aws-sdk-go-v2 skips the line"
	switch {
	case strings.IndexAny(t, "=:") == 0:
		what = `This line has no key before "` + t[:1] + `"; write the key, or comment out the line.`
		skip = "aws-sdk-go-v2 reads a setting with an empty name"
	case strings.HasPrefix(t, "["):
		what = `This section header has no closing "]"; add it.`
		skip = "aws-sdk-go-v2 skips the line, so the keys below it belong to the section above"
	case l.Indent().Len() > 0:
		what = "This indented line is not a setting and continues none; comment out or fix it."
		why = ` It is not key = value, and there is no setting above it that it could continue.`
	default:
		what = "This line is not a comment, [section] or key = value; comment out or fix it."
		why = ` Add "=" if it is a setting, or start it with "#" to make it a comment.`
	}
	if !s.boto.inSection {
		why += " It comes before the first [section] header."
	}
	opts := []diagOption{fix("Comment out the line", !strings.HasPrefix(t, "["), awsfiles.Edit{File: s.f, Span: awsfiles.Span{Start: b.Start, End: b.Start}, NewText: "# "})}
	if strings.HasPrefix(t, "[") {
		opts = append([]diagOption{fix(`Add the closing "]"`, true, awsfiles.Edit{File: s.f, Span: awsfiles.Span{Start: b.End, End: b.End}, NewText: "]"})}, opts...)
	}
	opts = append(opts, fix("Remove the line", false, awsfiles.Edit{File: s.f, Span: l.SpanWithEOL()}))
	s.c.report(s.f, b, SeverityError, "syntax-error", fmt.Sprintf("%s %s; %s.%s", what, upperFirst(botoRefuses), skip, why), opts...)
}

// key handles a line botocore reads as a key of its own.
func (s *lineScan) key(l *awsfiles.Line, g reading) {
	s.nested.reset()
	if l.Kind != awsfiles.LineProperty && l.Kind != awsfiles.LineSubProperty {
		return
	}
	key := s.f.KeyText(l)
	lower := strings.ToLower(key)
	s.duplicateKey(l, lower)
	if lower != key {
		s.uppercaseKey(l, key, lower)
	}
	switch g.role {
	case roleNested:
		s.indentedDisagreement(l, reading{role: roleKey}, g)
	case roleKey:
		s.topLevelValue(l, l.Kind == awsfiles.LineSubProperty)
	}
}

// duplicateKey reports a key that botocore has already seen in this section: DuplicateOptionError.
func (s *lineScan) duplicateKey(l *awsfiles.Line, lower string) {
	set, where := &s.keys, "this section"
	note := ""
	if s.inDefault {
		set, where, note = &s.defaults, "a [DEFAULT] section", " [DEFAULT] may repeat, its keys may not."
	}
	first := set.add(lower, l)
	if first == nil {
		return
	}
	same := s.f.LineSpanText(l, l.Value()) == s.f.LineSpanText(first, first.Value())
	keepLast := !same && s.f.LineSpanText(first, first.Value()) != ""
	key, was := s.f.KeyText(l), s.f.KeyText(first)
	if key != was {
		key = fmt.Sprintf("%s is already set, as %s,", key, was)
		note += " Keys are case-insensitive."
	} else {
		key += " is already set"
	}
	msg := fmt.Sprintf("%s on line %d of %s; remove one of them.%s %s (DuplicateOptionError); aws-sdk-go-v2 uses the "+
		"last one.", key, oneBased(first), where, note, upperFirst(botoRefuses))
	s.c.report(s.f, l.Key(), SeverityError, "duplicate-key", msg,
		related(s.f, first.Key(), fmt.Sprintf("%s is first set here", s.f.KeyText(first))),
		fix(fmt.Sprintf("Remove this line (keep line %d)", oneBased(first)), !keepLast, awsfiles.Edit{File: s.f, Span: l.SpanWithEOL()}),
		fix(fmt.Sprintf("Remove line %d (keep this value, the one aws-sdk-go-v2 uses)", oneBased(first)), keepLast,
			awsfiles.Edit{File: s.f, Span: first.SpanWithEOL()}))
}

func (s *lineScan) uppercaseKey(l *awsfiles.Line, key, lower string) {
	msg := fmt.Sprintf(`%s has upper-case letters; write %s. Both tools lower-case keys, but the AWS CLI (botocore) refuses a file `+
		`whose section has both %s and %s, and "aws configure set %s" does not recognise %s: it adds a second line `+
		`for %s, after which the AWS CLI refuses the file.`, key, lower, key, lower, lower, key, lower)
	s.c.report(s.f, l.Key(), SeverityWarning, "uppercase-key", msg,
		fix(fmt.Sprintf("Change %q to %q", key, lower), true, awsfiles.Edit{File: s.f, Span: l.Key(), NewText: lower}))
}

func (s *lineScan) continuation(l *awsfiles.Line, b, g reading) {
	switch {
	case l.Kind == awsfiles.LineHeader:
		s.swallowedHeader(l, b)
	case b.role == roleNested:
		s.nestedLine(l, b, g)
	case l.Kind == awsfiles.LineContinuation:
		s.gluedText(l, b, g)
	default:
		s.indentedDisagreement(l, b, g)
	}
}

// describe says what a tool makes of an indented key = value line.
func describe(f *awsfiles.File, r reading, key string) string {
	if key == "" {
		key = "a setting with an empty name"
	}
	switch r.role {
	case roleKey:
		return fmt.Sprintf("reads %s as a key of its own", key)
	case roleGlued:
		return fmt.Sprintf("appends this line to the value of %s on line %d", f.KeyText(r.owner), oneBased(r.owner))
	case roleNested:
		return fmt.Sprintf("reads %s as part of the nested block %s on line %d", key, f.KeyText(r.owner), oneBased(r.owner))
	case roleHeader:
		return "reads a section header"
	}
	return "skips the line"
}

// indentedDisagreement reports an indented key = value line that the two tools put in different places.
func (s *lineScan) indentedDisagreement(l *awsfiles.Line, b, g reading) {
	key := s.f.KeyText(l)
	head := "The tools disagree on this indented line; remove the indentation."
	advice := "In the AWS CLI a line indented deeper than the key line above it continues that key's value."
	if b.role != roleGlued {
		head = "The tools disagree on this indented line; remove the indentation unless it is nested."
		advice = "Indent the lines of a nested block deeper than their key, and nothing else."
	}
	msg := fmt.Sprintf("%s The AWS CLI (botocore) %s, but aws-sdk-go-v2 %s. %s", head, describe(s.f, b, key), describe(s.f, g, key), advice)
	var opts []diagOption
	if l.Kind == awsfiles.LineSubProperty {
		opts = append(opts, fix("Remove the indentation", b.role == roleGlued, awsfiles.Edit{File: s.f, Span: l.Indent()}))
	}
	s.c.report(s.f, s.f.LineBody(l), SeverityWarning, "indented-line", msg, opts...)
}

// gluedText reports an indented line without a delimiter that botocore appends to a value.
func (s *lineScan) gluedText(l *awsfiles.Line, b, g reading) {
	owner := s.f.KeyText(b.owner)
	msg := fmt.Sprintf("This indented line continues the value on line %d; join them, or comment out this one. ", oneBased(b.owner))
	if g.role != roleGlued || g.owner != b.owner {
		msg += fmt.Sprintf("The AWS CLI (botocore) appends it to the value of %s on line %d, but aws-sdk-go-v2 %s.",
			owner, oneBased(b.owner), describe(s.f, g, ""))
	} else {
		msg += fmt.Sprintf("Both tools append it to the value of %s, which then holds a line break.", owner)
	}
	body := s.f.LineBody(l)
	s.c.report(s.f, body, SeverityWarning, "indented-line", msg,
		fix("Comment out the line", false, awsfiles.Edit{File: s.f, Span: awsfiles.Span{Start: body.Start, End: body.Start}, NewText: "# "}))
}

// swallowedHeader reports an indented header that botocore reads as part of a value (spec §11 row 9b).
func (s *lineScan) swallowedHeader(l *awsfiles.Line, b reading) {
	owner := s.f.KeyText(b.owner)
	gone := fmt.Sprintf("[%s] and its keys do not exist there", s.f.LineSpanText(l, l.Inner()))
	if b.role == roleNested && !strings.Contains(s.f.LineSpanText(l, s.f.LineBody(l)), "=") {
		gone = fmt.Sprintf("as %s's own value is empty, botocore reads a nested block that it cannot parse, so %s", owner, botoRefuses)
	}
	msg := fmt.Sprintf("The AWS CLI does not see this indented header; remove the indentation. It is indented deeper than %s on line %d, so botocore "+
		"appends it and the lines below it to that value, even across blank lines; %s. aws-sdk-go-v2 reads the header.",
		owner, oneBased(b.owner), gone)
	s.c.report(s.f, s.f.LineBody(l), SeverityError, "indented-line", msg,
		fix("Remove the indentation", true, awsfiles.Edit{File: s.f, Span: l.Indent()}))
}

// indentedHeader reports an indented header both tools read, which "aws configure set" cannot find (spec §10).
func (s *lineScan) indentedHeader(l *awsfiles.Line) {
	msg := fmt.Sprintf(`This header is indented; remove the indentation. Both tools read it, but "aws configure set" does not `+
		`recognise it: it appends a second [%s] at the end of the file, and the AWS CLI (botocore) then refuses the file as a duplicate section.`,
		s.f.LineSpanText(l, l.Inner()))
	s.c.report(s.f, s.f.LineBody(l), SeverityWarning, "indented-line", msg,
		fix("Remove the indentation", true, awsfiles.Edit{File: s.f, Span: l.Indent()}))
}

// oneBased is a line's number as people count.
func oneBased(l *awsfiles.Line) int { return l.Num() + 1 }

// nestedLine checks a line of a nested block as botocore reads it (`s3 =` then indented lines, spec §2.4):
// every line must have "=", keys keep their case, and aws-sdk-go-v2 must put the line in the same block.
func (s *lineScan) nestedLine(l *awsfiles.Line, b, g reading) {
	owner := s.f.KeyText(b.owner)
	body := s.f.LineBody(l)
	if !strings.Contains(s.f.LineSpanText(l, body), "=") {
		s.nestedWithoutEquals(l, owner)
		return
	}
	if g.role != roleNested || g.owner != b.owner {
		s.indentedDisagreement(l, b, g)
	}
	key := s.f.KeyText(l)
	if l.Kind != awsfiles.LineSubProperty || key == "" {
		s.c.report(s.f, body, SeverityWarning, "nested-syntax", `This nested line has no key before "="; write the key, or remove the line. `+
			`Both tools read a setting with an empty name, which nothing uses.`,
			fix("Remove the line", false, awsfiles.Edit{File: s.f, Span: l.SpanWithEOL()}))
		return
	}
	lower := strings.ToLower(key)
	switch {
	case s.f.LineText(l)[l.Delim()-l.Span().Start] == ':':
		eq := strings.IndexByte(s.f.LineText(l), '=')
		s.c.report(s.f, l.Key(), SeverityWarning, "nested-syntax", fmt.Sprintf(`This nested key holds ":"; use "=" after the key and no ":" before it. `+
			`In a nested block the AWS CLI (botocore) splits at the first "=" and reads the key %q, but aws-sdk-go-v2 splits at the first ":" `+
			`and reads the key %q.`, strings.TrimSpace(s.f.LineText(l)[l.Indent().End-l.Span().Start:eq]), lower))
		return
	case lower != key:
		s.c.report(s.f, l.Key(), SeverityWarning, "nested-syntax", fmt.Sprintf(`Nested key %s has upper-case letters; write %s. The AWS CLI (botocore) keeps the case of `+
			`nested keys and looks them up in lower case, so it never finds %s; aws-sdk-go-v2 lower-cases it.`, key, lower, key),
			fix(fmt.Sprintf("Change %q to %q", key, lower), true, awsfiles.Edit{File: s.f, Span: l.Key(), NewText: lower}))
	}
	if first := s.nested.add(lower, l); first != nil {
		s.c.report(s.f, l.Key(), SeverityWarning, "duplicate-key", fmt.Sprintf("%s is already set on line %d of the block %s; remove one of them. "+
			"Both tools keep only the last value.", key, oneBased(first), owner),
			related(s.f, first.Key(), key+" is first set here"),
			fix(fmt.Sprintf("Remove line %d (keep this value)", oneBased(first)), true, awsfiles.Edit{File: s.f, Span: first.SpanWithEOL()}))
	}
	s.nestedValue(l, key)
}

// nestedWithoutEquals reports a nested line botocore's _parse_nested cannot split: a ValueError that fails
// the whole file.
func (s *lineScan) nestedWithoutEquals(l *awsfiles.Line, owner string) {
	body := s.f.LineBody(l)
	if l.Kind == awsfiles.LineSubProperty { // "key: value"
		key := s.f.KeyText(l)
		repl := " ="
		if l.Value().Len() > 0 {
			repl = " = "
		}
		s.c.report(s.f, awsfiles.Span{Start: l.Delim(), End: l.Delim() + 1}, SeverityError, "nested-syntax", fmt.Sprintf(`A nested line needs "=", not ":"; change ":" to "=". `+
			`Botocore splits each line of the %s block at "=", so %s; aws-sdk-go-v2 accepts ":". Write %s = ...`, owner, botoRefuses, key),
			fix(`Change ":" to "="`, true, awsfiles.Edit{File: s.f, Span: awsfiles.Span{Start: l.Key().End, End: max(l.Value().Start, l.Delim()+1)}, NewText: repl}))
		return
	}
	s.c.report(s.f, body, SeverityError, "nested-syntax", fmt.Sprintf(`This line of the nested block %s has no "="; comment out or fix it. %s; `+
		`aws-sdk-go-v2 skips it. Write it as key = value, or make it a comment with "#".`, owner, upperFirst(botoRefuses)),
		fix("Comment out the line", true, awsfiles.Edit{File: s.f, Span: awsfiles.Span{Start: body.Start, End: body.Start}, NewText: "# "}),
		fix("Remove the line", false, awsfiles.Edit{File: s.f, Span: l.SpanWithEOL()}))
}

// keySet remembers key lines by lower-case name: a slice for the usual few keys, a map past that.
type keySet struct {
	names []string
	lines []*awsfiles.Line
	index map[string]*awsfiles.Line
}

func (k *keySet) reset() { k.names, k.lines, k.index = k.names[:0], k.lines[:0], nil }

// add records a key line and returns the earlier line with the same name, if any.
func (k *keySet) add(name string, l *awsfiles.Line) *awsfiles.Line {
	if k.index != nil {
		if first := k.index[name]; first != nil {
			return first
		}
		k.index[name] = l
		return nil
	}
	for i, n := range k.names {
		if n == name {
			return k.lines[i]
		}
	}
	k.names, k.lines = append(k.names, name), append(k.lines, l)
	if len(k.names) > 32 {
		k.index = make(map[string]*awsfiles.Line, 64)
		for i, n := range k.names {
			k.index[n] = k.lines[i]
		}
	}
	return nil
}
