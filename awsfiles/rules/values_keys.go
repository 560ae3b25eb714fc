package rules

import (
	"fmt"
	"strings"
	"sync"

	"github.com/rolecall/rolecall/awsfiles"
)

// Keys against the table of known settings (keys*.go): a key nobody reads, a key written where it is not
// read, a secret in the config file, and credentials-file keys that aws-sdk-go-v2 drops for a profile that
// also lives in the config file (spec §3.2 step 3, §11 row 50).

// checkKeys checks every key of every profile, [sso-session] and [services] section against the key
// table, and the config file's keys for secrets.
func checkKeys(c *checker) {
	c.origin = originKeys // a key in the credentials file is judged with its profile's settings
	if c.scope != nil {
		for _, s := range c.scope.keySections {
			c.checkSectionKeys(s)
		}
		return
	}
	for _, f := range c.m.Files() {
		for _, s := range f.Sections {
			c.checkSectionKeys(s)
		}
	}
}

// checkSectionKeys is checkKeys on one section.
func (c *checker) checkSectionKeys(s *awsfiles.Section) {
	if s.Header == nil {
		return
	}
	for _, e := range s.Entries {
		switch s.Head.Type {
		case awsfiles.SectionProfile, awsfiles.SectionSSOSession:
			c.checkTopKey(s, e)
			c.checkNestedKeys(e)
		case awsfiles.SectionServices:
			c.checkServiceKey(e)
		}
		if s.File.Kind == awsfiles.ConfigFile && strings.HasPrefix(e.Name(), "aws_se") && secretKeyNames[e.Name()] && e.Value() != "" {
			c.reportSecretInConfig(s, e)
		}
	}
}

var secretKeyNames = valSet("aws_secret_access_key", "aws_session_token", "aws_security_token")

// checkTopKey checks a key of a profile or an [sso-session] section.
func (c *checker) checkTopKey(s *awsfiles.Section, e *awsfiles.Entry) {
	kind, typ := s.File.Kind, s.Head.Type
	if h := awsfiles.KeyIDOf(e.Name()); h != awsfiles.NoKeyID && kind <= awsfiles.CredentialsFile && typ < awsfiles.SectionOther && hotKeyValid()[h][kind][typ] {
		return
	}
	k, ok := awsfiles.LookupKey(e.Name())
	switch {
	case ok && k.ValidIn(kind, typ):
		return
	case ok:
		c.reportMisplacedKey(s, e, k)
		return
	}
	if parent := nestedParentOf(e.Name()); parent != "" {
		c.report(s.File, e.Line.Key(), SeverityWarning, "unknown-key", fmt.Sprintf(
			"%s is read only inside an `%s =` block; move it into one. At the top of a section no tool reads it: "+
				"write a line `%s =` followed by the indented line `  %s = %s`.", e.Name(), parent, parent, e.Name(), e.Value()))
		return
	}
	if typ == awsfiles.SectionSSOSession {
		c.reportUnknownKey(e, c.suggestKey("sso-session", e.Name(), func() []string {
			return awsfiles.KeyNames(awsfiles.KeysFor(awsfiles.ConfigFile, awsfiles.SectionSSOSession))
		}), "")
		return
	}
	c.reportUnknownKey(e, c.suggestKey("profile", e.Name(), func() []string {
		return append(awsfiles.KeyNames(awsfiles.KeysFor(awsfiles.ConfigFile, awsfiles.SectionProfile)),
			awsfiles.KeyNames(awsfiles.KeysFor(awsfiles.CredentialsFile, awsfiles.SectionProfile))...)
	}), "")
}

// hotKeyValid says, for each numbered key (awsfiles.KeyID: the keys most files are made of), whether it is valid in each kind
// of section of each file: checkKeys asks for every entry, and a switch is cheaper than the key table.
var hotKeyValid = sync.OnceValue(func() (valid [awsfiles.KeyIDCount][2][awsfiles.SectionOther]bool) {
	for h := range awsfiles.KeyIDCount {
		k, ok := awsfiles.LookupKey(h.Name())
		for kind := range valid[h] {
			for typ := range valid[h][kind] {
				valid[h][kind][typ] = ok && k.ValidIn(awsfiles.FileKind(kind), awsfiles.SectionType(typ))
			}
		}
	}
	return valid
})

