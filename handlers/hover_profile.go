package handlers

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// defaultDurationSeconds is the session duration the AWS tools ask for when duration_seconds is not set.
const defaultDurationSeconds = 3600

// profileHover explains a profile: its kind, its resolved source chain, and the settings that decide
// what a session looks like, each with the line it comes from. It never shows a secret.
func profileHover(pair *filePair, name string) string {
	m := pair.Model
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
			fmt.Fprintf(&b, "%s seconds (%s)", mdText(d.Value()), where(d.Entry))
		} else {
			fmt.Fprintf(&b, "%d seconds (the default)", defaultDurationSeconds)
		}
		b.WriteString("\n")
	}
	for _, k := range []struct{ key, label string }{
		{"mfa_serial", "MFA device"}, {"credential_source", "Credential source"},
		{"sso_session", "SSO session"}, {"sso_start_url", "SSO start URL"},
		{"sso_account_id", "Account"}, {"sso_role_name", "Role"}, {"aws_access_key_id", "Access key"},
	} {
		if s := p.Get(k.key); s != nil {
			fmt.Fprintf(&b, "- %s: %s\n", k.label, settingText(s))
		}
	}
	fmt.Fprintf(&b, "- Defined in: %s\n", definedIn(pair, p))
	return b.String()
}

// definedIn lists a profile's sections as links to their lines: "[config line 4](file:///…/config#L4)".
// VS Code opens a file link's #L fragment at that (1-based) line, in a hover too.
func definedIn(pair *filePair, p *awsfiles.Profile) string {
	var parts []string
	for _, s := range p.Sections {
		label := fmt.Sprintf("%s line %d", s.File.Kind, s.Header.Num()+1)
		if uri := string(pair.uriOf(s.File)); strings.HasPrefix(uri, "file:") {
			label = fmt.Sprintf("[%s](%s#L%d)", label, mdLinkTarget(uri), s.Header.Num()+1)
		}
		parts = append(parts, label)
	}
	return strings.Join(parts, ", ")
}

// mdLinkTarget makes a URI safe as a Markdown link destination: every byte outside the characters a URI
// may hold as they are is percent-encoded, parentheses and blanks included, so the link cannot end
// early or carry markup.
func mdLinkTarget(uri string) string {
	const keep = "-._~:/?@!$&'*+,;=%"
	var b strings.Builder
	for i := 0; i < len(uri); i++ {
		c := uri[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// durationMFANote adds, to the hover of duration_seconds in a profile, what a session over one hour
// does to MFA: the code must go with AssumeRole itself, and no MFA session can serve a refresh (a role
// assumed with a session is role chaining, capped at one hour), so every refresh asks for a code again.
func durationMFANote(m *awsfiles.Model, sec *awsfiles.Section, e *awsfiles.Entry) string {
	if e == nil || e.Name() != "duration_seconds" || parentKey(e) != "" {
		return ""
	}
	const note = "Over 3600 with `mfa_serial`: the MFA code goes with AssumeRole itself, and no MFA session can serve " +
		"a refresh (role chaining caps a session at one hour), so each refresh asks for a code again."
	if p := m.Profile(sec.Head.Name); sec.Head.Type == awsfiles.SectionProfile && p != nil && p.Value("mfa_serial") != "" {
		if n, err := strconv.Atoi(e.Value()); err == nil && n > 3600 {
			return "\n\n⚠ This profile has `mfa_serial` and asks for " + strconv.Itoa(n) + " seconds: each refresh asks for an MFA " +
				"code again. " + note
		}
	}
	return "\n\n" + note
}
