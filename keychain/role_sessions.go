package keychain

import (
	"encoding/json"
	"errors"
)

// kindRoleSession holds the role sessions the Rolecall processes of one user share
// (internal/sessionshare): each record is the engine's JSON, secrets inside, under the share's space (a
// name for the share's directory, so that two shares never read each other's records) and the session's
// key.
const kindRoleSession = "role-session"

// SaveRoleSession stores a shared role session's record (JSON), replacing the one under the same space
// and key. label is what a keychain viewer shows; it must hold no secret.
func (k *Keychain) SaveRoleSession(space, key, label string, record []byte) error {
	if space == "" || key == "" {
		return errors.New("a role session needs the share's space and its key: give both")
	}
	if !json.Valid(record) {
		return errors.New("a role session's record must be JSON")
	}
	return k.put(itemKey(kindRoleSession, space, key), label, json.RawMessage(record))
}

// LoadRoleSession returns a shared role session's record; ErrNotFound when there is none.
func (k *Keychain) LoadRoleSession(space, key string) ([]byte, error) {
	var record json.RawMessage
	if err := k.get(itemKey(kindRoleSession, space, key), &record); err != nil {
		return nil, err
	}
	return record, nil
}

// DeleteRoleSession removes a shared role session; ErrNotFound when there was none.
func (k *Keychain) DeleteRoleSession(space, key string) error {
	return k.remove(itemKey(kindRoleSession, space, key))
}

// OpenForSessions opens the keychain that holds sessions (MFA and role sessions): the backend the
// environment names (ROLECALL_KEYCHAIN_BACKEND), else the first of the operating system's keychains
// that works. The encrypted file is never picked on its own: it needs a passphrase, and an assume must
// never stop to ask for one.
func OpenForSessions(getenv func(string) string) (*Keychain, error) {
	cfg := ConfigFromEnv(getenv, nil)
	if cfg.Backend != "" {
		return Open(cfg)
	}
	var firstErr error
	for _, b := range []Backend{WindowsCredMan, MacOSKeychain, SecretService, KWallet} {
		cfg.Backend = b
		kc, err := Open(cfg)
		if err == nil {
			return kc, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, firstErr
}
