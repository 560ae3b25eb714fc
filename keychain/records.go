package keychain

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/rolecall/rolecall/awsfiles"
)

// AccessKeys are a profile's long-term credentials: an IAM user's access key pair and, optionally, the
// MFA device the profile uses. Its String, GoString and slog forms show only the masked key ID.
type AccessKeys struct {
	AccessKeyID     string `json:"AccessKeyId"`
	SecretAccessKey string `json:"SecretAccessKey"`
	MFASerial       string `json:"MFASerial,omitempty"`
}

func (a AccessKeys) String() string {
	return fmt.Sprintf("AccessKeys{%s, secret hidden}", awsfiles.MaskAccessKeyID(a.AccessKeyID))
}
func (a AccessKeys) GoString() string     { return a.String() }
func (a AccessKeys) LogValue() slog.Value { return slog.StringValue(a.String()) }
func (a AccessKeys) complete() bool       { return a.AccessKeyID != "" && a.SecretAccessKey != "" }

// SaveKeys stores a profile's keys, replacing what was there.
func (k *Keychain) SaveKeys(profile string, keys AccessKeys) error {
	if profile == "" {
		return errors.New("the profile name is empty: name the profile whose keys to store")
	}
	if !keys.complete() {
		return errors.New("both the access key ID and the secret access key are needed: give both")
	}
	return k.put(itemKey(kindAccessKeys, profile), "Rolecall: AWS access keys of profile "+profile, keys)
}

// LoadKeys loads a profile's keys; ErrNotFound when the keychain has none for it.
func (k *Keychain) LoadKeys(profile string) (AccessKeys, error) {
	var keys AccessKeys
	if err := k.get(itemKey(kindAccessKeys, profile), &keys); err != nil {
		return AccessKeys{}, err
	}
	if !keys.complete() {
		return AccessKeys{}, fmt.Errorf("the %s holds incomplete keys for profile %q: store them again with `rolecall keys add %s`",
			k.Describe(), profile, profile)
	}
	return keys, nil
}

// DeleteKeys removes a profile's keys; ErrNotFound when there were none.
func (k *Keychain) DeleteKeys(profile string) error {
	return k.remove(itemKey(kindAccessKeys, profile))
}

// Profiles lists the profiles whose keys the keychain holds, sorted. It reads no secret.
func (k *Keychain) Profiles() ([]string, error) {
	names, err := k.keysOf(kindAccessKeys)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(names))
	for _, n := range names {
		if len(n) == 1 {
			out = append(out, n[0])
		}
	}
	return out, nil
}

// MFASession is the result of GetSessionToken with an MFA code: temporary credentials that stand in
// for SourceProfile's long-term keys, with MFA, until Expiration. It is stored under the source profile
// and the MFA serial, as aws-vault and Granted key theirs, so every profile that uses the same keys and
// device shares it.
type MFASession struct {
	SourceProfile   string    `json:"SourceProfile"`
	MFASerial       string    `json:"MFASerial"`
	AccessKeyID     string    `json:"AccessKeyId"`
	SecretAccessKey string    `json:"SecretAccessKey"`
	SessionToken    string    `json:"SessionToken"`
	Expiration      time.Time `json:"Expiration"`
}

func (s MFASession) String() string {
	return fmt.Sprintf("MFASession{%s via %s: %s, secrets hidden, expires %s}", s.SourceProfile, s.MFASerial,
		awsfiles.MaskAccessKeyID(s.AccessKeyID), s.Expiration.UTC().Format(time.RFC3339))
}
func (s MFASession) GoString() string     { return s.String() }
func (s MFASession) LogValue() slog.Value { return slog.StringValue(s.String()) }

// SaveMFASession stores an MFA session, replacing the one of the same source profile and serial. A
// session without an expiry, or already expired, is refused: it could never be loaded.
func (k *Keychain) SaveMFASession(s MFASession) error {
	switch {
	case s.SourceProfile == "" || s.MFASerial == "":
		return errors.New("an MFA session needs its source profile and MFA serial: give both")
	case s.AccessKeyID == "" || s.SecretAccessKey == "" || s.SessionToken == "":
		return errors.New("an MFA session needs the access key ID, secret access key and session token GetSessionToken returned")
	case !s.Expiration.After(k.cfg.Now()):
		return fmt.Errorf("the MFA session expired at %s: get a new one before storing it", s.Expiration.UTC().Format(time.RFC3339))
	}
	return k.put(itemKey(kindMFASession, s.SourceProfile, s.MFASerial),
		"Rolecall: MFA session of profile "+s.SourceProfile+" ("+s.MFASerial+")", s)
}

// LoadMFASession loads the MFA session of a source profile and MFA serial if at least minRemaining of it
// is left; otherwise ErrNotFound. An expired session is deleted on the way, so the keychain does not
// keep dead credentials.
func (k *Keychain) LoadMFASession(sourceProfile, mfaSerial string, minRemaining time.Duration) (MFASession, error) {
	key := itemKey(kindMFASession, sourceProfile, mfaSerial)
	var s MFASession
	if err := k.get(key, &s); err != nil {
		return MFASession{}, err
	}
	now := k.cfg.Now()
	if !s.Expiration.After(now) {
		k.remove(key) // best effort: a failure leaves a record that the next load skips again
		return MFASession{}, ErrNotFound
	}
	if s.Expiration.Sub(now) < minRemaining {
		return MFASession{}, ErrNotFound
	}
	return s, nil
}

// DeleteMFASession removes an MFA session; ErrNotFound when there was none.
func (k *Keychain) DeleteMFASession(sourceProfile, mfaSerial string) error {
	return k.remove(itemKey(kindMFASession, sourceProfile, mfaSerial))
}
