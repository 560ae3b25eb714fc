package handlers

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
)

// maxReferences bounds the locations of one answer, declarations first, then uses in file order. A
// profile named from more places than that is a generated file, and the answer would otherwise grow with
// it. Rename is not capped: it must change every place.
const maxReferences = 5000

// references finds every place that names a profile: each source_profile naming it, in both files (and
// its headers, with includeDeclaration). It works from the profile's header or from a source_profile
// value; an [sso-session] header or sso_session value finds the sso_session keys naming the session.
// Other tools' keys that name a profile (aws-vault's include_profile, parent_profile) count too.
func (h *Handlers) references(ctx context.Context, p *protocol.ReferenceParams) ([]protocol.Location, error) {
	s, ok := h.spotAt(p.TextDocument.URI, p.Position)
	if !ok {
		return nil, nil
	}
	ref, ok := referenceAt(s)
	if !ok {
		return nil, nil
	}
	locs := []protocol.Location{}
	if p.Context.IncludeDeclaration {
		for _, sec := range ref.declarations(s.pair.Model) {
			locs = append(locs, protocol.Location{URI: s.pair.uriOf(sec.File), Range: toRange(sec.NameRange())})
		}
	}
	for _, e := range ref.usesUpTo(s.pair, max(0, maxReferences-len(locs))) {
		locs = append(locs, protocol.Location{URI: s.pair.uriOf(e.Section.File), Range: toRange(e.Section.File.RangeOf(valueSpan(e)))})
	}
	return locs[:min(len(locs), maxReferences)], nil
}

// nameRef is a name that keys refer to: a profile (source_profile) or an sso-session (sso_session).
type nameRef struct {
	name string
	kind awsfiles.ValueKind // ValueProfileRef or ValueSessionRef: the keys whose value names it
}

// referenceAt finds the name under the cursor: in a profile or sso-session header, or in the value of a
// key that names one.
func referenceAt(s spot) (nameRef, bool) {
	switch {
	case s.token == tokenHeaderName && s.section.Head.Type == awsfiles.SectionProfile:
		return nameRef{s.section.Head.Name, awsfiles.ValueProfileRef}, true
	case s.token == tokenHeaderName && s.section.Head.Type == awsfiles.SectionSSOSession:
		return nameRef{s.section.Head.Name, awsfiles.ValueSessionRef}, true
	case s.token == tokenValue && s.entry.Value() != "":
		if k := refKind(s.entry); k == awsfiles.ValueProfileRef || k == awsfiles.ValueSessionRef {
			return nameRef{s.entry.Value(), k}, true
		}
	}
	return nameRef{}, false
}

// refKind is the value kind of a top-level entry's key (ValueText for unknown and nested keys).
func refKind(e *awsfiles.Entry) awsfiles.ValueKind {
	if e.Parent() != nil {
		return awsfiles.ValueText
	}
	if k, ok := awsfiles.LookupKey(e.Name()); ok {
		return k.Kind
	}
	return awsfiles.ValueText
}

// declarations are the sections that define the name.
func (r nameRef) declarations(m *awsfiles.Model) []*awsfiles.Section {
	var g *awsfiles.Profile
	if r.kind == awsfiles.ValueSessionRef {
		g = m.SSOSession(r.name)
	} else {
		g = m.Profile(r.name)
	}
	if g == nil {
		return nil
	}
	return g.Sections
}

// uses are the entries, in both files and in file order, that name the name. Every section counts, not
// only the effective settings: a duplicate key that loses still names the profile.
func (r nameRef) uses(p *filePair) []*awsfiles.Entry { return r.usesUpTo(p, -1) }

// usesUpTo is uses, stopping after limit entries (a negative limit means all).
func (r nameRef) usesUpTo(p *filePair, limit int) []*awsfiles.Entry {
	var out []*awsfiles.Entry
	kinds := map[string]awsfiles.ValueKind{}
	for _, fs := range p.files() {
		for _, sec := range fs.File.Sections {
			for _, e := range sec.Entries {
				if e.Value() != r.name {
					continue
				}
				k, ok := kinds[e.Name()]
				if !ok {
					k = refKind(e)
					kinds[e.Name()] = k
				}
				if k == r.kind {
					if len(out) == limit {
						return out
					}
					out = append(out, e)
				}
			}
		}
	}
	return out
}
