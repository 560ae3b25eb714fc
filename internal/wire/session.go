package wire

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/awsfiles"
)

// SessionStatus is one session, as the session commands answer and rolecall/status reports it
// (docs/commands.md, "Session status"). It holds no secret: the access key ID is masked.
type SessionStatus struct {
	Profile        string   `json:"profile"`
	RoleArn        string   `json:"roleArn"`
	AssumedRoleArn string   `json:"assumedRoleArn"`
	AccountID      string   `json:"accountId"`
	Region         string   `json:"region"`
	Expiration     Time     `json:"expiration"`
	State          string   `json:"state"`
	Error          *string  `json:"error"` // null unless state is "error"
	AccessKeyID    string   `json:"accessKeyId"`
	Chain          []string `json:"chain"`
	MFA            bool     `json:"mfa"`
	MFAEachRefresh bool     `json:"mfaEachRefresh"`
	AutoRefresh    bool     `json:"autoRefresh"`
	RefreshAt      *Time    `json:"refreshAt"` // null when auto-refresh will not renew it
	ExpiringAt     Time     `json:"expiringAt"`
	Source         string   `json:"source"`
	Note           string   `json:"note,omitempty"`
	// SSO is the IAM Identity Center sign-in the session's chain starts from; absent otherwise.
	SSO *SessionSSO `json:"sso,omitempty"`
}

// Status is the result of rolecall-ls.status and rolecall-ls.forget, and the params of rolecall/status.
type Status struct {
	Active   *string         `json:"active"` // null when no session is active
	Sessions []SessionStatus `json:"sessions"`
}

// Credentials is the result of rolecall-ls.credentials, the one message of the server that carries
// secrets. Its String, GoString and slog forms mask them.
type Credentials struct {
	Profile         string `json:"profile"`
	AccessKeyID     string `json:"accessKeyId"`
	SecretAccessKey string `json:"secretAccessKey"`
	SessionToken    string `json:"sessionToken"`
	Expiration      Time   `json:"expiration"`
	Region          string `json:"region"`
}

func (c Credentials) String() string {
	return fmt.Sprintf("credentials of %q (%s, secret and token hidden, expire %s)",
		c.Profile, awsfiles.MaskAccessKeyID(c.AccessKeyID), c.Expiration)
}

// GoString keeps %#v from printing the secrets.
func (c Credentials) GoString() string { return c.String() }

// LogValue keeps slog from printing the secrets.
func (c Credentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Time is a time on the wire: RFC 3339 in UTC, whole seconds ("2026-11-27T11:00:00Z").
type Time struct{ time.Time }

func (t Time) String() string { return assume.FormatTime(t.Time) }

func (t Time) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

func (t *Time) UnmarshalJSON(b []byte) error { return t.Time.UnmarshalJSON(b) }

// NewSessionStatus is the wire form of a session's status.
func NewSessionStatus(st assume.SessionStatus) SessionStatus {
	out := SessionStatus{
		Profile:        st.Profile,
		RoleArn:        st.RoleArn,
		AssumedRoleArn: st.AssumedRoleArn,
		AccountID:      st.AccountID,
		Region:         st.Region,
		Expiration:     Time{st.Expiration},
		State:          st.State,
		AccessKeyID:    st.AccessKeyID,
		Chain:          st.Chain,
		MFA:            st.MFA,
		MFAEachRefresh: st.MFAEachRefresh,
		AutoRefresh:    st.AutoRefresh,
		ExpiringAt:     Time{st.ExpiringAt},
		Source:         st.Source,
		Note:           st.Note,
	}
	if out.Chain == nil {
		out.Chain = []string{}
	}
	if st.Error != "" {
		msg := st.Error
		out.Error = &msg
	}
	if !st.RefreshAt.IsZero() {
		out.RefreshAt = &Time{st.RefreshAt}
	}
	if st.SSO != nil {
		signIn := NewSessionSSO(*st.SSO)
		out.SSO = &signIn
	}
	return out
}

// NewStatus is the wire form of a store's status.
func NewStatus(st assume.StoreStatus) Status {
	out := Status{Sessions: make([]SessionStatus, 0, len(st.Sessions))}
	if st.Active != "" {
		active := st.Active
		out.Active = &active
	}
	for _, s := range st.Sessions {
		out.Sessions = append(out.Sessions, NewSessionStatus(s))
	}
	return out
}

// NewCredentials is the wire form of a session's credentials.
func NewCredentials(c assume.SessionCredentials) Credentials {
	return Credentials{Profile: c.Profile, AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey,
		SessionToken: c.SessionToken, Expiration: Time{c.Expiration}, Region: c.Region}
}
