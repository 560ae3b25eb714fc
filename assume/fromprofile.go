package assume

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
)

// ReasonProfileNotFound is the reason of a ProfileNotFoundError (docs/commands.md).
const ReasonProfileNotFound = "profile-not-found"

// ProfileNotFoundError: no profile of that name in the config or credentials file.
type ProfileNotFoundError struct {
	Profile    string
	Suggestion string // the closest existing profile name, "" when none is close
}

func (e *ProfileNotFoundError) Error() string {
	if e.Suggestion != "" {
		return fmt.Sprintf("no profile %q in the config or credentials file; did you mean %q?", e.Profile, e.Suggestion)
	}
	return fmt.Sprintf("no profile %q in the config or credentials file: check the name (rolecall profiles lists them)", e.Profile)
}
func (e *ProfileNotFoundError) Reason() string { return ReasonProfileNotFound }
func (e *ProfileNotFoundError) Data() map[string]any {
	data := map[string]any{"profile": e.Profile}
	if e.Suggestion != "" {
		data["suggestion"] = e.Suggestion
	}
	return data
}

// LookupEnv reads an environment variable (os.LookupEnv, or a map in tests).
type LookupEnv func(name string) (string, bool)

// FromProfile resolves a profile of the merged files into the Plan that gets its credentials: the
// source at the end of its chain, the AssumeRole hops in the order they are called with every setting
// as written, and the region and STS endpoint as aws-sdk-go-v2 resolves them for that profile. env
// reads the AWS_* variables that take part (nil: the process environment).
//
// A profile that does not exist gives a *ProfileNotFoundError. One that cannot be assumed as written gives
// a *PlanError before anything is sent: a broken chain, or any error-severity diagnostic of `rolecall check`
// on a profile of the chain (an invalid duration, a session name or role ARN STS would refuse, ...), quoted
// with its code, file and line; or a region that is not a region name.
func FromProfile(m *awsfiles.Model, profile string, env LookupEnv) (Plan, error) {
	if env == nil {
		env = os.LookupEnv
	}
	p := m.Profile(profile)
	if p == nil {
		return Plan{}, &ProfileNotFoundError{Profile: profile, Suggestion: awsfiles.Suggest(profile, m.ProfileNames())}
	}
	c := m.Chain(p)
	diags := rules.Check(m)
	if !c.OK() {
		return Plan{}, chainError(diags, p, c)
	}
	if d := ChainError(m, c, diags); d != nil {
		err := diagnosticError(profile, d)
		if owner := ownerOf(d, chainSections(m, c)); owner != nil && owner != p {
			err.Problem = fmt.Sprintf("it goes through %s, where %s", owner.Name, err.Problem)
		}
		return Plan{}, err
	}
	region := resolveRegion(p, env)
	if err := region.check(profile); err != nil {
		return Plan{}, err
	}
	plan := Plan{Profile: profile, Region: region.name, Endpoint: m.ServiceEndpoint(p, awsfiles.Env(env), "sts"),
		Note: inlineCommentNote(diags, c.Steps)}
	src, err := sourceOf(m, diags, p, c)
	if err != nil {
		return Plan{}, err
	}
	plan.Source = src
	if src.Kind == SSO {
		plan.Source.SSO.OIDCEndpoint = m.ServiceEndpoint(p, awsfiles.Env(env), "sso_oidc")
		plan.Source.SSO.PortalEndpoint = m.ServiceEndpoint(p, awsfiles.Env(env), "sso")
	}
	if src.Kind == Login {
		plan.Source.LoginEndpoint = m.ServiceEndpoint(p, awsfiles.Env(env), "signin")
	}
	for i := len(c.Roles) - 1; i >= 0; i-- { // Chain.Roles lists the last-assumed role first
		hop, err := hopOf(diags, p, c.Roles[i])
		if err != nil {
			return Plan{}, err
		}
		plan.Roles = append(plan.Roles, hop)
	}
	if err := plan.validate(); err != nil {
		return Plan{}, err
	}
	return plan, nil
}

