// Package keyops moves a profile's access keys between the credentials file and the OS keychain: the
// one implementation behind `rolecall keys` and the editor's "Move these keys to the keychain". It
// knows nothing of LSP or of terminals; its errors say what is wrong and what to do.
package keyops

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/keychain"
)

// Result says what an operation did, without a secret.
type Result struct {
	Profile  string
	Keychain string // the keychain, for a person: "Secret Service (collection login)"
	KeyID    string // the access key ID, masked
	File     string // the credentials file that was changed, "" when it was not
}

// credentialsMode is the mode of a credentials file Rolecall creates (an existing file keeps its own).
const credentialsMode fs.FileMode = 0o600

// updateCredentials is the one wrapper over the safe writer (lock, same-directory temporary file, fsync,
// mode kept, rename): change sees the file as it is under the lock, so a concurrent edit is never lost.
func updateCredentials(path string, change func(f *awsfiles.File) ([]byte, error)) error {
	return awsfiles.UpdateFile(path, credentialsMode, func(old []byte) ([]byte, error) {
		return change(awsfiles.Parse(awsfiles.CredentialsFile, path, old))
	})
}

// Import moves [profile]'s keys from the credentials file into the keychain. Under the file's lock it
// stores the keys, reads them back and compares, and only then replaces the two key lines with the
// keychain marker and credential_process line; if anything fails before, the file is not changed. (If
// the file write itself fails after that, the keys are in both places, which loses nothing.)
func Import(k *keychain.Keychain, credentialsPath, profile string) (Result, error) {
	res := Result{Profile: profile, Keychain: k.Describe()}
	err := updateCredentials(credentialsPath, func(f *awsfiles.File) ([]byte, error) {
		out, keys, err := awsfiles.MoveKeysToKeychain(f, profile)
		if err != nil {
			return nil, err
		}
		stored := keychain.AccessKeys{AccessKeyID: keys.AccessKeyID, SecretAccessKey: keys.SecretAccessKey}
		if old, err := k.LoadKeys(profile); err == nil {
			stored.MFASerial = old.MFASerial
		}
		if err := saveAndVerify(k, profile, stored); err != nil {
			return nil, err
		}
		res.KeyID = awsfiles.MaskAccessKeyID(keys.AccessKeyID)
		return out, nil
	})
	if err != nil {
		return Result{}, err
	}
	res.File = credentialsPath
	return res, nil
}

// saveAndVerify stores keys and reads them back: a keychain that accepted the write but returns
// something else (or nothing) must not cost the user the only copy of a secret.
func saveAndVerify(k *keychain.Keychain, profile string, keys keychain.AccessKeys) error {
	if err := k.SaveKeys(profile, keys); err != nil {
		return err
	}
	back, err := k.LoadKeys(profile)
	if err != nil {
		return fmt.Errorf("the %s accepted the keys of %q but cannot give them back (%v): the credentials file was not changed", k.Describe(), profile, err)
	}
	if back != keys {
		return fmt.Errorf("the %s gives back other keys for %q than were stored: the credentials file was not changed; check the keychain", k.Describe(), profile)
	}
	return nil
}

