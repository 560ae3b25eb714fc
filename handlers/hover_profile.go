package handlers

import (
	"fmt"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// defaultDurationSeconds is the session duration the AWS tools ask for when duration_seconds is not set.
const defaultDurationSeconds = 3600

// profileHover explains a profile: its kind, its resolved source chain, and the settings that decide
// what a session looks like, each with the line it comes from. It never shows a secret.
func profileHover(m *awsfiles.Model, name string) string {
	p := m.Profile(name)
	if p == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** · %s\n\n", mdText(name), p.Kind().Describe())
	ch := m.Chain(p)
	if len(ch.Steps) > 1 || p.Has("role_arn") {
		status := ""
		if !ch.OK() {
			status = " ⚠ this profile cannot be used as written"
		}
		fmt.Fprintf(&b, "%s%s\n\n", mdText(ch.String()), status)
	}
	b.WriteString("- Region: ")
	if r := p.Get("region"); r != nil {
		b.WriteString(settingText(r))
	} else {
		b.WriteString("not set in this profile (the tools then use AWS_REGION or AWS_DEFAULT_REGION)")
	}
	b.WriteString("\n")
	if p.Has("role_arn") {
		b.WriteString("- Session duration: ")
		if d := p.Get("duration_seconds"); d != nil {
			fmt.Fprintf(&b, "%s seconds (%s)", mdText(d.Value), where(d.Entry))
		} else {
			fmt.Fprintf(&b, "%d seconds (the default)", defaultDurationSeconds)
		}
		b.WriteString("\n")
	}
	for _, k := range []struct{ key, label string }{
		{"mfa_serial", "MFA device"}, {"credential_source", "Credential source"},
		{"sso_session", "SSO session"}, {"aws_access_key_id", "Access key"},
	} {
		if s := p.Get(k.key); s != nil {
			fmt.Fprintf(&b, "- %s: %s\n", k.label, settingText(s))
		}
	}
	fmt.Fprintf(&b, "- Defined in: %s\n", definedIn(p))
	return b.String()
}

// definedIn lists a profile's sections as "config line 4, credentials line 10".
func definedIn(p *awsfiles.Profile) string {
	var parts []string
	for _, s := range p.Sections {
		parts = append(parts, fmt.Sprintf("%s line %d", s.File.Kind, s.Header.Num+1))
	}
	return strings.Join(parts, ", ")
}
