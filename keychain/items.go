package keychain

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/99designs/keyring"
)

// Item keys: keyPrefix, a kind, then the names that identify the record, each path-escaped so that a
// profile name or an MFA serial (an ARN with slashes) cannot be read as two parts.
const (
	kindAccessKeys = "access-keys"
	kindMFASession = "mfa-session"
)

func itemKey(kind string, names ...string) string {
	parts := []string{strings.TrimSuffix(keyPrefix, "/"), kind}
	for _, n := range names {
		parts = append(parts, url.PathEscape(n))
	}
	return strings.Join(parts, "/")
}

// namesOf returns the names of a key of the kind, false for a key of another kind or program.
func namesOf(kind, key string) ([]string, bool) {
	rest, ok := strings.CutPrefix(key, keyPrefix+kind+"/")
	if !ok {
		return nil, false
	}
	parts := strings.Split(rest, "/")
	for i, p := range parts {
		n, err := url.PathUnescape(p)
		if err != nil {
			return nil, false
		}
		parts[i] = n
	}
	return parts, true
}

// put stores v as JSON under key, replacing what was there.
func (k *Keychain) put(key, label string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if err := k.checkFilePassphrase(); err != nil {
		return err
	}
	err = k.ring.Set(keyring.Item{Key: key, Data: data, Label: label, Description: "Rolecall",
		KeychainNotTrustApplication: false, KeychainNotSynchronizable: true})
	if err != nil {
		return fmt.Errorf("cannot write to the %s: %w", k.Describe(), err)
	}
	return nil
}

// get loads the JSON under key into v; ErrNotFound when there is none.
func (k *Keychain) get(key string, v any) error {
	item, err := k.ring.Get(key)
	switch {
	case errors.Is(err, keyring.ErrKeyNotFound):
		return ErrNotFound
	case err != nil:
		return k.readError(err)
	}
	if err := json.Unmarshal(item.Data, v); err != nil {
		return fmt.Errorf("the %s holds a record Rolecall cannot read under %q: remove it and store it again", k.Describe(), key)
	}
	return nil
}

// remove deletes key; ErrNotFound when there was none.
func (k *Keychain) remove(key string) error {
	if !k.exists(key) {
		return ErrNotFound
	}
	err := k.ring.Remove(key)
	switch {
	case errors.Is(err, keyring.ErrKeyNotFound):
		return ErrNotFound
	case err != nil && k.backend == EncryptedFile && strings.Contains(err.Error(), "no such file"):
		return ErrNotFound
	case err != nil:
		return fmt.Errorf("cannot remove from the %s: %w", k.Describe(), err)
	}
	return nil
}

// exists reports whether key is stored, without reading the secret where the backend allows it (some
// backends' Remove succeed silently for a missing key, so remove asks first).
func (k *Keychain) exists(key string) bool {
	_, err := k.ring.GetMetadata(key)
	if errors.Is(err, keyring.ErrMetadataNeedsCredentials) || err != nil && !errors.Is(err, keyring.ErrKeyNotFound) {
		_, err = k.ring.Get(key)
	}
	return !errors.Is(err, keyring.ErrKeyNotFound)
}

// keysOf lists the names of every record of a kind, sorted.
func (k *Keychain) keysOf(kind string) ([][]string, error) {
	keys, err := k.ring.Keys()
	if err != nil {
		return nil, k.readError(err)
	}
	sort.Strings(keys)
	var out [][]string
	for _, key := range keys {
		if names, ok := namesOf(kind, key); ok {
			out = append(out, names)
		}
	}
	return out, nil
}

// checkFilePassphrase proves, before the file backend writes, that the passphrase opens the records
// already there: the library would otherwise encrypt the new record under a different passphrase, and
// the user would learn of it only when the old ones no longer open.
func (k *Keychain) checkFilePassphrase() error {
	if k.backend != EncryptedFile {
		return nil
	}
	keys, err := k.ring.Keys()
	if err != nil {
		return k.readError(err)
	}
	for _, key := range keys {
		if strings.HasPrefix(key, keyPrefix) {
			if _, err := k.ring.Get(key); err != nil {
				return k.readError(err)
			}
			return nil
		}
	}
	return nil
}

// readError explains a failed read; for the file backend the usual cause is a wrong passphrase.
func (k *Keychain) readError(err error) error {
	if k.backend == EncryptedFile && !strings.Contains(err.Error(), "passphrase") {
		return fmt.Errorf("the passphrase does not open the %s: give the passphrase it was made with (%v)", k.Describe(), err)
	}
	return fmt.Errorf("cannot read the %s: %w", k.Describe(), err)
}
