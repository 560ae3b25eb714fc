package assume

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/sso"
)

// Session states (docs/commands.md, "Session status").
const (
	StateActive   = "active"
	StateExpiring = "expiring"
	StateExpired  = "expired"
	StateError    = "error"
)

// Where a session's credentials came from.
const (
	SourceSTS        = "sts"         // assumed now
	SourceCLICache   = "cli-cache"   // reused from the AWS CLI's cache
	SourceMFASession = "mfa-session" // assumed with an MFA session token that was already held
)

// SessionStatus is one session as of a moment: who it is, until when, and what the store will do with
// it. It holds no secret: the access key ID is masked. (The JSON form the editor and
// `rolecall assume --format json` see is internal/wire's.)
type SessionStatus struct {
	Profile        string
	RoleArn        string
	AssumedRoleArn string
	AccountID      string
	Region         string
	Expiration     time.Time
	State          string // StateActive, StateExpiring, StateExpired or StateError
	Error          string // why the last assume or refresh failed, when State is StateError; "" otherwise
	AccessKeyID    string // masked: AKIA…WXYZ
	Chain          []string
	MFA            bool
	// MFAEachRefresh is set when the chain sends its MFA code with AssumeRole itself (no MFA session can
	// serve it: a duration_seconds over an hour, a source that is not an IAM user's keys, an mfa_serial
	// on a later hop), so every refresh asks for a new code.
	MFAEachRefresh bool
	AutoRefresh    bool
	RefreshAt      time.Time // when auto-refresh will renew it; zero when it will not (MFA needed, or off)
	ExpiringAt     time.Time
	Source         string // SourceSTS, SourceCLICache, SourceMFASession or SourceShared
	// Note explains a choice the engine made for this session, e.g. why it used MFA on AssumeRole
	// instead of an MFA session; "" when there is nothing to say.
	Note string
	// SSO is the IAM Identity Center sign-in the chain starts from (an editor shows it and offers to
	// sign in again); nil for any other source.
	SSO *sso.Session
}

// StoreStatus is every session of a store and the active one.
type StoreStatus struct {
	Active   string // "" when no session is active
	Sessions []SessionStatus
}

// SessionCredentials are the secrets of a session: the one value of this package that carries them.
// Its String, GoString and slog forms mask them, so that a stray %v or log line cannot leak them.
type SessionCredentials struct {
	Profile         string
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
	Expiration      time.Time
	Region          string
	AccountID       string // of the role, when STS or Identity Center said it
}

func (c SessionCredentials) String() string {
	return fmt.Sprintf("credentials of %q (%s, secret and token hidden, expire %s)",
		c.Profile, awsfiles.MaskAccessKeyID(c.AccessKeyID), FormatTime(c.Expiration))
}

// GoString keeps %#v from printing the secrets.
func (c SessionCredentials) GoString() string { return c.String() }

// LogValue keeps slog from printing the secrets.
func (c SessionCredentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// FormatTime writes a time as the AWS tools read expirations: RFC 3339 in UTC, whole seconds
// ("2026-11-27T11:00:00Z").
func FormatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// ProcessOutput is what `rolecall credential-process` prints: the JSON the credential_process
// contract asks for (Version 1), which every AWS SDK and the CLI read.
func (c SessionCredentials) ProcessOutput() ([]byte, error) {
	return json.Marshal(struct {
		Version         int    `json:"Version"`
		AccessKeyID     string `json:"AccessKeyId"`
		SecretAccessKey string `json:"SecretAccessKey"`
		SessionToken    string `json:"SessionToken"`
		Expiration      string `json:"Expiration"`
	}{1, c.AccessKeyID, c.SecretAccessKey, c.SessionToken, FormatTime(c.Expiration)})
}

// Environment lists the variables that hand the session to a shell or terminal, in a fixed order:
// the keys, the token, AWS_CREDENTIAL_EXPIRATION (which the SDKs and CLI read) and the region.
func (c SessionCredentials) Environment() [][2]string {
	return [][2]string{
		{"AWS_ACCESS_KEY_ID", c.AccessKeyID},
		{"AWS_SECRET_ACCESS_KEY", c.SecretAccessKey},
		{"AWS_SESSION_TOKEN", c.SessionToken},
		{"AWS_CREDENTIAL_EXPIRATION", FormatTime(c.Expiration)},
		{"AWS_REGION", c.Region},
		{"AWS_DEFAULT_REGION", c.Region},
	}
}
