package handlers

import (
	"context"
	"fmt"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
)

// hover explains what is under the cursor, as Markdown:
//   - a key: what it does, its values, where it may be written and which tools read it;
//   - a profile name (in its header or a source_profile value): the resolved source chain, the effective
//     region and session duration with where each comes from, and its kind;
//   - an sso_session value or [sso-session] header: the session's start URL and region;
//   - a region value: the region's name and partition; an ARN value (role_arn, mfa_serial, …): its parts;
//   - duration_seconds: also what a value over an hour does to MFA refreshes;
//   - a secret value: that it is hidden (never the value); an access key ID: masked.
func (h *Handlers) hover(ctx context.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	s, ok := h.spotAt(p.TextDocument.URI, p.Position)
	if !ok || s.line == nil {
		return nil, nil
	}
	var text string
	var span awsfiles.Span
	switch s.token {
	case tokenHeaderName:
		text, span = headerHover(s.pair, s.section), s.section.NameSpan()
	case tokenKey:
		if k, ok := lookupKeyInfo(s.section, s.entry); ok {
			text, span = k.Describe()+durationMFANote(s.pair.Model, s.section, s.entry), s.line.Key()
		}
	case tokenValue:
		text, span = valueHover(s.pair, s.section, s.entry), valueSpan(s.entry)
	}
	if text == "" {
		return nil, nil
	}
	rng := toRange(s.file.RangeOf(span))
	return &protocol.Hover{
		Contents: &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: text},
		Range:    &rng,
	}, nil
}

// headerHover explains the section a header declares.
func headerHover(pair *filePair, sec *awsfiles.Section) string {
	m := pair.Model
	switch sec.Head.Type {
	case awsfiles.SectionProfile:
		return profileHover(pair, sec.Head.Name)
	case awsfiles.SectionSSOSession:
		return ssoSessionHover(m, sec.Head.Name)
	case awsfiles.SectionServices:
		users := profilesUsing(m, "services", sec.Head.Name)
		return fmt.Sprintf("**\\[services %s\\]**\n\nEndpoint settings per service, used by the profiles that set "+
			"%s (%d).", mdText(sec.Head.Name), mdCode("services = "+sec.Head.Name), len(users))
	}
	return ""
}

// valueHover explains a value; secrets are never echoed.
func valueHover(pair *filePair, sec *awsfiles.Section, e *awsfiles.Entry) string {
	m := pair.Model
	info, known := lookupKeyInfo(sec, e)
	switch {
	case awsfiles.IsSecret(e.Name()):
		return fmt.Sprintf("The value of %s is a secret: Rolecall never shows it.", mdCode(e.Name()))
	case e.Name() == "aws_access_key_id":
		return fmt.Sprintf("Access key ID %s (masked: Rolecall shows only its first and last four characters).",
			mdCode(awsfiles.MaskAccessKeyID(e.Value())))
	case parentKey(e) != "":
		// A nested key (s3 = … block, a service block): the documentation of its key, below.
	case e.Name() == "source_profile" && m.Profile(e.Value()) != nil:
		return profileHover(pair, e.Value())
	case e.Name() == "sso_session" && m.SSOSession(e.Value()) != nil:
		return ssoSessionHover(m, e.Value())
	case known && info.Kind == awsfiles.ValueRegion:
		if r, ok := awsfiles.LookupRegion(e.Value()); ok {
			return fmt.Sprintf("**%s**: %s, partition `%s`", r.Name, r.Description, r.Partition)
		}
	}
	if parts := arnHover(e.Value()); parts != "" {
		return parts
	}
	if known {
		return info.Describe() + durationMFANote(m, sec, e)
	}
	return ""
}

// ssoSessionHover shows an [sso-session] section's start URL and region.
func ssoSessionHover(m *awsfiles.Model, name string) string {
	sess := m.SSOSession(name)
	if sess == nil {
		return ""
	}
	text := fmt.Sprintf("**\\[sso-session %s\\]** · IAM Identity Center sign-in\n\n", mdText(name))
	text += "- Start URL: " + settingText(sess.Get("sso_start_url")) + "\n"
	text += "- Region: " + settingText(sess.Get("sso_region")) + "\n"
	text += fmt.Sprintf("- Used by %d profile(s)\n", len(profilesUsing(m, "sso_session", name)))
	return text
}

// settingText is a setting's value and where it is written, or "not set".
func settingText(s *awsfiles.Setting) string {
	if s == nil {
		return "not set"
	}
	return fmt.Sprintf("%s (%s)", mdCode(shownValue(s.Entry)), where(s.Entry))
}

// where names the line of an entry: "config line 5".
func where(e *awsfiles.Entry) string {
	return fmt.Sprintf("%s line %d", e.Section.File.Kind, e.Line.Num()+1)
}

// profilesUsing lists the profiles whose key names value.
func profilesUsing(m *awsfiles.Model, key, value string) []*awsfiles.Profile {
	var out []*awsfiles.Profile
	for _, p := range m.Profiles {
		if s := p.Get(key); s != nil && s.Value() == value {
			out = append(out, p)
		}
	}
	return out
}
