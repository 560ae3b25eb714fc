package rules

import (
	"fmt"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// How a role profile gets the credentials that call AssumeRole (spec §4, §5, §11 rows 26–32): botocore
// and aws-sdk-go-v2 accept different combinations of source_profile, credential_source, static keys,
// credential_process and web identity, and each mismatch breaks one of them.

// credentialSources are the only values both tools accept, case-sensitively (spec §5).
var credentialSources = []string{"Environment", "Ec2InstanceMetadata", "EcsContainer"}

// assumesRole reports a profile that botocore's AssumeRoleProvider owns: role_arn and no web identity.
func assumesRole(p *awsfiles.Profile) bool {
	return p.IsSet(awsfiles.KeyRoleARN) && !p.IsSet(awsfiles.KeyWebIdentityTokenFile)
}

func checkRoleWithoutSource(c *checker, p *awsfiles.Profile) {
	if !assumesRole(p) || p.ValueOf(awsfiles.KeyRoleARN) == "" || p.IsSet(awsfiles.KeySourceProfile) || p.IsSet(awsfiles.KeyCredentialSource) {
		return // an empty role_arn is role-arn-invalid's: aws-sdk-go-v2 ignores it
	}
	role := p.Setting(awsfiles.KeyRoleARN)
	const cli = "the AWS CLI fails with \"Partial credentials found in assume-role, missing: source_profile or credential_source\""
	var msg string
	var opts []diagOption
	switch {
	case p.HasStaticKeys():
		msg = fmt.Sprintf("Profile %q has role_arn and keys but no source_profile; add source_profile = %s. %s, while aws-sdk-go-v2 "+
			"assumes the role with this profile's own keys; naming itself makes both do that (a profile may, when it has its own keys).", p.Name, p.Name, upperFirst(cli))
		opts = append(opts, fix("Add source_profile = "+p.Name, true, assumeInsertAfter(role.Entry, "source_profile = "+p.Name)))
	case p.UsesSSO() || p.ValueOf(awsfiles.KeyCredentialProcess) != "":
		what := "credential_process"
		if p.UsesSSO() {
			what = "SSO settings"
		}
		msg = fmt.Sprintf("role_arn needs source_profile; move %s to a new profile and name it there. "+
			"In profile %q %s, while aws-sdk-go-v2 assumes the role on top of the %s.", what, p.Name, cli, what)
	default:
		msg = fmt.Sprintf("Profile %q has no source_profile or credential_source for its role_arn; add one. "+
			"%s, while aws-sdk-go-v2 assumes the role with container or EC2 instance credentials. Set source_profile to the profile whose "+
			"credentials assume the role, or add credential_source = Ec2InstanceMetadata (or EcsContainer) if that is what you mean.", p.Name, upperFirst(cli))
		for _, v := range []string{"Ec2InstanceMetadata", "EcsContainer"} {
			opts = append(opts, fix("Add credential_source = "+v, false, assumeInsertAfter(role.Entry, "credential_source = "+v)))
		}
	}
	c.report(role.File(), role.Entry.Line.Key(), SeverityError, "role-without-source", msg, opts...)
}

func checkSourceConflict(c *checker, p *awsfiles.Profile) {
	if !assumesRole(p) {
		return
	}
	sp, cs, proc := p.Setting(awsfiles.KeySourceProfile), p.Setting(awsfiles.KeyCredentialSource), p.Setting(awsfiles.KeyCredentialProcess)
	if sp != nil && cs != nil {
		c.report(cs.File(), cs.Entry.Line.Key(), SeverityError, "source-conflict", fmt.Sprintf(
			"Profile %q has source_profile and credential_source; remove one of them. Keep the one that supplies the credentials for the role: "+
				"the AWS CLI fails with \"The profile %q contains both source_profile and credential_source.\" "+
				"and aws-sdk-go-v2 with \"only one credential type may be specified per profile\".",
			p.Name, p.Name),
			related(sp.File(), sp.Entry.Line.Key(), "source_profile is set here"),
			fix("Remove credential_source", false, assumeRemoveLine(cs.Entry)...),
			fix("Remove source_profile", false, assumeRemoveLine(sp.Entry)...))
	}
	other := sp
	if other == nil {
		other = cs
	}
	if proc != nil && proc.Value() != "" && other != nil && other.Value() != "" {
		c.report(proc.File(), proc.Entry.Line.Key(), SeverityError, "source-conflict", fmt.Sprintf(
			"Profile %q has credential_process and %s; remove credential_process. Or move it into the source profile: "+
				"the AWS CLI assumes the role from %s and ignores credential_process, "+
				"while aws-sdk-go-v2 fails with \"only one credential type may be specified per profile\".", p.Name, other.Name(), other.Name()),
			related(other.File(), other.Entry.Line.Key(), other.Name()+" is set here"),
			fix("Remove credential_process", true, assumeRemoveLine(proc.Entry)...))
	}
}

func checkCredentialSource(c *checker, p *awsfiles.Profile) {
	s := p.Setting(awsfiles.KeyCredentialSource)
	if s == nil || s.Value() == "" || assumeContains(credentialSources, s.Value()) {
		return // an empty value is empty-value's
	}
	const both = "The AWS CLI and aws-sdk-go-v2 both refuse the profile; the value must be exactly Environment, Ec2InstanceMetadata or EcsContainer."
	msg := fmt.Sprintf("credential_source %q is invalid; use Environment, Ec2InstanceMetadata or EcsContainer. ", s.Value())
	var opts []diagOption
	if sug := awsfiles.Suggest(s.Value(), credentialSources); sug != "" {
		if strings.EqualFold(sug, s.Value()) {
			msg = fmt.Sprintf("credential_source %q is not valid; did you mean %q? The value is case-sensitive. ", s.Value(), sug)
		} else {
			msg = fmt.Sprintf("credential_source %q is not valid; did you mean %q? ", s.Value(), sug)
		}
		opts = append(opts, fix(fmt.Sprintf("Change %q to %q", s.Value(), sug), true, assumeSetValue(s.Entry, sug)))
	} else {
		for _, v := range credentialSources {
			opts = append(opts, fix("Set credential_source to "+v, false, assumeSetValue(s.Entry, v)))
		}
	}
	c.report(s.File(), refValueSpan(s.Entry), SeverityError, "credential-source-invalid", msg+both, opts...)
}

func checkSourceWithoutRole(c *checker, p *awsfiles.Profile) {
	if p.IsSet(awsfiles.KeyRoleARN) {
		return
	}
	for _, key := range []string{"source_profile", "credential_source", "web_identity_token_file"} {
		s := p.Get(key)
		if s == nil || s.Value() == "" {
			continue
		}
		var msg string
		if key == "web_identity_token_file" {
			msg = fmt.Sprintf("web_identity_token_file needs role_arn; add the role to assume or remove the line. In profile %q, unless AWS_ROLE_ARN is set, "+
				"the AWS CLI fails (\"…has no role ARN configured\") "+
				"and aws-sdk-go-v2 fails with \"credential type web_identity_token_file requires role_arn, profile %s\".", p.Name, p.Name)
		} else {
			msg = fmt.Sprintf("%s needs role_arn; add the role to assume or remove the line. In profile %q the AWS CLI silently ignores it, "+
				"while aws-sdk-go-v2 refuses the profile (\"credential type %s requires role_arn, profile %s\").", key, p.Name, key, p.Name)
		}
		c.report(s.File(), s.Entry.Line.Key(), SeverityError, "source-without-role", msg,
			fix("Remove "+key, false, assumeRemoveLine(s.Entry)...))
	}
}

func checkWebIdentityConflict(c *checker, p *awsfiles.Profile) {
	web := p.Setting(awsfiles.KeyWebIdentityTokenFile)
	if !p.IsSet(awsfiles.KeyRoleARN) || web == nil || web.Value() == "" {
		return
	}
	for _, key := range []string{"source_profile", "credential_source", "credential_process"} {
		s := p.Get(key)
		if s == nil || s.Value() == "" {
			continue
		}
		c.report(s.File(), s.Entry.Line.Key(), SeverityError, "web-identity-conflict", fmt.Sprintf(
			"web_identity_token_file and %s conflict; remove %s. In profile %q the AWS CLI assumes the role with the web identity token "+
				"and ignores %s, while aws-sdk-go-v2 fails with \"only one credential type may be specified per profile\".", key, key, p.Name, key),
			related(web.File(), web.Entry.Line.Key(), "web_identity_token_file is set here"),
			fix("Remove "+key, true, assumeRemoveLine(s.Entry)...))
	}
}

// roleAndKeysRule gathers, for each source profile that has both static keys and role_arn, the role
// profiles that use it, and reports the source once.
type roleAndKeysRule struct {
	users map[*awsfiles.Profile][]*awsfiles.Profile
	order []*awsfiles.Profile
}

func (r *roleAndKeysRule) check(c *checker, p *awsfiles.Profile) {
	s := p.Setting(awsfiles.KeySourceProfile)
	if !assumesRole(p) || s == nil {
		return
	}
	src := c.m.SourceOf(p)
	if src == nil || src == p || !src.HasStaticKeys() || !src.IsSet(awsfiles.KeyRoleARN) {
		return
	}
	if r.users == nil {
		r.users = map[*awsfiles.Profile][]*awsfiles.Profile{}
	}
	if r.users[src] == nil {
		r.order = append(r.order, src)
	}
	r.users[src] = append(r.users[src], p)
}

func (r *roleAndKeysRule) done(c *checker) {
	for _, src := range r.order {
		c.origin = int32(src.Index()) // it and its users are one chain's
		var names []string
		var opts []diagOption
		for _, p := range r.users[src] {
			s := p.Setting(awsfiles.KeySourceProfile)
			names = append(names, fmt.Sprintf("%q", p.Name))
			opts = append(opts, related(s.File(), refValueSpan(s.Entry), fmt.Sprintf("%q uses %q as its source", p.Name, src.Name)))
		}
		role := src.Setting(awsfiles.KeyRoleARN)
		c.report(role.File(), role.Entry.Line.Key(), SeverityWarning, "source-has-role-and-keys", fmt.Sprintf(
			"Profile %q has keys and role_arn; move the keys to a profile without role_arn. It is the source_profile of %s: "+
				"the AWS CLI uses its keys directly (one AssumeRole), while aws-sdk-go-v2 first assumes %q's role with the keys and then the next one "+
				"(two AssumeRole calls; the second is role chaining, limited to one hour). Point source_profile at the new profile.",
			src.Name, strings.Join(names, ", "), src.Name), opts...)
	}
}

func assumeContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// assumeRemoveLine deletes an entry's line with its terminator, and any continuation lines glued to it.
func assumeRemoveLine(e *awsfiles.Entry) []awsfiles.Edit {
	f := e.Section.File
	edits := []awsfiles.Edit{{File: f, Span: e.Line.SpanWithEOL()}}
	for _, l := range e.Continued() {
		edits = append(edits, awsfiles.Edit{File: f, Span: l.SpanWithEOL()})
	}
	return edits
}

// assumeInsertAfter adds a `key = value` line right after an entry (and its continuation lines), with the
// file's own line terminator.
func assumeInsertAfter(e *awsfiles.Entry, text string) awsfiles.Edit {
	last := e.Line
	if n := len(e.Continued()); n > 0 {
		last = e.Continued()[n-1]
	}
	eol := last.EOL()
	if eol == "" {
		eol = "\n"
	}
	return awsfiles.Edit{File: e.Section.File, Span: awsfiles.Span{Start: last.Span().End, End: last.Span().End}, NewText: eol + text}
}

// assumeSetValue replaces an entry's intended value (keeping quotes and an inline comment around it); an
// empty value gets one after "= ".
func assumeSetValue(e *awsfiles.Entry, v string) awsfiles.Edit {
	f := e.Section.File
	if e.Value() == "" {
		at := e.Line.Value().Start
		if at > 0 && at == e.Line.Delim()+1 {
			v = " " + v
		}
		return awsfiles.Edit{File: f, Span: awsfiles.Span{Start: at, End: e.Line.Value().End}, NewText: v}
	}
	return awsfiles.Edit{File: f, Span: refValueSpan(e), NewText: v}
}
