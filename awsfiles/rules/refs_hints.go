package rules

import (
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// What the reference rules tell about a name that does not exist (a section that looks like it, the
// closest existing name, where a new section would go) is worked out once per name and per check, from
// indexes built once: a file where thousands of profiles name the same missing base profile, or each a
// different one, must not make each of them read every section and every name of the model again.

// suggestBudget bounds the work of the did-you-mean hints of one rule in one check: the number of unknown
// names times the number of candidates, about 0.2 s of work at most here. A real file is far below it (ten
// unknown names among 10,000 profiles: 100,000); past it (a generated file where every profile names a
// different missing one) the hints are left out, the same way for every check of the same files.
const suggestBudget = 2_000_000

// nameHints suggests, once per name, the candidate a name most likely meant: the reference rules the
// closest profile or session name, the key rules a known key (suggestKeyName).
type nameHints struct {
	names     []string
	suggester *awsfiles.Suggester // nil: the hints are left out (suggestBudget)
	memo      map[string]string
}

// newNameHints prepares hints against candidates for a check that will ask about unknown distinct names.
func newNameHints(candidates []string, unknown int) *nameHints {
	h := &nameHints{names: candidates, memo: map[string]string{}}
	if unknown*len(candidates) <= suggestBudget {
		h.suggester = awsfiles.NewSuggester(candidates)
	}
	return h
}

// suggest is the closest candidate to name, or "".
func (h *nameHints) suggest(name string) string { return h.remember(name, h.suggester.Suggest) }

// remember is find(name), worked out the first time the name is asked about ("" when the hints are left out).
func (h *nameHints) remember(name string, find func(name string) string) string {
	if h.suggester == nil {
		return ""
	}
	s, ok := h.memo[name]
	if !ok {
		s = find(name)
		h.memo[name] = s
	}
	return s
}

// distinctUnknown counts the distinct values of a setting, over every profile of the model, that name
// nothing (exists says what does).
func distinctUnknown(m *awsfiles.Model, key awsfiles.KeyID, exists func(p *awsfiles.Profile, value string) bool) int {
	seen := map[string]bool{}
	for _, p := range m.Profiles {
		if v := p.ValueOf(key); v != "" && !seen[v] && !exists(p, v) {
			seen[v] = true
		}
	}
	return len(seen)
}

// firstSections indexes, by a name read off their header, the sections of a file that match: the first
// in file order for each name.
func firstSections(f *awsfiles.File, nameOf func(s *awsfiles.Section) (string, bool)) map[string]*awsfiles.Section {
	out := map[string]*awsfiles.Section{}
	for _, s := range f.Sections {
		if s.Header == nil {
			continue
		}
		if name, ok := nameOf(s); ok {
			if _, seen := out[name]; !seen {
				out[name] = s
			}
		}
	}
	return out
}

// fileEnds remembers, per file, how a section appended at its end starts: the file's line terminator and
// what goes before the header. Working it out reads the whole file.
type fileEnds map[*awsfiles.File]fileEnd

type fileEnd struct{ eol, lead string }

// appendSection adds a header and a comment line at the end of a file, after a blank line, with the
// file's own line terminator.
func (ends fileEnds) appendSection(f *awsfiles.File, header, comment string) awsfiles.Edit {
	e, ok := ends[f]
	if !ok {
		e = endOf(f.String())
		ends[f] = e
	}
	at := len(f.String())
	return awsfiles.Edit{File: f, Span: awsfiles.Span{Start: at, End: at}, NewText: e.lead + header + e.eol + comment + e.eol}
}

// endOf is how a section appended to src starts.
func endOf(src string) fileEnd {
	e := fileEnd{eol: "\n"}
	if strings.Contains(src, "\r\n") {
		e.eol = "\r\n"
	}
	switch {
	case strings.TrimSpace(src) == "":
	case !strings.HasSuffix(src, "\n"):
		e.lead = e.eol + e.eol
	case !strings.HasSuffix(src, e.eol+e.eol):
		e.lead = e.eol
	}
	return e
}
