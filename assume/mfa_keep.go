package assume

import (
	"time"

	"github.com/rolecall/rolecall/keychain"
)

// MFASessionKeeper keeps MFA sessions beyond this process, so that a code typed once serves every
// Rolecall process of the user (each window's server, assume, exec, credential-process) and survives a
// restart, for the session's lifetime. Sessions are keyed as aws-vault and Granted key theirs: the
// profile that holds the long-term keys, and the MFA serial. Failures are misses: without a keychain,
// an MFA session lives in memory only, as before.
type MFASessionKeeper interface {
	Load(sourceProfile, serial string, minRemaining time.Duration) (credentials, bool)
	Save(sourceProfile, serial string, c credentials)
	Delete(sourceProfile, serial string)
}

// KeychainMFASessions keeps MFA sessions in the OS keychain (the Secret Service, macOS Keychain, Windows
// Credential Manager, KWallet). The encrypted file backend is used only when ROLECALL_KEYCHAIN_BACKEND
// names it: it needs a passphrase, and an assume must never stop to ask for one. The keychain is opened
// for each call, which costs only when an MFA session is needed, not on a cached role.
func KeychainMFASessions(getenv func(string) string) MFASessionKeeper {
	return keychainMFASessions{getenv: getenv}
}

type keychainMFASessions struct{ getenv func(string) string }

func (k keychainMFASessions) open() (*keychain.Keychain, bool) {
	kc, err := keychain.OpenForSessions(k.getenv)
	return kc, err == nil
}

func (k keychainMFASessions) Load(sourceProfile, serial string, minRemaining time.Duration) (credentials, bool) {
	kc, ok := k.open()
	if !ok {
		return credentials{}, false
	}
	s, err := kc.LoadMFASession(sourceProfile, serial, minRemaining)
	if err != nil {
		return credentials{}, false
	}
	return credentials{AccessKeyID: s.AccessKeyID, SecretAccessKey: s.SecretAccessKey, SessionToken: s.SessionToken, Expires: s.Expiration}, true
}

func (k keychainMFASessions) Save(sourceProfile, serial string, c credentials) {
	if kc, ok := k.open(); ok {
		_ = kc.SaveMFASession(keychain.MFASession{SourceProfile: sourceProfile, MFASerial: serial,
			AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken, Expiration: c.Expires})
	}
}

func (k keychainMFASessions) Delete(sourceProfile, serial string) {
	if kc, ok := k.open(); ok {
		_ = kc.DeleteMFASession(sourceProfile, serial)
	}
}
