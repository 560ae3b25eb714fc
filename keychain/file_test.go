package keychain

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func openFile(t *testing.T, dir, passphrase string) *Keychain {
	t.Helper()
	k, err := Open(Config{Backend: EncryptedFile, FileDir: dir, Passphrase: func(string) (string, error) { return passphrase, nil }})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// Without an OS keychain the keys go to an encrypted file: the secret is not in it in any readable form,
// only the owner can read it, and a different passphrase neither opens it nor adds to it.
func TestEncryptedFileKeepsTheKeysUnderThePassphrase(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keychain")
	k := openFile(t, dir, "correct horse")
	if err := k.SaveKeys("dev", AccessKeys{AccessKeyID: testKeyID, SecretAccessKey: testSecret}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("files: %v", entries)
	}
	path := filepath.Join(dir, entries[0].Name())
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), testSecret) || strings.Contains(string(data), testKeyID) {
		t.Fatal("the file holds the keys in plaintext")
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o700 {
		t.Errorf("directory mode %v, want 0700", st.Mode().Perm())
	}

	wrong := openFile(t, dir, "battery staple")
	if _, err := wrong.LoadKeys("dev"); err == nil || !strings.Contains(err.Error(), "passphrase") {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if err := wrong.SaveKeys("prod", AccessKeys{AccessKeyID: testKeyID, SecretAccessKey: testSecret}); err == nil {
		t.Fatal("a second passphrase was allowed to add a record")
	}
	right := openFile(t, dir, "correct horse")
	if got, err := right.LoadKeys("dev"); err != nil || got.SecretAccessKey != testSecret {
		t.Fatalf("right passphrase: %v", err)
	}
	if names, _ := right.Profiles(); fmt.Sprint(names) != "[dev]" {
		t.Fatalf("profiles %v", names)
	}
}

func TestFileBackendWithoutAPassphraseSaysHowToGiveOne(t *testing.T) {
	k, err := Open(Config{Backend: EncryptedFile, FileDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	err = k.SaveKeys("dev", AccessKeys{AccessKeyID: testKeyID, SecretAccessKey: testSecret})
	if err == nil || !strings.Contains(err.Error(), "ROLECALL_FILE_PASSPHRASE") {
		t.Fatalf("got %v", err)
	}
}

func TestUnknownBackendNamesTheKnownOnes(t *testing.T) {
	_, err := Open(Config{Backend: "vault"})
	if err == nil || !strings.Contains(err.Error(), "secret-service") {
		t.Fatalf("got %v", err)
	}
	if errors.Is(err, ErrNotFound) {
		t.Fatal("not a not-found")
	}
}

// Every print path of the records shows the masked key ID and no secret.
func TestRecordsNeverPrintTheirSecrets(t *testing.T) {
	keys := AccessKeys{AccessKeyID: testKeyID, SecretAccessKey: testSecret}
	session := MFASession{SourceProfile: "base", MFASerial: "arn:aws:iam::1:mfa/a", AccessKeyID: "ASIAIOSFODNN7EXAMPLE",
		SecretAccessKey: testSecret, SessionToken: "THE-SESSION-TOKEN"}
	var logged strings.Builder
	log := slog.New(slog.NewTextHandler(&logged, nil))
	log.Info("x", "keys", keys, "session", session)
	for _, s := range []string{fmt.Sprint(keys), fmt.Sprintf("%+v %#v", keys, keys), fmt.Sprint(session),
		fmt.Sprintf("%+v %#v", session, session), logged.String()} {
		for _, secret := range []string{testSecret, testKeyID, "THE-SESSION-TOKEN"} {
			if strings.Contains(s, secret) {
				t.Errorf("%q shows %q", s, secret)
			}
		}
		if !strings.Contains(s, "…") {
			t.Errorf("%q shows no masked key ID", s)
		}
	}
}
