package assume

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// SessionShare is where the Rolecall processes of one user meet (internal/sessionshare implements it
// with the OS keychain, a lock per session and a change signal): a session one process assumes or
// refreshes is there for every other, so an MFA code is typed once, each refresh is made by one process
// only, every window shows the same sessions, and Forget forgets everywhere. The store owns the record
// format; the share stores it as an opaque secret and keeps a list of entries that holds no secret.
type SessionShare interface {
	// Lock takes the user-wide lock of one session, waiting while another process holds it, until ctx
	// ends. The lock ends with the process that holds it: a crash leaves nothing locked.
	Lock(ctx context.Context, key string) (unlock func(), err error)
	// Get returns the record saved under key; false when there is none (or it cannot be read).
	Get(key string) ([]byte, bool)
	// Put saves the record and its entry, and tells the other processes. It may drop the entries that
	// have expired, and takes the key off the forgotten list.
	Put(entry ShareEntry, record []byte) error
	// Remove drops the sessions with these keys (records and entries), lists them as forgotten (for
	// ForgottenKept), and tells the other processes; with no key it drops every session and sets
	// ForgotAll.
	Remove(keys ...string) error
	// SetActive names the session the editors show and hand to their terminals ("" = none).
	SetActive(key string) error
	// Index lists the shared sessions, without secrets.
	Index() (ShareIndex, error)
	// Watch calls onChange (from its own goroutine, one call at a time) after another process changed
	// the index, until stop is called.
	Watch(onChange func()) (stop func(), err error)
}

// ShareEntry is one shared session as every process may see it: no secret.
type ShareEntry struct {
	Key        string    `json:"key"`
	Profile    string    `json:"profile"`
	Obtained   time.Time `json:"obtained"`
	Expiration time.Time `json:"expiration"`
}

// ShareIndex is the list of shared sessions, the active one (a key), and the sessions forgotten lately.
type ShareIndex struct {
	Active    string           `json:"active"`
	Sessions  []ShareEntry     `json:"sessions"`
	Forgotten []ForgottenEntry `json:"forgotten,omitempty"`
	// ForgotAll is when a process last forgot every session: each process drops the shared sessions
	// it obtained before then.
	ForgotAll time.Time `json:"forgotAll,omitzero"`
}

// ForgottenEntry is a session that a process forgot. The list, not the entry's absence, tells the
// other processes to forget it too: an entry also goes when it has expired, and a window keeps an
// expired session (to show it, and to renew it) until the user forgets it.
type ForgottenEntry struct {
	Key string    `json:"key"`
	At  time.Time `json:"at"`
}

// ForgottenKept is how long a forgotten session stays on the list: longer than any process sleeps
// without reading the share.
const ForgottenKept = 24 * time.Hour

// SourceShared says a session came from another Rolecall process of the user, which assumed or
// refreshed it.
const SourceShared = "shared"

// shareKey names a plan's session across processes: a hash of everything that decides which role the
// credentials are for and how they are renewed (profile, source and its key ID, each hop's settings,
// region, endpoint), not where it is written (file, line) and not the secrets. Two windows on the same
// files get the same key; a profile edited into another role gets a new one.
func shareKey(plan Plan) string {
	p := plan
	p.Note = ""
	p.Source.File, p.Source.Line = "", 0
	p.Source.SecretAccessKey, p.Source.SessionToken = "", ""
	b, _ := json.Marshal(struct {
		V    int
		Plan Plan
	}{1, p})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// sharedRecord is what the keychain holds for a shared session: the result and the plan, so that a
// process that did not assume it can show it and refresh it. It holds secrets.
type sharedRecord struct {
	Plan            Plan      `json:"plan"`
	AccessKeyID     string    `json:"accessKeyId"`
	SecretAccessKey string    `json:"secretAccessKey"`
	SessionToken    string    `json:"sessionToken"`
	Expiration      time.Time `json:"expiration"`
	AssumedRoleArn  string    `json:"assumedRoleArn"`
	AccountID       string    `json:"accountId"`
	Obtained        time.Time `json:"obtained"`
	Note            string    `json:"note,omitempty"`
}

func encodeRecord(plan Plan, res result, obtained time.Time) ([]byte, error) {
	return json.Marshal(sharedRecord{Plan: plan, AccessKeyID: res.creds.AccessKeyID, SecretAccessKey: res.creds.SecretAccessKey,
		SessionToken: res.creds.SessionToken, Expiration: res.creds.Expires, AssumedRoleArn: res.assumedArn,
		AccountID: res.accountID, Obtained: obtained, Note: res.note})
}

// adopted is a session read back from the share.
type adopted struct {
	plan     Plan
	res      result
	obtained time.Time
}

func decodeRecord(b []byte) (adopted, bool) {
	var r sharedRecord
	if json.Unmarshal(b, &r) != nil || r.AccessKeyID == "" || r.Expiration.IsZero() {
		return adopted{}, false
	}
	return adopted{plan: r.Plan, obtained: r.Obtained.Round(0), res: result{
		creds:      credentials{AccessKeyID: r.AccessKeyID, SecretAccessKey: r.SecretAccessKey, SessionToken: r.SessionToken, Expires: r.Expiration.Round(0)},
		assumedArn: r.AssumedRoleArn, accountID: r.AccountID, source: SourceShared, note: r.Note,
	}}, true
}

// loadShared reads the shared session of key when its plan is plan's and it has more than minLeft.
func loadShared(share SessionShare, key string, plan *Plan, minLeft time.Duration) (adopted, bool) {
	b, ok := share.Get(key)
	if !ok {
		return adopted{}, false
	}
	a, ok := decodeRecord(b)
	if !ok || a.res.creds.Expires.Sub(wallNow()) <= minLeft || (plan != nil && shareKey(a.plan) != shareKey(*plan)) {
		return adopted{}, false
	}
	return a, true
}
