package rules

import (
	"fmt"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// Checks of one header's text. Each header gets at most one of section-header, profile-prefix-in-credentials
// and missing-profile-prefix: the first problem found, in order of harm; fixing it reveals the next.

// knownNonProfileSections are bare config-file sections the AWS CLI reads for itself.
var knownNonProfileSections = map[string]bool{"plugins": true, "preview": true}

// headerScan is the state of one pass over a file's headers.
type headerScan struct {
	c         *checker
	f         *awsfiles.File
	swallowed map[*awsfiles.Line]bool // headers botocore reads as part of a value (the indented-line rule reports them)
	prevSDK   *awsfiles.Line          // the last line aws-sdk-go-v2 read as a header
	off       bool                    // a Recheck's scan of a few sections: the header lines have not changed
}

// The header rules run inside checkLines' pass over each file (lineScan.line calls header for each header
// line, with botocore's reading of it, and finish at the end), so that each header line is read from
// memory once. A file that is all noise to the line rules (UTF-16) is read here, on its own.
func checkHeaderLines(c *checker, f *awsfiles.File) {
	h := headerScan{c: c, f: f}
	var r botoReader
	for l := range f.Lines(0, f.NumLines()) {
		if l.Kind == awsfiles.LineHeader {
			rd := r.read(h.text(l), l)
			h.header(l, rd.role == roleGlued || rd.role == roleNested)
		} else if l.Kind != awsfiles.LineBlank && l.Kind != awsfiles.LineComment {
			r.read(h.text(l), l)
		}
	}
	h.finish()
}

// header checks one header line. swallowed says that botocore reads it as part of a value.
func (h *headerScan) header(l *awsfiles.Line, swallowed bool) {
	if h.off {
		return
	}
	if swallowed {
		if h.swallowed == nil {
			h.swallowed = map[*awsfiles.Line]bool{}
		}
		h.swallowed[l] = true
	} else {
		h.name(l)
	}
	if _, ok := sdkBracketed(h.text(l)); ok {
		h.prevSDK = l
	}
}

// isSwallowed reports a header that botocore reads as part of a value.
func (h *headerScan) isSwallowed(l *awsfiles.Line) bool { return h.swallowed != nil && h.swallowed[l] }

// finish checks what needs every header of the file: repeated sections and the default pair.
func (h *headerScan) finish() {
	h.duplicates()
	if h.f.Kind == awsfiles.ConfigFile {
		h.defaultConflict()
	}
}

// report is the checker's report for what depends on the file's header lines only.
func (h *headerScan) report(f *awsfiles.File, s awsfiles.Span, sev Severity, code, msg string, opts ...diagOption) {
	was := h.c.origin
	h.c.origin = originHeaders
	h.c.report(f, s, sev, code, msg, opts...)
	h.c.origin = was
}

func (h *headerScan) text(l *awsfiles.Line) string {
	if l.Num() == 0 && h.f.BOM {
		return h.f.LineText(l)[3:]
	}
	return h.f.LineText(l)
}

// headerWords are the spans of a header's trimmed text, its first word, the blanks after it and the rest.
type headerWords struct{ trimmed, first, gap, rest awsfiles.Span }

func splitHeaderWords(f *awsfiles.File, l *awsfiles.Line) headerWords {
	inner := f.LineSpanText(l, l.Inner())
	lead := len(inner) - len(trimSpaceTabLeft(inner))
	t := trimSpaceTabRight(inner[lead:])
	start := l.Inner().Start + lead
	w := headerWords{trimmed: awsfiles.Span{Start: start, End: start + len(t)}}
	i := strings.IndexByte(t, ' ')
	if j := strings.IndexByte(t, '\t'); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i < 0 {
		w.first, w.gap, w.rest = w.trimmed, awsfiles.Span{Start: w.trimmed.End, End: w.trimmed.End}, awsfiles.Span{Start: w.trimmed.End, End: w.trimmed.End}
		return w
	}
	restAt := i + len(t[i:]) - len(trimSpaceTabLeft(t[i:]))
	w.first, w.gap, w.rest = awsfiles.Span{Start: start, End: start + i}, awsfiles.Span{Start: start + i, End: start + restAt}, awsfiles.Span{Start: start + restAt, End: w.trimmed.End}
	return w
}

// problem reports a header diagnostic: what is wrong and what to do (the first sentence of advice), then
// what each tool reads.
func (h *headerScan) problem(l *awsfiles.Line, sp awsfiles.Span, sev Severity, code, what, advice string, opts ...diagOption) {
	prev := ""
	if h.prevSDK != nil {
		prev, _ = sdkSectionName(h.text(h.prevSDK))
	}
	b, g := botoHeader(h.f, h.f.Kind, l), sdkHeader(h.f.Kind, h.text(l))
	h.report(h.f, sp, sev, code, lead(what, advice, readings(b, g, prev)), opts...)
}

// change is the fix `Change "[old]" to "[new]"` that writes text over a span of a header; shown is what the
// result looks like where that is clearer than the text (a bracketed header).
func (h *headerScan) change(l *awsfiles.Line, sp awsfiles.Span, preferred bool, shown, text string) diagOption {
	old := h.f.LineSpanText(l, sp)
	if strings.HasPrefix(shown, "[") {
		old = h.f.LineSpanText(l, awsfiles.Span{Start: l.Open(), End: l.Close() + 1})
	}
	return h.replace(fmt.Sprintf("Change %q to %q", old, shown), preferred, sp, text)
}

// replace is a fix that rewrites a span of a header.
func (h *headerScan) replace(title string, preferred bool, sp awsfiles.Span, text string) diagOption {
	return fix(title, preferred, awsfiles.Edit{File: h.f, Span: sp, NewText: text})
}

func (h *headerScan) name(l *awsfiles.Line) {
	w := splitHeaderWords(h.f, l)
	t := h.f.LineSpanText(l, w.trimmed)
	trailing := strings.TrimSpace(h.f.LineSpanText(l, l.Trailing()))
	switch {
	case t == "" && l.Inner().Len() == 0:
		h.report(h.f, awsfiles.Span{Start: l.Open(), End: l.Close() + 1}, SeverityError, "section-header", `"[]" is not a section header; write a `+
			`name, such as [default]. `+upperFirst(botoRefuses)+`; aws-sdk-go-v2 reads a section without a name and ignores the keys under it.`)
	case t == "":
		h.problem(l, l.Inner(), SeverityWarning, "section-header", "This header has no name",
			"Write the section's name, such as [default].")
	case commentCharAt(h.f.LineSpanText(l, l.Inner())) >= 0:
		at := l.Inner().Start + commentCharAt(h.f.LineSpanText(l, l.Inner()))
		ch := h.f.LineSpanText(l, awsfiles.Span{Start: at, End: at + 1})
		h.problem(l, awsfiles.Span{Start: at, End: at + 1}, SeverityError, "section-header", fmt.Sprintf("%q inside a section header", ch),
			`Remove it from the name. aws-sdk-go-v2 cuts a header line at "#" or ";".`)
	case trailing != "" && trailing[0] != '#' && trailing[0] != ';':
		end := h.f.LineBody(l).End
		h.problem(l, awsfiles.Span{Start: end - len(trailing), End: end}, SeverityError, "section-header", `Text after the closing "]"`,
			`Remove it, or start it with "#" to make it a comment.`, h.replace(`Remove the text after "]"`, true, awsfiles.Span{Start: l.Close() + 1, End: end}, ""))
	case h.f.Kind == awsfiles.CredentialsFile:
		h.credentialsName(l, w)
	default:
		h.configName(l, w)
	}
}

// commentCharAt is the index of the first '#' or ';', or -1.
func commentCharAt(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' || s[i] == ';' {
			return i
		}
	}
	return -1
}

