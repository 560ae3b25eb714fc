package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// Sections defined twice in one file (spec §2.1 strict mode, §2.2 merging, §2.3 [profile default]).

// duplicates reports a section repeated in one file. botocore fails on a header written exactly like an
// earlier one (DuplicateSectionError); headers written differently that name the same profile make
// botocore keep only the later section while aws-sdk-go-v2 merges them, or the reverse.
func (h *headerScan) duplicates() {
	var same []*awsfiles.Section
	for _, group := range [][]*awsfiles.Profile{h.c.m.Profiles, h.c.m.SSOSessions, h.c.m.Services} {
		for _, p := range group {
			if len(p.Sections) < 2 {
				continue
			}
			same = same[:0]
			for _, s := range p.Sections {
				if s.File == h.f && !h.isSwallowed(s.Header) {
					same = append(same, s)
				}
			}
			h.repeated(same)
		}
	}
	var others map[string]*awsfiles.Section
	for _, s := range h.f.Sections {
		if s.Header == nil || s.Head.Type != awsfiles.SectionOther || h.isSwallowed(s.Header) {
			continue
		}
		inner := h.f.LineSpanText(s.Header, s.Header.Inner())
		if others == nil {
			others = map[string]*awsfiles.Section{}
		}
		if first := others[inner]; first != nil && inner != "DEFAULT" && inner != "" {
			h.sameHeader(s.Header, first.Header)
		} else if first == nil {
			others[inner] = s
		}
	}
}

// repeated checks the sections of one profile within this file, in file order.
func (h *headerScan) repeated(secs []*awsfiles.Section) {
	if len(secs) < 2 {
		return
	}
	sort.Slice(secs, func(i, j int) bool { return secs[i].Header.Span().Start < secs[j].Header.Span().Start })
	for j := 1; j < len(secs); j++ {
		b := secs[j].Header
		match := (*awsfiles.Line)(nil)
		for _, a := range secs[:j] {
			if h.f.LineSpanText(a.Header, a.Header.Inner()) == h.f.LineSpanText(b, b.Inner()) {
				match = a.Header
				break
			}
		}
		switch {
		case match != nil && h.f.LineSpanText(b, b.Inner()) != "DEFAULT" && b.Inner().Len() > 0:
			h.sameHeader(b, match)
		case match == nil:
			for _, a := range secs[:j] {
				if !isDefaultPair(h.f, a.Header, b) {
					h.sameProfile(b, a.Header)
					break
				}
			}
		}
	}
}

func (h *headerScan) sameHeader(l, first *awsfiles.Line) {
	inner := h.f.LineSpanText(l, l.Inner())
	h.report(h.f, l.Inner(), SeverityError, "duplicate-section", fmt.Sprintf("[%s] appears twice (first on line %d); merge the two sections. "+
		"%s (DuplicateSectionError); aws-sdk-go-v2 merges the two, the later value of each key winning.", inner, oneBased(first), upperFirst(botoRefuses)),
		related(h.f, first.Inner(), fmt.Sprintf("[%s] is first here", inner)))
}

// sameProfile reports a header that names the same profile as an earlier one written differently.
func (h *headerScan) sameProfile(l, first *awsfiles.Line) {
	b1, b2 := botoHeader(h.f, h.f.Kind, first), botoHeader(h.f, h.f.Kind, l)
	g1, g2 := sdkHeader(h.f.Kind, h.text(first)), sdkHeader(h.f.Kind, h.text(l))
	sameBoto := b1 == b2 && b1.kind <= readServices
	sameSDK := g1 == g2 && g1.kind <= readServices
	var how string
	switch {
	case sameBoto && sameSDK:
		how = fmt.Sprintf("both tools read %s, but the AWS CLI (botocore) keeps only the later section while "+
			"aws-sdk-go-v2 merges the two", sectionNoun(b1))
	case sameBoto:
		how = fmt.Sprintf("the AWS CLI (botocore) reads %s in both and keeps only the later section, but for the first "+
			"aws-sdk-go-v2 %s, and for this one it %s", sectionNoun(b1), describeSDK(g1, ""), describeSDK(g2, ""))
	case sameSDK:
		how = fmt.Sprintf("aws-sdk-go-v2 reads %s in both and merges them, but for the first the AWS CLI (botocore) "+
			"%s, and for this one it %s", sectionNoun(g1), describeBoto(b1), describeBoto(b2))
	default:
		return
	}
	h.report(h.f, l.Inner(), SeverityWarning, "duplicate-section", fmt.Sprintf("[%s] is the same section as [%s] on "+
		"line %d; merge the two. %s.", h.f.LineSpanText(l, l.Inner()), h.f.LineSpanText(first, first.Inner()),
		oneBased(first), upperFirst(how)), related(h.f, first.Inner(), "first defined here"))
}

// isDefaultHeader and isProfileDefaultHeader tell [default] from [profile default] as both tools read them.
func isDefaultHeader(f *awsfiles.File, l *awsfiles.Line) bool {
	return strings.TrimSpace(f.LineSpanText(l, l.Inner())) == "default"
}

func isProfileDefaultHeader(f *awsfiles.File, kind awsfiles.FileKind, l *awsfiles.Line) bool {
	if !strings.HasSuffix(f.LineSpanText(l, l.Inner()), "default") {
		return false
	}
	w := splitHeaderWords(f, l)
	return kind == awsfiles.ConfigFile && f.LineSpanText(l, w.first) == "profile" && f.LineSpanText(l, w.rest) == "default"
}

func isDefaultPair(f *awsfiles.File, a, b *awsfiles.Line) bool {
	return isDefaultHeader(f, a) && isProfileDefaultHeader(f, awsfiles.ConfigFile, b) || isDefaultHeader(f, b) && isProfileDefaultHeader(f, awsfiles.ConfigFile, a)
}

// defaultConflict reports [profile default] next to [default] (spec §2.3, §11 row 11): botocore uses the
// section that comes last in the file, aws-sdk-go-v2 always uses [profile default]; neither merges them.
func (h *headerScan) defaultConflict() {
	var plain, prefixed []*awsfiles.Line
	var last *awsfiles.Line
	for _, s := range h.f.Sections {
		if s.Header == nil || !strings.HasSuffix(s.Inner(), "default") || h.isSwallowed(s.Header) {
			continue
		}
		switch l := s.Header; {
		case s.Inner() == "default":
			plain, last = append(plain, l), l
		case isProfileDefaultHeader(h.f, h.f.Kind, l):
			prefixed, last = append(prefixed, l), l
		}
	}
	if len(plain) == 0 || len(prefixed) == 0 {
		return
	}
	var lines []string
	for _, l := range plain {
		lines = append(lines, fmt.Sprint(oneBased(l)))
	}
	ignored := "[default] on line " + lines[0]
	if len(lines) > 1 {
		ignored = "[default] on lines " + strings.Join(lines, ", ")
	}
	for _, l := range prefixed {
		how := fmt.Sprintf("both tools use only [profile default], as it comes last and aws-sdk-go-v2 always prefers it, "+
			"and ignore %s", ignored)
		if h.f.LineSpanText(last, last.Inner()) == "default" {
			how = fmt.Sprintf("the AWS CLI (botocore) uses %s, as it comes last, but aws-sdk-go-v2 always uses [profile "+
				"default]", ignored)
		}
		h.report(h.f, l.Inner(), SeverityWarning, "default-conflict", fmt.Sprintf("The default profile is defined twice; keep one [default] with all the settings. "+
			"Neither tool merges the two: %s.", how),
			related(h.f, plain[0].Inner(), "[default] is here"))
	}
}
