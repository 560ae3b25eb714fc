package rules

import (
	"fmt"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// References between sections (spec §4, §6, §7): source_profile and sso_session must name something that
// exists, a source chain must not loop, and it must end where credentials are.

// sourceProfileRule reports a source_profile that names no profile. Its indexes are built on the first
// such setting of a check (refs_hints.go).
type sourceProfileRule struct {
	configOther, credentialsOther map[string]*awsfiles.Section // sections that look like a profile and are not
	names                         *nameHints                   // nil until built
	ends                          fileEnds
}

func (r *sourceProfileRule) done(*checker) {}

func (r *sourceProfileRule) check(c *checker, p *awsfiles.Profile) {
	s := p.Setting(awsfiles.KeySourceProfile)
	if s == nil || s.Value() == "" || c.m.SourceOf(p) != nil {
		return // an empty value is empty-value's
	}
	if r.names == nil {
		r.build(c.m)
	}
	msg, opts := r.hint(c.m, s)
	if p.IsSet(awsfiles.KeyRoleARN) {
		msg += fmt.Sprintf(" Profile %q cannot be used: the AWS CLI and aws-sdk-go-v2 both fail to load it.", p.Name)
	}
	c.report(s.File(), refValueSpan(s.Entry), SeverityError, "source-profile-missing", msg, opts...)
}

// build indexes the model for hint: the sections that look like a profile (a bare [name] in the config
// file, [profile name] in the credentials file), and the profile names.
func (r *sourceProfileRule) build(m *awsfiles.Model) {
	lookalike := func(s *awsfiles.Section) (string, bool) { return s.Head.Name, s.Head.Type == awsfiles.SectionOther }
	r.configOther, r.credentialsOther = firstSections(m.Config, lookalike), firstSections(m.Credentials, lookalike)
	unknown := distinctUnknown(m, awsfiles.KeySourceProfile, func(p *awsfiles.Profile, _ string) bool { return m.SourceOf(p) != nil })
	r.names, r.ends = newNameHints(m.ProfileNames(), unknown), fileEnds{}
}

// hint explains a source_profile that names no profile: a section that looks like it but is not read as
// a profile, or a profile with a close name.
func (r *sourceProfileRule) hint(m *awsfiles.Model, s *awsfiles.Setting) (string, []diagOption) {
	name := s.Value()
	head := fmt.Sprintf("source_profile %q does not exist", name)
	if sec := r.configOther[name]; sec != nil {
		return head + fmt.Sprintf("; change [%s] to [profile %s]. [%s] at config line %d is not a profile: in the config file a profile's header needs the prefix.",
				sec.Inner(), name, sec.Inner(), sec.Header.Num()+1),
			[]diagOption{fix(fmt.Sprintf("Change %q to %q", "["+sec.Inner()+"]", "[profile "+name+"]"), true,
				awsfiles.Edit{File: sec.File, Span: sec.Header.Inner(), NewText: "profile " + name})}
	}
	if sec := r.credentialsOther[name]; sec != nil {
		return head + fmt.Sprintf("; change [%s] to [%s]. [%s] at credentials line %d is not read as profile %q: the credentials file takes no \"profile\" prefix.",
				sec.Inner(), name, sec.Inner(), sec.Header.Num()+1, name),
			[]diagOption{fix(fmt.Sprintf("Change %q to %q", "["+sec.Inner()+"]", "["+name+"]"), true,
				awsfiles.Edit{File: sec.File, Span: sec.Header.Inner(), NewText: name})}
	}
	if sso := m.SSOSession(name); sso != nil {
		return fmt.Sprintf("source_profile %q is an [sso-session], not a profile; name a profile that uses it. "+
			"The session is at config line %d; a profile uses it with sso_session = %s.", name, sso.Definition().Header.Num()+1, name), nil
	}
	if sug := r.names.suggest(name); sug != "" {
		return head + fmt.Sprintf("; did you mean %q? It is %s.", sug, refDefinedAt(m.Profile(sug))),
			[]diagOption{fix(fmt.Sprintf("Change %q to %q", name, sug), true, awsfiles.Edit{File: s.File(), Span: refValueSpan(s.Entry), NewText: sug})}
	}
	return head + "; create it or name an existing profile. Neither file defines it: create [profile " + name + "] in config " +
		"(or [" + name + "] in credentials).", createProfileFixes(m, name, r.ends)
}

// cycleRule reports each loop once, from the first profile (in model order) whose chain runs into it.
type cycleRule struct {
	seen map[int]bool // the loops reported
}

func (r *cycleRule) check(c *checker, p *awsfiles.Profile) {
	l := c.m.ChainInfo(p)
	if l.End != awsfiles.EndCycle || r.seen[l.Loop] {
		return
	}
	if r.seen == nil {
		r.seen = map[int]bool{}
	}
	r.seen[l.Loop] = true
	c.reportCycle(cycleOf(c.m.Chain(p).Loop))
}

func (*cycleRule) done(*checker) {}

// cycleOf cuts the loop out of a chain that ends in one: x → a → b → a gives a → b → a.
func cycleOf(names []string) []string {
	last := names[len(names)-1]
	for i, n := range names {
		if n == last {
			return names[i:]
		}
	}
	return names
}

func (c *checker) reportCycle(loop []string) {
	first := c.m.Profile(loop[0])
	at := first.Setting(awsfiles.KeySourceProfile)
	var opts []diagOption
	for i, name := range loop[1 : len(loop)-1] {
		s := c.m.Profile(name).Setting(awsfiles.KeySourceProfile)
		opts = append(opts, related(s.File(), refValueSpan(s.Entry),
			fmt.Sprintf("%q → %q continues the loop", name, loop[i+2])))
	}
	chain := strings.Join(loop, " → ")
	var why string
	switch withCreds := cycleMemberWithCredentials(c.m, loop); {
	case len(loop) == 2:
		why = fmt.Sprintf("Profile %q names itself, which only works for a profile with its own static keys: the AWS CLI fails with InfiniteLoopConfigError", first.Name)
		if withCreds != "" {
			why += "; aws-sdk-go-v2 accepts it (it uses the profile's own credentials)"
		}
	case withCreds != "":
		why = fmt.Sprintf("The AWS CLI fails with InfiniteLoopConfigError even though %q has its own credentials; aws-sdk-go-v2 accepts it and starts from them", withCreds)
	default:
		why = "Both tools fail: the AWS CLI with InfiniteLoopConfigError, aws-sdk-go-v2 with \"failed to load assume role …, <nil>\""
	}
	head := "source_profile settings form a loop; point one at a profile with credentials. Loop: " + chain + "."
	todo := "It must hold credentials (static keys, SSO or credential_process) and not be on the loop."
	if len(loop) == 2 {
		head = "source_profile names its own profile; point it at one with credentials, or add keys. Loop: " + chain + "."
		todo = fmt.Sprintf("Or give %q its own keys in the credentials file.", first.Name)
	}
	c.report(at.File(), refValueSpan(at.Entry), SeverityError, "source-profile-cycle", fmt.Sprintf("%s %s. %s", head, why, todo), opts...)
}

// cycleMemberWithCredentials names the first profile of a loop that holds credentials of its own, or "".
func cycleMemberWithCredentials(m *awsfiles.Model, loop []string) string {
	for _, n := range loop[:len(loop)-1] {
		if m.Profile(n).OwnCredentials() != awsfiles.KindNone {
			return n
		}
	}
	return ""
}

// ssoSessionRule reports an sso_session that names no [sso-session] section. Its indexes are built on the
// first such setting of a check (refs_hints.go).
type ssoSessionRule struct {
	lookalikes map[string]*awsfiles.Section // [sso… name] sections that are not read as one, by name
	names      *nameHints                   // nil until built
}

func (r *ssoSessionRule) done(*checker) {}

func (r *ssoSessionRule) check(c *checker, p *awsfiles.Profile) {
	s := p.Setting(awsfiles.KeySSOSession)
	if s == nil || s.Value() == "" || c.m.SSOSession(s.Value()) != nil {
		return
	}
	if r.names == nil {
		r.build(c.m)
	}
	name := s.Value()
	msg := fmt.Sprintf("sso_session %q does not exist", name)
	why := fmt.Sprintf(" The AWS CLI fails with \"The specified sso-session does not exist\" and aws-sdk-go-v2 with \"failed to find SSO session section, %s\".", name)
	var opts []diagOption
	if sec := r.lookalikes[name]; sec != nil {
		msg += fmt.Sprintf("; change [%s] to [sso-session %s]. [%s] at config line %d is not read as one.", sec.Inner(), name, sec.Inner(), sec.Header.Num()+1)
		opts = append(opts, fix(fmt.Sprintf("Change %q to %q", "["+sec.Inner()+"]", "[sso-session "+name+"]"), true,
			awsfiles.Edit{File: sec.File, Span: sec.Header.Inner(), NewText: "sso-session " + name}))
	} else if sug := r.names.suggest(name); sug != "" {
		msg += fmt.Sprintf("; did you mean %q? It is %s.", sug, refDefinedAt(c.m.SSOSession(sug)))
		opts = append(opts, fix(fmt.Sprintf("Change %q to %q", name, sug), true, awsfiles.Edit{File: s.File(), Span: refValueSpan(s.Entry), NewText: sug}))
	} else {
		msg += "; add [sso-session " + name + "] with sso_start_url and sso_region."
	}
	c.report(s.File(), refValueSpan(s.Entry), SeverityError, "sso-session-missing", msg+why, opts...)
}

// build indexes the model for check: the config sections whose header ends in a session's name but are not
// read as an sso-session ([sso_session x], [ssosession x], [sso x]: two words, the first starting with
// "sso"), by that name; and the session names.
func (r *ssoSessionRule) build(m *awsfiles.Model) {
	r.lookalikes = firstSections(m.Config, func(sec *awsfiles.Section) (string, bool) {
		if sec.Head.Type == awsfiles.SectionSSOSession {
			return "", false
		}
		words := strings.Fields(sec.Inner())
		if len(words) != 2 || !strings.HasPrefix(strings.ToLower(words[0]), "sso") {
			return "", false
		}
		return words[1], true
	})
	names := make([]string, len(m.SSOSessions))
	for i, s := range m.SSOSessions {
		names[i] = s.Name
	}
	unknown := distinctUnknown(m, awsfiles.KeySSOSession, func(_ *awsfiles.Profile, v string) bool { return m.SSOSession(v) != nil })
	r.names = newNameHints(names, unknown)
}

// noCredentialsRule gathers the chains that end without credentials by the source_profile setting where
// they break, and reports each such setting once, naming the other chains it breaks.
type noCredentialsRule struct {
	order []*brokenChain
	byAt  map[*awsfiles.Setting]*brokenChain
}

type brokenChain struct {
	at    *awsfiles.Setting
	first *awsfiles.Profile   // the first profile (in model order) whose chain breaks there
	also  []*awsfiles.Profile // the next ones, up to maxAlsoBroken
	more  int                 // how many others
}

// maxAlsoBroken is how many other broken chains a source-has-no-credentials message names.
const maxAlsoBroken = 5

func (r *noCredentialsRule) check(c *checker, p *awsfiles.Profile) {
	l := c.m.ChainInfo(p)
	if l.End != awsfiles.EndNoCredentials || l.Roles == 0 {
		return
	}
	at := l.LastRole.Setting(awsfiles.KeySourceProfile)
	if b := r.byAt[at]; b != nil {
		if len(b.also) < maxAlsoBroken {
			b.also = append(b.also, p)
		} else {
			b.more++
		}
		return
	}
	if r.byAt == nil {
		r.byAt = map[*awsfiles.Setting]*brokenChain{}
	}
	b := &brokenChain{at: at, first: p}
	r.byAt[at] = b
	r.order = append(r.order, b)
}

func (r *noCredentialsRule) done(c *checker) {
	for _, b := range r.order {
		c.origin = int32(b.first.Index()) // the chains broken there all reach b.at
		c.reportNoCredentials(b)
	}
}

func (c *checker) reportNoCredentials(b *brokenChain) {
	l := c.m.ChainInfo(b.first)
	last, owner := l.Last, l.LastRole
	chain := owner.Name + " → " + last.Name // the hop that breaks: the whole chain when it is b.first's own
	var msg string
	var opts []diagOption
	if cs := last.Setting(awsfiles.KeyCredentialSource); cs != nil {
		msg = fmt.Sprintf("%q gives no credentials; use credential_source = %s here. The chain %s ends at %q, which has credential_source "+
			"but no role_arn; credential_source only works beside role_arn, so the AWS CLI finds no credentials in %q and aws-sdk-go-v2 fails with "+
			"\"credential type credential_source requires role_arn\". Write it in %q instead of source_profile.",
			last.Name, cs.Value(), chain, last.Name, last.Name, owner.Name)
		opts = append(opts, fix(fmt.Sprintf("Change source_profile to %q", "credential_source = "+cs.Value()), true,
			awsfiles.Edit{File: b.at.File(), Span: b.at.Entry.Line.Span(), NewText: "credential_source = " + cs.Value()}))
	} else {
		msg = fmt.Sprintf("Profile %q, where this chain ends, has no credentials; give it some. The chain %s ends at a profile without "+
			"static keys, SSO, login_session, credential_process or web identity: the AWS CLI fails with \"The source profile %q must have credentials.\" "+
			"and aws-sdk-go-v2 with \"failed to load assume role …, <nil>\". Keys go in the credentials file; "+
			"or point source_profile at a profile that has them.",
			last.Name, chain, last.Name)
	}
	if len(b.also) > 0 {
		also := make([]string, len(b.also))
		for i, p := range b.also {
			also[i] = c.m.ChainText(p)
		}
		msg += " This also breaks " + strings.Join(also, ", ")
		if b.more > 0 {
			msg += fmt.Sprintf(" and %d more chains", b.more)
		}
		msg += "."
	}
	opts = append(opts, related(last.Definition().File, last.Definition().NameSpan(), fmt.Sprintf("profile %q is defined here, without credentials", last.Name)))
	c.report(b.at.File(), refValueSpan(b.at.Entry), SeverityError, "source-has-no-credentials", msg, opts...)
}

// refValueSpan is the span of an entry's intended value inside its line, without surrounding quotes or an
// inline comment; the key's span when the value is empty, so the range is never zero-width.
func refValueSpan(e *awsfiles.Entry) awsfiles.Span {
	if e.Value() == "" {
		return e.Line.Key()
	}
	if i := strings.Index(e.Raw(), e.Value()); i >= 0 {
		return awsfiles.Span{Start: e.Line.Value().Start + i, End: e.Line.Value().Start + i + len(e.Value())}
	}
	return e.Line.Value()
}

// refDefinedAt says where a profile or sso-session is defined, e.g. "defined in credentials line 12".
func refDefinedAt(p *awsfiles.Profile) string {
	d := p.Definition()
	return fmt.Sprintf("defined in %s line %d", d.File.Kind, d.Header.Num()+1)
}