// headerTypes are the typed sections of the config file.
var headerTypes = []string{"profile", "sso-session", "services"}

// looseType is the section type a first word was probably meant as: a case variant ([Profile x]) or a
// word botocore accepts because it only tests the prefix ([profiles x], [profile-x y]).
func looseType(word string) (typ string, caseOnly bool) {
	for _, t := range headerTypes {
		switch {
		case strings.EqualFold(word, t):
			return t, true
		case strings.HasPrefix(word, t):
			return t, false
		}
	}
	return "", false
}

func isHeaderType(word string) bool {
	return word == "profile" || word == "sso-session" || word == "services"
}

func (h *headerScan) configName(l *awsfiles.Line, w headerWords) {
	t, first, rest := h.f.LineSpanText(l, w.trimmed), h.f.LineSpanText(l, w.first), h.f.LineSpanText(l, w.rest)
	loose, caseOnly := looseType(first)
	switch {
	case w.trimmed != l.Inner():
		canonical := t
		if isHeaderType(first) && rest != "" {
			canonical = first + " " + rest
		}
		h.problem(l, l.Inner(), SeverityWarning, "section-header", "Blanks inside the brackets",
			fmt.Sprintf("Write [%s].", canonical), h.change(l, l.Inner(), true, "["+canonical+"]", canonical))
	case rest != "" && !isHeaderType(first) && loose != "":
		what := fmt.Sprintf("%q is not a section type", first)
		if caseOnly {
			what = fmt.Sprintf("%q must be written in lower case", first)
		}
		h.problem(l, w.first, SeverityWarning, "section-header", what, fmt.Sprintf("Write [%s %s].", loose, rest),
			h.change(l, w.first, true, loose, loose))
	case rest == "" && isHeaderType(first):
		h.problem(l, w.trimmed, SeverityWarning, "section-header", fmt.Sprintf("[%s] has no name", t),
			fmt.Sprintf("Write [%s NAME].", t))
	case rest == "" && strings.EqualFold(t, "default") && t != "default":
		h.defaultVariant(l, t)
	case !isHeaderType(first):
		h.missingPrefix(l, w, t)
	case h.f.LineSpanText(l, w.gap) != " ":
		h.problem(l, w.gap, SeverityWarning, "section-header", fmt.Sprintf("More than one blank, or a tab, after %q", first),
			fmt.Sprintf(`Write one space. "aws configure set" looks for exactly [%s %s]: it does not find this header and appends a second `+
				`one, after which the AWS CLI uses only the new section.`, first, rest),
			h.replace(fmt.Sprintf("Change the blanks after %q to one space", first), true, w.gap, " "))
	default:
		h.configTypedName(l, w, first, rest)
	}
}

