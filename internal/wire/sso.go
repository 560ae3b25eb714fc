package wire

import (
	"errors"

	"github.com/rolecall/rolecall/sso"
)

// The IAM Identity Center commands (docs/commands.md, "IAM Identity Center"). A session is named by
// ssoSession (an [sso-session] section) or, for the legacy form, by a profile holding sso_start_url.
const (
	CommandSSOLogin    = "rolecall-ls.sso.login"    // SSOLoginArgs → SSOSession
	CommandSSOLogout   = "rolecall-ls.sso.logout"   // SSOTarget → SSOSession
	CommandSSOSessions = "rolecall-ls.sso.sessions" // NoArgs → SSOSessions
	CommandSSOAccounts = "rolecall-ls.sso.accounts" // SSOAccountsArgs → SSOAccounts
	CommandSSOAssume   = "rolecall-ls.sso.assume"   // SSOAssumeArgs → SessionStatus
	CommandSSOProfiles = "rolecall-ls.sso.profiles" // SSOProfilesArgs → SSOProfilesPlan
)

// SSOProgressNotification reports each step of a sign-in started with rolecall-ls.sso.login; its
// params are an SSOProgress.
const SSOProgressNotification = "rolecall/ssoProgress"

// SSOTarget names one sign-in: the [sso-session] ssoSession, or the legacy profile that holds
// sso_start_url itself. Every argument below has these two fields (flat, not embedded: the LSP
// codec does not inline embedded structs); exactly one is given unless the command says otherwise.
type SSOTarget struct {
	SSOSession string `json:"ssoSession,omitempty"`
	Profile    string `json:"profile,omitempty"`
}

// Validate requires exactly one of ssoSession and profile.
func (a *SSOTarget) Validate() error { return checkTarget(a.SSOSession, a.Profile, false) }

func checkTarget(session, profile string, optional bool) error {
	switch {
	case session == "" && profile == "" && !optional:
		return errors.New(`needs the sign-in: {"ssoSession": "<name>"} (or {"profile": "<legacy SSO profile>"})`)
	case session != "" && profile != "":
		return errors.New(`names the sign-in twice: give ssoSession or profile, not both`)
	}
	return nil
}

// SSOLoginArgs is the argument of rolecall-ls.sso.login. With no session named, the only
// [sso-session] is used. ID is echoed in every rolecall/ssoProgress of this sign-in (default: the
// session's name), so a client can tell concurrent sign-ins apart.
type SSOLoginArgs struct {
	SSOSession    string `json:"ssoSession,omitempty"`
	Profile       string `json:"profile,omitempty"`
	UseDeviceCode bool   `json:"useDeviceCode,omitempty"`
	ID            string `json:"id,omitempty"`
}

// Validate: the session may be left out (the only one is used), but not named twice.
func (a *SSOLoginArgs) Validate() error {
	return checkTarget(a.SSOSession, a.Profile, true)
}

// SSOAccountsArgs is the argument of rolecall-ls.sso.accounts; Refresh asks the portal again even
// when a recent answer is cached.
type SSOAccountsArgs struct {
	SSOSession string `json:"ssoSession,omitempty"`
	Profile    string `json:"profile,omitempty"`
	Refresh    bool   `json:"refresh,omitempty"`
}

// Validate requires the session.
func (a *SSOAccountsArgs) Validate() error { return checkTarget(a.SSOSession, a.Profile, false) }

// SSOAssumeArgs is the argument of rolecall-ls.sso.assume: a role the portal lists, with or without a
// profile naming it.
type SSOAssumeArgs struct {
	SSOSession string `json:"ssoSession,omitempty"`
	Profile    string `json:"profile,omitempty"`
	AccountID  string `json:"accountId"`
	RoleName   string `json:"roleName"`
}

// Validate requires the session, the account and the role.
func (a *SSOAssumeArgs) Validate() error {
	if err := checkTarget(a.SSOSession, a.Profile, false); err != nil {
		return err
	}
	if a.AccountID == "" || a.RoleName == "" {
		return errors.New(`needs the account and role: {"ssoSession": "<name>", "accountId": "<12 digits>", "roleName": "<role>"}`)
	}
	return nil
}

// SSOProfilesArgs is the argument of rolecall-ls.sso.profiles: without Write it only plans.
type SSOProfilesArgs struct {
	SSOSession string `json:"ssoSession,omitempty"`
	Profile    string `json:"profile,omitempty"`
	Template   string `json:"template,omitempty"`
	Prefix     string `json:"prefix,omitempty"`
	Region     string `json:"region,omitempty"`
	Write      bool   `json:"write"`
}

// Validate requires the session and a usable template.
func (a *SSOProfilesArgs) Validate() error {
	if err := checkTarget(a.SSOSession, a.Profile, false); err != nil {
		return err
	}
	if a.Template != "" {
		return sso.CheckTemplate(a.Template)
	}
	return nil
}

// SessionSSO is the IAM Identity Center sign-in a session's credentials come from: Name is the
// session's label (the sso-session's name, or the legacy form's start URL), and SSOSession or Profile
// is what to pass to rolecall-ls.sso.login to sign in again.
type SessionSSO struct {
	Name       string  `json:"name"`
	SSOSession *string `json:"ssoSession"`
	Profile    *string `json:"profile"`
	StartURL   string  `json:"startUrl"`
	Region     string  `json:"region"`
}

// SSOSession is one sign-in as the token cache holds it: no secret. Its first fields are
// SessionSSO's.
type SSOSession struct {
	Name       string  `json:"name"`
	SSOSession *string `json:"ssoSession"`
	Profile    *string `json:"profile"`
	StartURL   string  `json:"startUrl"`
	Region     string  `json:"region"`
	SignedIn   bool    `json:"signedIn"`
	// Expiration is the access token's expiry; null when no token is cached.
	Expiration *Time `json:"expiration"`
	// Refreshable: the token is renewed without the person until the Identity Center session ends.
	Refreshable bool `json:"refreshable"`
}