// reportUnknownKey reports a key no tool reads, with a rename to the closest known key when there is one.
// A likely typo is a warning; a key with no close match may belong to a tool Rolecall does not know, so it
// is only information.
func (c *checker) reportUnknownKey(e *awsfiles.Entry, sug, where string) {
	why := fmt.Sprintf(" Neither the AWS CLI, the AWS SDKs nor the tools Rolecall knows "+
		"(aws-vault, Granted, awsume, saml2aws, …) read it%s, so it has no effect.", where)
	if sug == "" {
		c.report(e.Section.File, e.Line.Key(), SeverityInformation, "unknown-key",
			fmt.Sprintf("Unknown key %q; no tool Rolecall knows reads it.", e.Name())+why+" If a tool of yours reads it, ignore this.")
		return
	}
	c.report(e.Section.File, e.Line.Key(), SeverityWarning, "unknown-key", fmt.Sprintf("Unknown key %q; did you mean %q?", e.Name(), sug)+why,
		fix(fmt.Sprintf("Change %q to %q", e.Name(), sug), true, awsfiles.Edit{File: e.Section.File, Span: e.Line.Key(), NewText: sug}))
}

// reportMisplacedKey explains a known key written where it is not read.
func (c *checker) reportMisplacedKey(s *awsfiles.Section, e *awsfiles.Entry, k awsfiles.KeyInfo) {
	switch {
	case s.File.Kind == awsfiles.CredentialsFile && s.Head.Type == awsfiles.SectionProfile:
		if p := c.m.Profile(s.Head.Name); p != nil && goIgnoresCredentialsKey(p, e) {
			return // credentials-key-ignored says more
		}
		if _, ours := awsfiles.KeychainProcessProfile(e.Value()); ours && strings.EqualFold(e.Name(), "credential_process") {
			return // `rolecall keys import` puts it where the keys were, on purpose (docs/secrets.md)
		}
		c.report(s.File, e.Line.Key(), SeverityInformation, "unknown-key", fmt.Sprintf(
			"%s is a config-file setting; move it to [profile %s] in config. The AWS CLI and aws-sdk-go-v2 read it from the "+
				"credentials file too, but the AWS documentation, and tools that read only the config file such as aws-vault, "+
				"expect it there.", e.Name(), s.Head.Name))
	case s.Head.Type == awsfiles.SectionSSOSession:
		c.report(s.File, e.Line.Key(), SeverityWarning, "unknown-key", fmt.Sprintf(
			"%s is a profile setting, not an [sso-session] one; set it in each profile. An [sso-session] section holds only "+
				"sso_start_url, sso_region and sso_registration_scopes: no tool reads it here. The profiles that use this session "+
				"say sso_session = %s.", e.Name(), s.Head.Name))
	case k.Where&awsfiles.InSSOSession != 0:
		target := "an [sso-session NAME] section, named by sso_session = NAME in this profile"
		if p := c.m.Profile(s.Head.Name); p != nil && p.ValueOf(awsfiles.KeySSOSession) != "" {
			target = fmt.Sprintf("[sso-session %s]", p.ValueOf(awsfiles.KeySSOSession))
		}
		c.report(s.File, e.Line.Key(), SeverityWarning, "unknown-key", fmt.Sprintf(
			"%s is read only in an [sso-session]; move it there. No tool reads it in a profile: move it to %s.", e.Name(), target))
	default:
		c.report(s.File, e.Line.Key(), SeverityWarning, "unknown-key", fmt.Sprintf(
			"%s is not read in this section; it belongs in a %s.", e.Name(), k.Where.Describe()))
	}
}

// checkNestedKeys checks the block of a nested key of a profile (s3 =). Blocks under keys that take none
// are the nested-syntax rule's business; api_versions takes any service name.
func (c *checker) checkNestedKeys(parent *awsfiles.Entry) {
	if len(parent.Sub()) == 0 || parent.Name() == "api_versions" {
		return
	}
	k, ok := awsfiles.LookupKey(parent.Name())
	if !ok || k.Kind != awsfiles.ValueBlock {
		return
	}
	for _, e := range parent.Sub() {
		if _, ok := awsfiles.LookupNestedKey(awsfiles.SectionProfile, parent.Name(), e.Name()); ok {
			continue
		}
		if e.Name() == "endpoint_url" {
			c.report(e.Section.File, e.Line.Key(), SeverityWarning, "unknown-key", fmt.Sprintf(
				"endpoint_url in an `%s =` block is not read; use a [services NAME] section. The AWS CLI and the SDKs read "+
					"per-service endpoints there (`%s =` followed by an indented `endpoint_url = …`), "+
					"and the profile names the section with services = NAME.", parent.Name(), parent.Name()))
			continue
		}
		sug := c.suggestKey("block "+parent.Name(), e.Name(), func() []string {
			return awsfiles.KeyNames(awsfiles.NestedKeysFor(awsfiles.SectionProfile, parent.Name()))
		})
		c.reportUnknownKey(e, sug, fmt.Sprintf(" in an `%s =` block", parent.Name()))
	}
}

