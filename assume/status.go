package assume

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/rolecall/rolecall/awsfiles"
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

// SessionStatus is one session as every command and the rolecall/status notification show it. It
// marshals to exactly the "Session status" object of docs/commands.md (plus `note` when there is one).
// It holds no secret: the access key ID is masked.
type SessionStatus struct {
	Profile        string   `json:"profile"`
	RoleArn        string   `json:"roleArn"`
	AssumedRoleArn string   `json:"assumedRoleArn"`
	AccountID      string   `json:"accountId"`
	Region         string   `json:"region"`
	Expiration     UTCTime  `json:"expiration"`
	State          string   `json:"state"`
	Error          *string  `json:"error"`
	AccessKeyID    string   `json:"accessKeyId"` // masked: AKIA…WXYZ
	Chain          []string `json:"chain"`
	MFA            bool     `json:"mfa"`
	AutoRefresh    bool     `json:"autoRefresh"`
	RefreshAt      *UTCTime `json:"refreshAt"` // nil when auto-refresh cannot renew it (MFA needed, or off)
	ExpiringAt     UTCTime  `json:"expiringAt"`
	Source         string   `json:"source"`
	// Note explains a choice the engine made for this session, e.g. why it used MFA on AssumeRole
	// instead of an MFA session. Omitted when empty. (Not yet in docs/commands.md.)
	Note string `json:"note,omitempty"`
}

// StoreStatus is the result of rolecall-ls.status and the params of the rolecall/status notification.
type StoreStatus struct {
	Active   *string         `json:"active"` // nil when no session is active
	Sessions []SessionStatus `json:"sessions"`
}

// SessionCredentials is the result of rolecall-ls.credentials, the only value that carries secrets.
// Its JSON form holds them; its String, GoString and slog forms mask them, so that a stray %v or log
// line cannot leak them.
type SessionCredentials struct {
	Profile         string  `json:"profile"`
	AccessKeyID     string  `json:"accessKeyId"`
	SecretAccessKey string  `json:"secretAccessKey"`
	SessionToken    string  `json:"sessionToken"`
	Expiration      UTCTime `json:"expiration"`
	Region          string  `json:"region"`
}

func (c SessionCredentials) String() string {
	return fmt.Sprintf("credentials of %q (%s, secret and token hidden, expire %s)",
		c.Profile, awsfiles.MaskAccessKeyID(c.AccessKeyID), c.Expiration)
}

// GoString keeps %#v from printing the secrets.
func (c SessionCredentials) GoString() string { return c.String() }

// LogValue keeps slog from printing the secrets.
func (c SessionCredentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// UTCTime is a time that marshals as RFC 3339 in UTC, whole seconds ("2026-11-27T11:00:00Z").
type UTCTime struct{ time.Time }

func (t UTCTime) MarshalJSON() ([]byte, error) {
	return []byte(`"` + t.String() + `"`), nil
}

func (t *UTCTime) UnmarshalJSON(b []byte) error {
	var parsed time.Time
	if err := parsed.UnmarshalJSON(b); err != nil {
		return err
	}
	t.Time = parsed
	return nil
}

func (t UTCTime) String() string { return t.UTC().Format(time.RFC3339) }

func utcPtr(t time.Time) *UTCTime { return &UTCTime{t} }

// ProcessOutput is what `rolecall credential-process` prints: the JSON the credential_process
// contract asks for (Version 1), which every AWS SDK and the CLI read.
func (c SessionCredentials) ProcessOutput() ([]byte, error) {
	return json.Marshal(struct {
		Version         int    `json:"Version"`
		AccessKeyID     string `json:"AccessKeyId"`
		SecretAccessKey string `json:"SecretAccessKey"`
		SessionToken    string `json:"SessionToken"`
		Expiration      string `json:"Expiration"`
	}{1, c.AccessKeyID, c.SecretAccessKey, c.SessionToken, c.Expiration.String()})
}

// Environment lists the variables that hand the session to a shell or terminal, in a fixed order:
// the keys, the token, AWS_CREDENTIAL_EXPIRATION (which the SDKs and CLI read) and the region.
func (c SessionCredentials) Environment() [][2]string {
	return [][2]string{
		{"AWS_ACCESS_KEY_ID", c.AccessKeyID},
		{"AWS_SECRET_ACCESS_KEY", c.SecretAccessKey},
		{"AWS_SESSION_TOKEN", c.SessionToken},
		{"AWS_CREDENTIAL_EXPIRATION", c.Expiration.String()},
		{"AWS_REGION", c.Region},
		{"AWS_DEFAULT_REGION", c.Region},
	}
}
