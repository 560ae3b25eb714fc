package handlers

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
)

// definition jumps from a reference to what it names: a source_profile value (or another tool's key
// naming a profile) to the profile's sections (in either file, every one when the profile is written in
// both), an sso_session value to its [sso-session] section, a services value to its [services] section.
func (h *Handlers) definition(ctx context.Context, p *protocol.DefinitionParams) (protocol.DefinitionResult, error) {
	s, ok := h.spotAt(p.TextDocument.URI, p.Position)
	if !ok || s.token != tokenValue {
		return nil, nil
	}
	m, name := s.pair.Model, s.entry.Value()
	var target *awsfiles.Profile
	switch refKind(s.entry) {
	case awsfiles.ValueProfileRef:
		target = m.Profile(name)
	case awsfiles.ValueSessionRef:
		target = m.SSOSession(name)
	case awsfiles.ValueServicesRef:
		target = m.ServicesSection(name)
	}
	if target == nil {
		return nil, nil
	}
	locs := protocol.LocationSlice{}
	for _, sec := range target.Sections {
		if u := s.pair.uriOf(sec.File); u != "" {
			locs = append(locs, protocol.Location{URI: u, Range: toRange(sec.NameRange())})
		}
	}
	return locs, nil
}