// checkServiceKey checks a key of a [services] section: a service identifier with an indented block whose
// only key is endpoint_url.
func (c *checker) checkServiceKey(e *awsfiles.Entry) {
	if _, ok := awsfiles.LookupService(e.Name()); !ok {
		if _, known := awsfiles.LookupKey(e.Name()); known {
			c.report(e.Section.File, e.Line.Key(), SeverityWarning, "unknown-key", fmt.Sprintf(
				"%s is not a service identifier; set it in the profiles instead. A [services] section holds only one block per "+
					"service, a line such as `s3 =` followed by an indented `endpoint_url = …`.", e.Name()))
		} else {
			c.reportUnknownService(e)
		}
	}
	for _, sub := range e.Sub() {
		if sub.Name() == "endpoint_url" {
			continue
		}
		sug := awsfiles.Suggest(sub.Name(), []string{"endpoint_url"})
		if sub.Name() == "endpoint" || sub.Name() == "url" {
			sug = "endpoint_url"
		}
		msg := fmt.Sprintf("%s is not read in a [services] block; use endpoint_url. It is the only setting there.", sub.Name())
		var opts []diagOption
		if sug != "" {
			msg = fmt.Sprintf("%s is not read in a [services] block; did you mean endpoint_url? It is the only setting there.", sub.Name())
			opts = append(opts, fix(fmt.Sprintf("Change %q to \"endpoint_url\"", sub.Name()), true, awsfiles.Edit{File: sub.Section.File, Span: sub.Line.Key(), NewText: "endpoint_url"}))
		}
		c.report(sub.Section.File, sub.Line.Key(), SeverityWarning, "unknown-key", msg, opts...)
	}
}

func (c *checker) reportUnknownService(e *awsfiles.Entry) {
	sug := c.suggestKey("services", e.Name(), awsfiles.ServiceIDs)
	why := " It is not a service identifier the AWS tools know (the service's ID in lower case, spaces " +
		"written as underscores, such as dynamodb, elastic_beanstalk or s3), so its settings are ignored."
	if sug == "" {
		c.report(e.Section.File, e.Line.Key(), SeverityInformation, "unknown-key",
			fmt.Sprintf("Unknown service %q; its settings are ignored.", e.Name())+why+" If it is a service newer than Rolecall's list, ignore this.")
		return
	}
	c.report(e.Section.File, e.Line.Key(), SeverityWarning, "unknown-key", fmt.Sprintf("Unknown service %q; did you mean %q?", e.Name(), sug)+why,
		fix(fmt.Sprintf("Change %q to %q", e.Name(), sug), true, awsfiles.Edit{File: e.Section.File, Span: e.Line.Key(), NewText: sug}))
}

// suggestKey is suggestKeyName for name against the named set of known key names (the top-level keys of a
// kind of section, the keys of a block, the service identifiers), made by candidates the first time the set
// is asked about in this check, with each name's answer kept: a file may hold thousands of unknown keys.
func (c *checker) suggestKey(set, name string, candidates func() []string) string {
	if c.keySets == nil {
		c.keySets = map[string]*nameHints{}
	}
	h := c.keySets[set]
	if h == nil {
		h = newNameHints(candidates(), 0) // a fixed list of keys: within the budget whatever the file
		c.keySets[set] = h
	}
	return h.remember(name, func(name string) string { return suggestKeyName(name, h.names, h.suggester) })
}

// suggestKeyName finds the known key a name most likely meant: the same words with spaces, hyphens or dots for
// underscores first, then the closest name by edit distance.
func suggestKeyName(name string, candidates []string, closest *awsfiles.Suggester) string {
	alt := strings.NewReplacer(" ", "_", "-", "_", ".", "_").Replace(name)
	for _, c := range candidates {
		if c == alt && c != name {
			return c
		}
	}
	return closest.Suggest(name)
}

// nestedParentOf names the block a nested-only key belongs in (addressing_style → s3), or "".
func nestedParentOf(name string) string {
	for _, k := range awsfiles.NestedKeysFor(awsfiles.SectionProfile, "s3") {
		if k.Name == name {
			return "s3"
		}
	}
	return ""
}