// Add stores new keys for a profile and makes the credentials file point at them (a new [profile]
// section with the credential_process line, or the line added to a section without keys). A profile
// whose keys are in the file in plaintext is refused: `keys import` is the way for it.
func Add(k *keychain.Keychain, credentialsPath, profile string, keys keychain.AccessKeys) (Result, error) {
	res := Result{Profile: profile, Keychain: k.Describe(), KeyID: awsfiles.MaskAccessKeyID(keys.AccessKeyID)}
	err := updateCredentials(credentialsPath, func(f *awsfiles.File) ([]byte, error) {
		out, err := awsfiles.PointAtKeychain(f, profile)
		if err != nil {
			return nil, err
		}
		if string(out) != string(f.Src()) {
			res.File = credentialsPath
		}
		return out, saveAndVerify(k, profile, keys)
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// ErrNotStored means the keychain holds no keys for the profile.
var ErrNotStored = errors.New("no keys in the keychain")

// Remove deletes the lines that point the credentials file at a profile's keys, then the keys from the
// keychain. The file goes first: if it cannot be written, the keys stay and the profile keeps working.
func Remove(k *keychain.Keychain, credentialsPath, profile string) (Result, error) {
	res := Result{Profile: profile, Keychain: k.Describe()}
	err := updateCredentials(credentialsPath, func(f *awsfiles.File) ([]byte, error) {
		out, found, err := awsfiles.RemoveKeychainLines(f, profile, nil)
		if found {
			res.File = credentialsPath
		}
		return out, err
	})
	if err != nil {
		return Result{}, err
	}
	switch err := k.DeleteKeys(profile); {
	case errors.Is(err, keychain.ErrNotFound) && res.File == "":
		return Result{}, fmt.Errorf("the %s has no keys for %q: nothing to remove (`rolecall keys list` shows what it holds): %w", k.Describe(), profile, ErrNotStored)
	case err != nil && !errors.Is(err, keychain.ErrNotFound):
		return Result{}, err
	}
	return res, nil
}

// Export puts a profile's keys back into the credentials file in plaintext, in place of the lines that
// pointed at the keychain, then deletes them from the keychain.
func Export(k *keychain.Keychain, credentialsPath, profile string) (Result, error) {
	keys, err := k.LoadKeys(profile)
	if errors.Is(err, keychain.ErrNotFound) {
		return Result{}, fmt.Errorf("the %s has no keys for %q: nothing to export (`rolecall keys list` shows what it holds): %w", k.Describe(), profile, ErrNotStored)
	}
	if err != nil {
		return Result{}, err
	}
	res := Result{Profile: profile, Keychain: k.Describe(), KeyID: awsfiles.MaskAccessKeyID(keys.AccessKeyID), File: credentialsPath}
	err = updateCredentials(credentialsPath, func(f *awsfiles.File) ([]byte, error) {
		out, found, err := awsfiles.RemoveKeychainLines(f, profile, &awsfiles.StaticKeys{AccessKeyID: keys.AccessKeyID, SecretAccessKey: keys.SecretAccessKey})
		if err == nil && !found {
			err = fmt.Errorf("[%s] in %s does not point at the keychain (no `credential_process = %s` line): add that line "+
				"where the keys should go, then export again; the keys stay in the keychain", profile, credentialsPath, awsfiles.KeychainProcess(profile))
		}
		return out, err
	})
	if err != nil {
		return Result{}, err
	}
	if err := k.DeleteKeys(profile); err != nil && !errors.Is(err, keychain.ErrNotFound) {
		return res, fmt.Errorf("the keys are back in %s, but the %s still holds a copy (%v): remove it with `rolecall keys remove %s`",
			credentialsPath, k.Describe(), err, profile)
	}
	return res, nil
}

// Stored is one profile the keychain holds keys for.
type Stored struct {
	Profile   string
	KeyID     string // masked
	MFASerial string
	InFile    bool // the credentials file points at the keychain for it
	Err       error
}

// List lists the profiles the keychain holds keys for, with their masked key IDs.
func List(k *keychain.Keychain, credentials *awsfiles.File) ([]Stored, error) {
	names, err := k.Profiles()
	if err != nil {
		return nil, err
	}
	out := make([]Stored, 0, len(names))
	for _, n := range names {
		s := Stored{Profile: n, InFile: credentials != nil && awsfiles.PointsAtKeychain(credentials, n)}
		keys, err := k.LoadKeys(n)
		s.KeyID, s.MFASerial, s.Err = awsfiles.MaskAccessKeyID(keys.AccessKeyID), keys.MFASerial, err
		out = append(out, s)
	}
	return out, nil
}