// configTypedName checks the name in [profile NAME], [sso-session NAME] and [services NAME].
func (h *headerScan) configTypedName(l *awsfiles.Line, w headerWords, typ, rest string) {
	quoted := strings.ContainsAny(rest, "\"'\\")
	var words []string
	ok := false
	if quoted {
		words, ok = shlexSplit(rest)
	}
	switch {
	case quoted && quotedValue(rest) && ok && len(words) == 1:
		name := words[0]
		if strings.ContainsAny(name, " \t\"'\\") {
			h.problem(l, w.rest, SeverityWarning, "section-header", "Quotes around the name",
				fmt.Sprintf(`Use a name without blanks, such as %s. Change it wherever it is used ("aws configure set" writes `+
					`this quoted form, which aws-sdk-go-v2 cannot match)`, strings.Join(strings.Fields(name), "-")))
			return
		}
		h.problem(l, w.rest, SeverityWarning, "section-header", "Quotes around the name", "Remove the quotes.",
			h.replace("Remove the quotes", true, w.rest, name))
	case quoted:
		h.problem(l, w.rest, SeverityWarning, "section-header", "A quote or backslash in the name",
			"Remove it here and wherever the name is used.")
	case strings.ContainsAny(rest, " \t"):
		h.problem(l, w.rest, SeverityWarning, "section-header", fmt.Sprintf("Several words after %q", typ),
			fmt.Sprintf("Use one word, such as %s. Change it wherever the name is used", strings.Join(strings.Fields(rest), "-")))
	default:
		h.portable(l, w.rest, rest)
	}
}