// hopOf reads one role profile's AssumeRole settings exactly as written.
func hopOf(diags []rules.Diagnostic, target, p *awsfiles.Profile) (RoleHop, error) {
	hop := RoleHop{Profile: p.Name, RoleArn: p.Value("role_arn"), ExternalID: p.Value("external_id"),
		SessionName: p.Value("role_session_name"), MFASerial: p.Value("mfa_serial"), MFAProcess: p.Value("mfa_process")}
	s := p.Get("duration_seconds")
	if s == nil || strings.TrimSpace(s.Value()) == "" {
		return hop, nil // not written (or empty, which the CLI ignores): 3600 is sent
	}
	n, ok := plainSeconds(s.Value())
	if !ok {
		if d := diagnosticOn(diags, s.Entry); d != nil {
			return RoleHop{}, diagnosticError(target.Name, d)
		}
		return RoleHop{}, &PlanError{Profile: target.Name, Msg: fmt.Sprintf(
			"profile %q has duration_seconds = %q (%s:%d), which is not a whole number of seconds: write a number from 900 to 43200",
			p.Name, s.Value(), s.File().Path, s.Entry.Line.Num()+1)}
	}
	hop.DurationSeconds = n
	return hop, nil
}

// plainSeconds parses a duration written as plain decimal digits, the one form every tool reads alike.
func plainSeconds(v string) (int, bool) {
	v = strings.TrimSpace(v)
	for _, r := range v {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(v, 10, 32)
	return int(n), err == nil
}

// sourceOf describes the profile at the end of the chain, with where its credentials are written.
func sourceOf(m *awsfiles.Model, diags []rules.Diagnostic, target *awsfiles.Profile, c *awsfiles.Chain) (Source, error) {
	last := c.Last()
	src := Source{Profile: last.Name}
	switch c.Source {
	case awsfiles.KindStaticKeys:
		src.Kind = StaticKeys
		src.AccessKeyID, src.SecretAccessKey = last.Value("aws_access_key_id"), last.Value("aws_secret_access_key")
		src.SessionToken = last.Value("aws_session_token")
		if len(c.Roles) == 0 {
			src.MFASerial = last.Value("mfa_serial") // only a chain without roles asks for an MFA session on the keys themselves
			src.MFAProcess = last.Value("mfa_process")
		}
		src.locate(last, "aws_access_key_id", "aws_secret_access_key")
	case awsfiles.KindCredentialProcess:
		src.Kind, src.Process = CredentialProcess, last.Value("credential_process")
		src.locate(last, "credential_process")
	case awsfiles.KindCredentialSource:
		src.Kind, src.CredentialSource = CredentialSource, last.Value("credential_source")
		src.locate(last, "credential_source")
	case awsfiles.KindWebIdentity:
		src.Kind = WebIdentity
		src.WebIdentityTokenFile, src.WebIdentityRoleArn = last.Value("web_identity_token_file"), last.Value("role_arn")
		src.WebIdentitySessionName = last.Value("role_session_name")
		src.locate(last, "web_identity_token_file")
	case awsfiles.KindSSO:
		src.Kind = SSO
		sso, err := ssoOf(m, diags, target, last)
		if err != nil {
			return Source{}, err
		}
		src.SSO = sso
		src.locate(last, "sso_session", "sso_start_url", "sso_account_id", "sso_role_name")
	case awsfiles.KindLogin:
		src.Kind, src.LoginSession = Login, last.Value("login_session")
		src.locate(last, "login_session")
	default:
		return Source{}, &PlanError{Profile: target.Name, Msg: fmt.Sprintf("profile %q holds no credentials Rolecall can use", last.Name)}
	}
	return src, nil
}

// locate records the file and 1-based line of the first of keys the profile sets.
func (s *Source) locate(p *awsfiles.Profile, keys ...string) {
	for _, k := range keys {
		if set := p.Get(k); set != nil {
			s.File, s.Line = set.File().Path, set.Entry.Line.Num()+1
			return
		}
	}
}

// ssoOf merges a profile's SSO settings with its [sso-session] section (the session's start URL and
// region win; the rules report a profile that disagrees with its session).
func ssoOf(m *awsfiles.Model, diags []rules.Diagnostic, target, p *awsfiles.Profile) (SSOSettings, error) {
	sso := SSOSettings{SessionName: p.Value("sso_session"), StartURL: p.Value("sso_start_url"), Region: p.Value("sso_region"),
		AccountID: p.Value("sso_account_id"), RoleName: p.Value("sso_role_name")}
	if sso.SessionName == "" {
		return sso, nil
	}
	sess := m.SSOSession(sso.SessionName)
	if sess == nil {
		if d := diagnosticOn(diags, p.Get("sso_session").Entry); d != nil {
			return SSOSettings{}, diagnosticError(target.Name, d)
		}
		return SSOSettings{}, &PlanError{Profile: target.Name, Msg: fmt.Sprintf(
			"profile %q names sso_session %q, and there is no [sso-session %s] section: add it, or fix the name",
			p.Name, sso.SessionName, sso.SessionName)}
	}
	if v := sess.Value("sso_start_url"); v != "" {
		sso.StartURL = v
	}
	if v := sess.Value("sso_region"); v != "" {
		sso.Region = v
	}
	return sso, nil
}

// chainError explains a chain that does not end in credentials, with the diagnostic that reports it.
func chainError(diags []rules.Diagnostic, p *awsfiles.Profile, c *awsfiles.Chain) error {
	var d *rules.Diagnostic
	if c.At != nil {
		d = diagnosticOn(diags, c.At.Entry)
	}
	if d == nil {
		d = firstErrorIn(diags, c.Steps...)
	}
	if d != nil {
		return diagnosticError(p.Name, d)
	}
	return &PlanError{Profile: p.Name, Msg: fmt.Sprintf("profile %q cannot be assumed: its chain %s; fix the profile (rolecall check explains)",
		p.Name, c.String()), Problem: fmt.Sprintf("its chain %s; fix the profile", c.String())}
}

// diagnosticError turns a diagnostic into the PlanError of the profile being assumed.
func diagnosticError(profile string, d *rules.Diagnostic) *PlanError {
	return &PlanError{Profile: profile, Msg: fmt.Sprintf("profile %q cannot be assumed: %s [%s] (%s:%d)",
		profile, d.Message, d.Code, d.File.Path, d.Range.Start.Line+1),
		Problem: fmt.Sprintf("%s (%s line %d)", strings.TrimSuffix(rules.FirstSentence(d.Message), "."), d.File.Kind, d.Range.Start.Line+1)}
}

// diagnosticOn finds the most severe diagnostic on the line of an entry (a warning counts: the rules
// rate a duration_seconds the CLI ignores as a warning, and it is still why the plan was refused).
func diagnosticOn(diags []rules.Diagnostic, e *awsfiles.Entry) *rules.Diagnostic {
	if e == nil {
		return nil
	}
	var best *rules.Diagnostic
	for i, d := range diags {
		if d.File == e.Section.File && d.Range.Start.Line == e.Line.Num() && d.Severity <= rules.SeverityWarning &&
			(best == nil || d.Severity < best.Severity) {
			best = &diags[i]
		}
	}
	return best
}

// firstErrorIn finds an error-severity diagnostic inside the sections of the given profiles, looking
// at the end of the chain first (where a chain usually breaks).
func firstErrorIn(diags []rules.Diagnostic, profiles ...*awsfiles.Profile) *rules.Diagnostic {
	for i := len(profiles) - 1; i >= 0; i-- {
		if d := ErrorDiagnosticIn(diags, profiles[i]); d != nil {
			return d
		}
	}
	return nil
}

// ownerOf is the profile, of those given, that holds the diagnostic; nil for none.
func ownerOf(d *rules.Diagnostic, profiles []*awsfiles.Profile) *awsfiles.Profile {
	for _, p := range profiles {
		if d.In(p) {
			return p
		}
	}
	return nil
}

// ErrorDiagnosticIn returns the first error-severity diagnostic inside one of the profile's sections,
// or nil: such a diagnostic means the AWS tools cannot use the profile as written.
func ErrorDiagnosticIn(diags []rules.Diagnostic, p *awsfiles.Profile) *rules.Diagnostic {
	for i := range diags {
		if diags[i].Severity == rules.SeverityError && diags[i].In(p) {
			return &diags[i]
		}
	}
	return nil
}
