// Package assume is Rolecall's assume-role engine: it turns a resolved profile (a Plan) into short-lived
// credentials the way the AWS CLI would, through aws-sdk-go-v2, shares them with the AWS CLI through its
// on-disk cache, asks for an MFA code only when no live session covers it, and keeps the resulting
// sessions fresh in a Store. It knows STS and nothing about LSP.
package assume

import (
	"fmt"
	"math"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// Plan is a profile resolved to what must happen to get its credentials. FromProfile builds it from the
// merged config and credentials files; the engine never reads those files.
type Plan struct {
	Profile string    // the profile asked for
	Source  Source    // where the first credentials come from
	Roles   []RoleHop // AssumeRole hops in order; the first is called with Source's credentials; may be empty
	// Region is the effective region of the target profile; "" means us-east-1, which is what the CLI's
	// global STS endpoint amounts to.
	Region string
	// Endpoint is the STS endpoint URL if one is configured (AWS_ENDPOINT_URL_STS, [services] sts
	// endpoint_url, endpoint_url); "" means the SDK's default for Region.
	Endpoint string
	// Note says how values the AWS tools read differently were read (an inline comment); the session's
	// status carries it.
	Note string
}

// SourceKind says how the first credentials of a chain are obtained.
type SourceKind int

const (
	// StaticKeys: aws_access_key_id / aws_secret_access_key (and maybe aws_session_token) in a profile.
	StaticKeys SourceKind = iota + 1
	// CredentialProcess: the credential_process command line, run through the SDK's processcreds.
	CredentialProcess
	// CredentialSource: credential_source = Environment | Ec2InstanceMetadata | EcsContainer.
	CredentialSource
	// SSO: IAM Identity Center role credentials through the token cache that `aws sso login` leaves.
	SSO
	// WebIdentity: AssumeRoleWithWebIdentity with web_identity_token_file and the profile's role_arn.
	WebIdentity
	// Login: the console sign-in `aws login` caches (login_session), through aws-sdk-go-v2's logincreds.
	Login
)

// String gives the kind's name as docs/commands.md spells account kinds.
func (k SourceKind) String() string {
	switch k {
	case StaticKeys:
		return "static-keys"
	case CredentialProcess:
		return "credential-process"
	case CredentialSource:
		return "credential-source"
	case SSO:
		return "sso"
	case WebIdentity:
		return "web-identity"
	case Login:
		return "login"
	}
	return fmt.Sprintf("SourceKind(%d)", int(k))
}

// The credential_source values the AWS CLI accepts (case-sensitive).
const (
	SourceEnvironment         = "Environment"
	SourceEc2InstanceMetadata = "Ec2InstanceMetadata"
	SourceEcsContainer        = "EcsContainer"
)

// Source is the start of a chain: the profile that holds credentials itself.
type Source struct {
	Kind SourceKind
	// Profile, File and Line say where the credentials are written (File is the file's path, Line is
	// 1-based), so that an error can send the user to the right line.
	Profile string
	File    string
	Line    int

	AccessKeyID, SecretAccessKey, SessionToken string // StaticKeys
	// MFASerial is the profile's own mfa_serial. It matters only when Roles is empty: the plan then asks
	// for an MFA session (GetSessionToken) on these keys, which later role hops from the same keys and
	// serial reuse.
	MFASerial string
	// MFAProcess is the profile's own mfa_process: the command that prints the code for MFASerial.
	MFAProcess string

	Process          string      // CredentialProcess: the command line
	CredentialSource string      // CredentialSource: Environment | Ec2InstanceMetadata | EcsContainer
	SSO              SSOSettings // SSO

	// WebIdentity: the token file, the role it assumes and the configured role_session_name ("" = default).
	WebIdentityTokenFile, WebIdentityRoleArn, WebIdentitySessionName string

	// Login: the login_session `aws login` wrote, and the sign-in service's configured endpoint ("" = the
	// region's) for renewing it.
	LoginSession, LoginEndpoint string
}

// SSOSettings are a profile's IAM Identity Center settings, merged with its [sso-session] section.
type SSOSettings struct {
	SessionName string // sso_session; "" for the legacy form (token cache keyed by the start URL)
	StartURL    string
	Region      string // sso_region
	AccountID   string
	RoleName    string
	// OIDCEndpoint and PortalEndpoint are the configured endpoint URLs of sso-oidc and the portal
	// (AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL_SSO, [services], endpoint_url); "" = the region's.
	OIDCEndpoint, PortalEndpoint string
}

// RoleHop is one AssumeRole call: the settings of one profile with role_arn, exactly as written.
type RoleHop struct {
	Profile     string
	RoleArn     string
	ExternalID  string // "" = not written
	SessionName string // "" = not written (a readable default is generated)
	MFASerial   string // "" = not written
	MFAProcess  string // mfa_process: a command line that prints the code for MFASerial; "" = not written
	// DurationSeconds is 0 when not written; then 3600 is sent, as the CLI and STS do (not the SDK's 900).
	DurationSeconds int
}

// String describes the source without its secrets, so that printing a Plan (%v, %+v, %#v) cannot leak
// them: fmt uses this method for the Source inside a Plan too.
func (s Source) String() string {
	desc := fmt.Sprintf("%s source %s", s.Kind, s.location())
	if s.AccessKeyID != "" {
		desc += " with key " + awsfiles.MaskAccessKeyID(s.AccessKeyID) + " (secrets hidden)"
	}
	return desc
}

// GoString keeps %#v from printing the secrets.
func (s Source) GoString() string { return s.String() }

// location says where the source is written, for error messages: `profile "base" (credentials:3)`.
func (s Source) location() string {
	if s.File == "" {
		return fmt.Sprintf("profile %q", s.Profile)
	}
	if s.Line > 0 {
		return fmt.Sprintf("profile %q (%s:%d)", s.Profile, s.File, s.Line)
	}
	return fmt.Sprintf("profile %q (%s)", s.Profile, s.File)
}

// longTermKeys reports whether the source is an IAM user's access key pair, the only credentials that
// GetSessionToken accepts and so the only root an MFA session can hang off.
func (s Source) longTermKeys() bool {
	return s.Kind == StaticKeys && s.SessionToken == ""
}

// chain lists the profiles from the one asked for down to the one holding the credentials, without
// repeating a name twice in a row (a role profile that is its own source_profile).
func (p Plan) chain() []string {
	var names []string
	add := func(name string) {
		if name != "" && (len(names) == 0 || names[len(names)-1] != name) {
			names = append(names, name)
		}
	}
	add(p.Profile)
	for i := len(p.Roles) - 1; i >= 0; i-- {
		add(p.Roles[i].Profile)
	}
	add(p.Source.Profile)
	return names
}

// region is the region the STS client uses.
func (p Plan) region() string {
	if p.Region == "" {
		return "us-east-1"
	}
	return p.Region
}

// roleArn is the ARN of the role the plan ends in ("" for a plan without roles).
func (p Plan) roleArn() string {
	if len(p.Roles) > 0 {
		return p.Roles[len(p.Roles)-1].RoleArn
	}
	if p.Source.Kind == WebIdentity {
		return p.Source.WebIdentityRoleArn
	}
	return ""
}

// usesMFA reports whether any step of the plan is protected by an MFA device.
func (p Plan) usesMFA() bool {
	if len(p.Roles) == 0 {
		return p.Source.MFASerial != ""
	}
	for _, hop := range p.Roles {
		if hop.MFASerial != "" {
			return true
		}
	}
	return false
}

// validate catches plans that cannot be run at all, before anything talks to the network. Formats
// (ARN shapes, duration ranges) are the rules' business: FromProfile refuses a profile they report at
// error severity, so a plan reaching here has passed them.
func (p Plan) validate() error {
	if p.Profile == "" {
		return &PlanError{Msg: "no profile was given: name the profile to assume"}
	}
	if err := p.Source.validate(p.Profile); err != nil {
		return err
	}
	for _, hop := range p.Roles {
		if strings.TrimSpace(hop.RoleArn) == "" {
			return &PlanError{Profile: p.Profile,
				Msg: fmt.Sprintf("profile %q has an empty role_arn: write the ARN of the role to assume", hop.Profile)}
		}
		if hop.DurationSeconds < 0 || hop.DurationSeconds > math.MaxInt32 {
			return &PlanError{Profile: p.Profile, Msg: fmt.Sprintf(
				"profile %q has duration_seconds = %d: write a number of seconds from 900 to 43200", hop.Profile, hop.DurationSeconds)}
		}
	}
	return nil
}

func (s Source) validate(profile string) error {
	missing := func(what string) error {
		return &PlanError{Profile: profile, Msg: fmt.Sprintf("%s has no %s: add it, or choose another source", s.location(), what)}
	}
	switch s.Kind {
	case StaticKeys:
		if s.AccessKeyID == "" || s.SecretAccessKey == "" {
			return missing("aws_access_key_id and aws_secret_access_key")
		}
	case CredentialProcess:
		if strings.TrimSpace(s.Process) == "" {
			return missing("credential_process command")
		}
	case CredentialSource:
		switch s.CredentialSource {
		case SourceEnvironment, SourceEc2InstanceMetadata, SourceEcsContainer:
		default:
			return &PlanError{Profile: profile, Msg: fmt.Sprintf(
				"%s has credential_source = %q: use Environment, Ec2InstanceMetadata or EcsContainer (case-sensitive)",
				s.location(), s.CredentialSource)}
		}
	case SSO:
		if s.SSO.StartURL == "" || s.SSO.Region == "" || s.SSO.AccountID == "" || s.SSO.RoleName == "" {
			return missing("complete SSO settings (sso_start_url, sso_region, sso_account_id, sso_role_name)")
		}
	case WebIdentity:
		if s.WebIdentityTokenFile == "" || s.WebIdentityRoleArn == "" {
			return missing("web_identity_token_file and role_arn")
		}
	case Login:
		if strings.TrimSpace(s.LoginSession) == "" {
			return missing("login_session")
		}
	default:
		return &PlanError{Profile: profile, Msg: fmt.Sprintf("%s holds no credentials Rolecall can use", s.location())}
	}
	return nil
}
