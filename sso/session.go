package sso

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// Session is one IAM Identity Center sign-in as the AWS files configure it: an [sso-session NAME]
// section, or the legacy form where a profile holds sso_start_url and sso_region itself.
type Session struct {
	// Name is the sso-session's name; "" for the legacy form, whose token is cached under the start
	// URL instead.
	Name string
	// Profile is the profile the session was reached through ("" when named directly): the legacy
	// form's profile, and the profile whose endpoint settings apply.
	Profile  string
	StartURL string
	Region   string   // sso_region: where the OIDC service and the portal are
	Scopes   []string // sso_registration_scopes; nil for the legacy form
	// OIDCEndpoint and PortalEndpoint are the configured endpoint URLs of sso-oidc and the portal
	// (AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL_SSO, ...); "" means the region's default.
	OIDCEndpoint, PortalEndpoint string
}

// CacheKey is what the token cache file is named after (its SHA-1): the session's name, or the start
// URL for the legacy form, as the AWS CLI and every SDK name it.
func (s Session) CacheKey() string {
	if s.Name != "" {
		return s.Name
	}
	return s.StartURL
}

// Label names the session in a sentence: the sso-session's name, or the legacy form's start URL.
func (s Session) Label() string {
	if s.Name != "" {
		return s.Name
	}
	return s.StartURL
}

// LoginCommand is the rolecall command line that signs in to this session.
func (s Session) LoginCommand() string {
	if s.Name != "" {
		return "rolecall sso login --sso-session " + s.Name
	}
	return "rolecall sso login --profile " + s.Profile
}

// AWSLoginCommand is the AWS CLI's command line for the same sign-in.
func (s Session) AWSLoginCommand() string {
	if s.Name != "" {
		return "aws sso login --sso-session " + s.Name
	}
	return "aws sso login --profile " + s.Profile
}

// where says where the session is configured, for messages.
func (s Session) where() string {
	if s.Name != "" {
		return "[sso-session " + s.Name + "]"
	}
	return "profile " + s.Profile
}

func (s Session) validate() error {
	var missing []string
	if s.StartURL == "" {
		missing = append(missing, "sso_start_url")
	}
	if s.Region == "" {
		missing = append(missing, "sso_region")
	}
	if len(missing) > 0 {
		return &Error{Reason: ReasonConfig, Session: s.Label(), Msg: fmt.Sprintf(
			"%s has no %s: add it (rolecall check shows where)", s.where(), strings.Join(missing, " or "))}
	}
	if u, err := url.Parse(s.StartURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return &Error{Reason: ReasonStartURL, Session: s.Label(), Msg: fmt.Sprintf(
			"the start URL %q in %s is not a web address: write the AWS access portal URL, like https://d-1234567890.awsapps.com/start",
			s.StartURL, s.where())}
	}
	return nil
}

// SessionNamed reads [sso-session name], with the endpoint settings of the profile the AWS tools
// would use (AWS_PROFILE, else default).
func SessionNamed(m *awsfiles.Model, name string, env awsfiles.Env) (Session, error) {
	sec := m.SSOSession(name)
	if sec == nil {
		msg := fmt.Sprintf("there is no [sso-session %s] in the config file: check the name", name)
		if names := SessionNames(m); len(names) > 0 {
			msg += " (sessions: " + strings.Join(names, ", ") + ")"
			if s := awsfiles.Suggest(name, names); s != "" {
				msg = fmt.Sprintf("there is no [sso-session %s] in the config file; did you mean %q?", name, s)
			}
		}
		return Session{}, &Error{Reason: ReasonConfig, Session: name, Msg: msg}
	}
	s := Session{Name: name, StartURL: sec.Value("sso_start_url"), Region: sec.Value("sso_region")}
	if sec.Has("sso_registration_scopes") {
		// Present but empty is [] and absent is null in the AWS CLI's registration cache key.
		s.Scopes = append([]string{}, parseScopes(sec.Value("sso_registration_scopes"))...)
	}
	profile := "default"
	if v, ok := env("AWS_PROFILE"); ok && v != "" {
		profile = v
	}
	s.resolveEndpoints(m, m.Profile(profile), env)
	return s, s.validate()
}

// SessionOfProfile is the sign-in that profile uses: its sso_session's section, or its own legacy
// sso_start_url and sso_region.
func SessionOfProfile(m *awsfiles.Model, profile string, env awsfiles.Env) (Session, error) {
	p := m.Profile(profile)
	if p == nil {
		return Session{}, &Error{Reason: ReasonConfig, Msg: fmt.Sprintf(
			"no profile %q in the config or credentials file: check the name (rolecall profiles lists them)", profile)}
	}
	if name := p.Value("sso_session"); name != "" {
		s, err := SessionNamed(m, name, env)
		s.Profile = profile
		s.resolveEndpoints(m, p, env)
		return s, err
	}
	if p.Value("sso_start_url") == "" {
		return Session{}, &Error{Reason: ReasonConfig, Msg: fmt.Sprintf(
			"profile %q does not sign in with IAM Identity Center (it has no sso_session or sso_start_url): name an SSO profile or an sso-session", profile)}
	}
	s := Session{Profile: profile, StartURL: p.Value("sso_start_url"), Region: p.Value("sso_region")}
	s.resolveEndpoints(m, p, env)
	return s, s.validate()
}

// SessionNames lists the [sso-session] sections in file order.
func SessionNames(m *awsfiles.Model) []string {
	names := make([]string, 0, len(m.SSOSessions))
	for _, s := range m.SSOSessions {
		if !slices.Contains(names, s.Name) {
			names = append(names, s.Name)
		}
	}
	return names
}

// OnlySession is the session to use when none is named: the only [sso-session]. With none or several,
// the error says so (a *ChooseSessionError lists the names to choose from).
func OnlySession(m *awsfiles.Model, env awsfiles.Env) (Session, error) {
	names := SessionNames(m)
	switch len(names) {
	case 0:
		return Session{}, &Error{Reason: ReasonConfig, Msg: "the config file has no [sso-session] section: " +
			"add one (sso_start_url, sso_region), or name a legacy SSO profile with --profile"}
	case 1:
		return SessionNamed(m, names[0], env)
	}
	return Session{}, &ChooseSessionError{Names: names}
}

// ChooseSessionError: several sso-sessions are configured and none was named.
type ChooseSessionError struct{ Names []string }

func (e *ChooseSessionError) Error() string {
	return fmt.Sprintf("the config file has %d sso-sessions (%s): name one with --sso-session", len(e.Names), strings.Join(e.Names, ", "))
}

func (s *Session) resolveEndpoints(m *awsfiles.Model, p *awsfiles.Profile, env awsfiles.Env) {
	s.OIDCEndpoint = m.ServiceEndpoint(p, env, "sso_oidc")
	s.PortalEndpoint = m.ServiceEndpoint(p, env, "sso")
}

// parseScopes reads sso_registration_scopes as the AWS CLI does: comma-separated, blanks dropped.
func parseScopes(raw string) []string {
	var out []string
	for _, sc := range strings.Split(raw, ",") {
		if sc = strings.TrimSpace(sc); sc != "" {
			out = append(out, sc)
		}
	}
	return out
}