func (h *headerScan) credentialsName(l *awsfiles.Line, w headerWords) {
	t, first, rest := h.f.LineSpanText(l, w.trimmed), h.f.LineSpanText(l, w.first), h.f.LineSpanText(l, w.rest)
	b, g := botoHeader(h.f, awsfiles.CredentialsFile, l), sdkHeader(awsfiles.CredentialsFile, h.text(l))
	switch {
	case first == "profile" && rest != "":
		h.profilePrefix(l, w, rest)
	case w.trimmed != l.Inner():
		h.problem(l, l.Inner(), SeverityWarning, "section-header", "Blanks inside the brackets",
			fmt.Sprintf("Write [%s].", t), h.change(l, l.Inner(), true, "["+t+"]", t))
	case rest != "" && (first == "sso-session" || first == "services"):
		h.problem(l, w.first, SeverityWarning, "section-header", fmt.Sprintf("[%s ...] belongs in the config file", first),
			"Move this section there.")
	case rest == "" && strings.EqualFold(t, "default") && t != "default":
		if p := h.c.m.Profile(t); p == nil || p.SectionIn(awsfiles.ConfigFile) == nil {
			h.defaultVariant(l, t)
		}
	case b.name != g.name:
		one := strings.Join(strings.Fields(t), " ")
		h.problem(l, w.trimmed, SeverityWarning, "section-header", "More than one blank, or a tab, inside the name",
			fmt.Sprintf("Write [%s].", one), h.change(l, w.trimmed, true, one, one))
	case quotedValue(t):
		inner := t[1 : len(t)-1]
		safe := !strings.ContainsAny(inner, " \t\"'")
		var opts []diagOption
		if safe {
			opts = append(opts, h.replace("Remove the quotes", true, w.trimmed, inner))
		}
		h.problem(l, w.trimmed, SeverityWarning, "section-header", "Quotes around the name",
			"Remove them. In the credentials file quotes are part of the name", opts...)
	default:
		h.portable(l, w.trimmed, t)
	}
}

func (h *headerScan) profilePrefix(l *awsfiles.Line, w headerWords, name string) {
	exists := false
	if p := h.c.m.Profile(name); p != nil && p.SectionIn(awsfiles.CredentialsFile) != nil {
		exists = true
	}
	advice := fmt.Sprintf("Write [%s]. A section named by the profile alone, without \"profile\", is profile %q", name, name)
	if exists {
		advice = fmt.Sprintf("Move the keys to the existing [%s]. Then remove this section: profile %q gets nothing from it", name, name)
	}
	h.problem(l, w.first, SeverityWarning, "profile-prefix-in-credentials",
		`The credentials file takes no "profile" prefix`, advice, h.change(l, l.Inner(), !exists, "["+name+"]", name))
}

func (h *headerScan) defaultVariant(l *awsfiles.Line, t string) {
	what := fmt.Sprintf("[%s] is not [default]", t)
	advice := "Write [default]. Profile names are case-sensitive"
	if t == "DEFAULT" {
		what = "[DEFAULT] is not the default profile"
		advice = "Write [default] if it is meant to be. To share settings, repeat them in each profile"
	}
	exists := false
	for _, s := range h.f.Sections {
		exists = exists || s.Header != nil && h.f.LineSpanText(s.Header, s.Header.Inner()) == "default"
	}
	h.problem(l, l.Inner(), SeverityWarning, "section-header", what, advice, h.change(l, l.Inner(), !exists, "[default]", "default"))
}

func (h *headerScan) missingPrefix(l *awsfiles.Line, w headerWords, name string) {
	if knownNonProfileSections[name] || name == "default" {
		return
	}
	var existing *awsfiles.Section
	if p := h.c.m.Profile(name); p != nil {
		existing = p.SectionIn(awsfiles.ConfigFile)
	}
	advice := fmt.Sprintf("Write [profile %s]. Only the credentials file names profiles without it", name)
	if existing != nil {
		advice = fmt.Sprintf("Move these settings to [profile %s] on line %d. Then remove this section", name, oneBased(existing.Header))
	}
	h.problem(l, w.trimmed, SeverityWarning, "missing-profile-prefix",
		`Config file profiles need the "profile" prefix`, advice,
		h.change(l, w.trimmed, existing == nil && !strings.ContainsAny(name, " \t\"'"), "[profile "+name+"]", "profile "+name))
}

// portable reports, as a hint, a name outside the portable set [A-Za-z0-9_-/.%@:+] (spec §2.6). A single
// blank inside a credentials-file name is let through: both tools read [a b] there as profile "a b".
func (h *headerScan) portable(l *awsfiles.Line, sp awsfiles.Span, name string) {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_-/.%@:+", c) >= 0 ||
			c == ' ' && h.f.Kind == awsfiles.CredentialsFile {
			continue
		}
		h.report(h.f, sp, SeverityHint, "section-header", fmt.Sprintf(`The name %q is not plain ASCII; a plain name is safer. `+
			`Its characters are outside A-Z, a-z, 0-9 and _-/.%%@:+: both tools read it, but the AWS documentation asks for plain ASCII and "aws configure set" `+
			`rejects such names for sso-session and services sections.`, name))
		return
	}
}