// goIgnoresCredentialsKey reports a credentials-file key that aws-sdk-go-v2 would read but drops because
// the profile also has a config-file section (spec §3.2 step 3).
func goIgnoresCredentialsKey(p *awsfiles.Profile, e *awsfiles.Entry) bool {
	if e.Section.File.Kind != awsfiles.CredentialsFile || p.SectionIn(awsfiles.ConfigFile) == nil || goCopiedKeys[e.Name()] ||
		staticKeyNames[e.Name()] || e.Indented() {
		return false
	}
	k, ok := awsfiles.LookupKey(e.Name())
	return ok && k.Tools&awsfiles.ToolGoSDK != 0
}

// checkCredentialsKeyIgnored reports settings of the credentials file that botocore honours and
// aws-sdk-go-v2 drops, for a profile that also has a section in the config file.
func (c *checker) checkCredentialsKeyIgnored(p *awsfiles.Profile) {
	cfg := p.SectionIn(awsfiles.ConfigFile)
	for _, s := range p.Sections {
		if s.File.Kind != awsfiles.CredentialsFile {
			continue
		}
		for _, e := range s.Entries {
			if goIgnoresCredentialsKey(p, e) && lastEntryIn(p, awsfiles.CredentialsFile, e.Name()) == e {
				c.reportIgnoredCredentialsKey(p, cfg, e)
			}
		}
	}
}

func (c *checker) reportIgnoredCredentialsKey(p *awsfiles.Profile, cfg *awsfiles.Section, e *awsfiles.Entry) {
	msg := fmt.Sprintf("aws-sdk-go-v2 ignores %s here; move it to [%s] in config. Profile %q also has a section in the config file, "+
		"and for such a profile the SDK takes only the keys, role, SSO, region and a few other settings from the credentials file. "+
		"The AWS CLI does read it, so the two disagree.", e.Name(), cfg.Inner(), p.Name)
	opts := []diagOption{related(cfg.File, cfg.NameSpan(), "the profile's config-file section")}
	if len(e.Sub()) == 0 && len(e.Continued()) == 0 && lastEntryIn(p, awsfiles.ConfigFile, e.Name()) == nil {
		opts = append(opts, fix(fmt.Sprintf("Move %s to [%s] in the config file", e.Name(), cfg.Inner()), true,
			valRemoveLine(e), valAppendLine(cfg, strings.TrimSpace(e.Section.File.LineText(e.Line)))))
	}
	c.report(e.Section.File, e.Line.Key(), SeverityWarning, "credentials-key-ignored", msg, opts...)
}

// valAppendLine inserts a line after the last line of a section's last entry (its nested and continued
// lines included), or after the header of a section without entries, with the line ending used there.
func valAppendLine(s *awsfiles.Section, text string) awsfiles.Edit {
	anchor := s.Header
	if n := len(s.Entries); n > 0 {
		last := s.Entries[n-1]
		anchor = last.Line
		for _, sub := range last.Sub() {
			anchor = sub.Line
		}
		for _, l := range last.Continued() {
			if l.Num() > anchor.Num() {
				anchor = l
			}
		}
	}
	eol := anchor.EOL()
	if eol == "" {
		eol = "\n"
	}
	return awsfiles.Edit{File: s.File, Span: awsfiles.Span{Start: anchor.Span().End, End: anchor.Span().End}, NewText: eol + text}
}

// reportSecretInConfig reports a secret key or session token written in the config file. Both tools read
// it there, but the config file is the one people share, paste and commit; secrets belong in the
// credentials file with mode 0600. The range is on the key: the value is never shown.
func (c *checker) reportSecretInConfig(s *awsfiles.Section, e *awsfiles.Entry) {
	what := "a long-lived secret access key"
	if e.Name() != "aws_secret_access_key" {
		what = "a session token"
	}
	c.report(s.File, e.Line.Key(), SeverityWarning, "secret-in-config", fmt.Sprintf(
		"%s belongs in the credentials file; move it to [%s] there. It puts %s in the config file. The tools read it there, "+
			"but the config file is the one people share, paste into tickets and commit with their dotfiles: secrets belong in the "+
			"credentials file, readable only by you (chmod 600 ~/.aws/credentials). Move the key settings of [%s] to that section "+
			"(where `aws configure set` writes them), and rotate the key if this file was ever shared.",
		e.Name(), credentialsSectionName(s), what, s.Inner()))
}

// credentialsSectionName is the header name a config section's profile takes in the credentials file.
func credentialsSectionName(s *awsfiles.Section) string {
	if s.Head.Type == awsfiles.SectionProfile {
		return s.Head.Name
	}
	return strings.TrimSpace(s.Inner())
}