// SSOSessions is the result of rolecall-ls.sso.sessions: every [sso-session] and legacy start URL
// of the config file, in file order.
type SSOSessions struct {
	Sessions []SSOSession `json:"sessions"`
}

// SSOProgress is one step of a sign-in (params of rolecall/ssoProgress). URL is the page to open (for
// the device code flow with the code filled in); VerificationURI and UserCode are the device code
// flow's page and code, null in the authorization code flow. Neither is a secret: the code only
// identifies the request that the person approves while signed in to their browser.
type SSOProgress struct {
	ID              string  `json:"id"`
	Kind            string  `json:"kind"` // open | waiting | signed-in
	Flow            string  `json:"flow"` // authorization-code | device-code
	URL             *string `json:"url"`
	VerificationURI *string `json:"verificationUri"`
	UserCode        *string `json:"userCode"`
	ExpiresAt       *Time   `json:"expiresAt"`
	Message         string  `json:"message"`
}

// SSOAccounts is the result of rolecall-ls.sso.accounts: every account of the session with its
// roles, in the portal's order.
type SSOAccounts struct {
	SSOSession string       `json:"ssoSession"`
	Accounts   []SSOAccount `json:"accounts"`
	FetchedAt  Time         `json:"fetchedAt"`
}

// SSOAccount is one account and the roles the person may use in it (sorted).
type SSOAccount struct {
	AccountID    string   `json:"accountId"`
	AccountName  string   `json:"accountName"`
	EmailAddress string   `json:"emailAddress"`
	Roles        []string `json:"roles"`
}

// SSOProfilesPlan is the result of rolecall-ls.sso.profiles: the profiles of the session's block and
// what writing them does to the config file. Content is the whole new file (not a secret: the config
// file holds no keys Rolecall writes); Written says the file was changed by this call.
type SSOProfilesPlan struct {
	SSOSession string             `json:"ssoSession"`
	ConfigFile string             `json:"configFile"`
	Profiles   []GeneratedProfile `json:"profiles"`
	Added      []string           `json:"added"`
	Removed    []string           `json:"removed"`
	Kept       []string           `json:"kept"`
	Block      string             `json:"block"`
	Content    string             `json:"content"`
	Changed    bool               `json:"changed"`
	Written    bool               `json:"written"`
}

// GeneratedProfile is one generated profile: its name, account and role.
type GeneratedProfile struct {
	Profile     string `json:"profile"`
	AccountID   string `json:"accountId"`
	AccountName string `json:"accountName"`
	RoleName    string `json:"roleName"`
}

// NewSessionSSO is the wire form of the sign-in s.
func NewSessionSSO(s sso.Session) SessionSSO {
	out := SessionSSO{Name: s.Label(), StartURL: s.StartURL, Region: s.Region}
	if s.Name != "" {
		out.SSOSession = &s.Name
	} else {
		out.Profile = &s.Profile
	}
	return out
}

// NewSSOSession is the wire form of a sign-in and its cached state.
func NewSSOSession(s sso.Session, st sso.Status) SSOSession {
	id := NewSessionSSO(s)
	out := SSOSession{Name: id.Name, SSOSession: id.SSOSession, Profile: id.Profile, StartURL: id.StartURL, Region: id.Region,
		SignedIn: st.SignedIn, Refreshable: st.Refreshable}
	if !st.Expires.IsZero() {
		out.Expiration = &Time{st.Expires}
	}
	return out
}

// NewSSOProgress is the wire form of a sign-in step.
func NewSSOProgress(id string, e sso.Event) SSOProgress {
	out := SSOProgress{ID: id, Kind: string(e.Kind), Flow: string(e.Flow), URL: nonEmpty(e.URL),
		VerificationURI: nonEmpty(e.VerificationURI), UserCode: nonEmpty(e.UserCode), Message: e.Message}
	if !e.ExpiresAt.IsZero() {
		out.ExpiresAt = &Time{e.ExpiresAt}
	}
	return out
}

// NewSSOAccounts is the wire form of a session's directory.
func NewSSOAccounts(dir sso.Directory) SSOAccounts {
	out := SSOAccounts{SSOSession: dir.Session, Accounts: make([]SSOAccount, 0, len(dir.Accounts)), FetchedAt: Time{dir.FetchedAt}}
	for _, a := range dir.Accounts {
		roles := a.Roles
		if roles == nil {
			roles = []string{}
		}
		out.Accounts = append(out.Accounts, SSOAccount{AccountID: a.ID, AccountName: a.Name, EmailAddress: a.Email, Roles: roles})
	}
	return out
}

// NewSSOProfilesPlan is the wire form of a generated-profiles plan for the config file at path.
func NewSSOProfilesPlan(session, path string, p sso.ProfilesPlan, written bool) SSOProfilesPlan {
	out := SSOProfilesPlan{SSOSession: session, ConfigFile: path, Profiles: make([]GeneratedProfile, 0, len(p.Profiles)),
		Added: orEmpty(p.Added), Removed: orEmpty(p.Removed), Kept: orEmpty(p.Kept), Block: p.Block,
		Content: string(p.Content), Changed: p.Changed, Written: written}
	for _, g := range p.Profiles {
		out.Profiles = append(out.Profiles, GeneratedProfile{Profile: g.Name, AccountID: g.AccountID, AccountName: g.AccountName, RoleName: g.Role})
	}
	return out
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
