package keychain

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/rolecall/rolecall/internal/keychaintest"
)

const (
	testKeyID  = "AKIAIOSFODNN7EXAMPLE"
	testSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)

func openSecretService(t *testing.T, now func() time.Time) *Keychain {
	t.Helper()
	keychaintest.Require(t)
	k, err := Open(Config{Backend: SecretService, Now: now})
	if err != nil {
		t.Fatalf("open the Secret Service: %v", err)
	}
	if k.Backend() != SecretService || !strings.Contains(k.Describe(), "Secret Service") {
		t.Fatalf("backend %s (%s), want the Secret Service", k.Backend(), k.Describe())
	}
	return k
}

// A user stores a profile's keys, another process reads them back, lists them, and removes them; the
// item is visibly in the login keyring for other Secret Service clients (secret-tool).
func TestKeysLiveInTheSecretService(t *testing.T) {
	k := openSecretService(t, nil)
	keys := AccessKeys{AccessKeyID: testKeyID, SecretAccessKey: testSecret, MFASerial: "arn:aws:iam::123456789012:mfa/alice"}
	if err := k.SaveKeys("team/dev", keys); err != nil {
		t.Fatal(err)
	}
	again := openSecretService(t, nil) // a fresh connection, as the next rolecall process has
	got, err := again.LoadKeys("team/dev")
	if err != nil || got != keys {
		t.Fatalf("load: %v, %v", got, err)
	}
	if names, err := again.Profiles(); err != nil || len(names) != 1 || names[0] != "team/dev" {
		t.Fatalf("profiles: %q, %v", names, err)
	}
	out, err := exec.Command("secret-tool", "lookup", "profile", "rolecall/access-keys/team%2Fdev").Output()
	if err != nil || !strings.Contains(string(out), `"Key":"rolecall/access-keys/team%2Fdev"`) {
		t.Fatalf("secret-tool does not find the item in the Secret Service: %v", err)
	}
	if err := again.DeleteKeys("team/dev"); err != nil {
		t.Fatal(err)
	}
	if _, err := k.LoadKeys("team/dev"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v, want ErrNotFound", err)
	}
	if err := k.DeleteKeys("team/dev"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second delete: %v, want ErrNotFound", err)
	}
}

// An MFA session stored by one process is found by the next one while it is valid, not once less than
// the asked-for time is left, and is gone from the keychain once it has expired.
func TestMFASessionOutlivesTheProcessUntilItExpires(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	k := openSecretService(t, clock)
	serial := "arn:aws:iam::123456789012:mfa/alice"
	s := MFASession{SourceProfile: "base", MFASerial: serial, AccessKeyID: "ASIAIOSFODNN7EXAMPLE",
		SecretAccessKey: testSecret, SessionToken: "FwoGZXIvYXdzEXAMPLETOKEN", Expiration: now.Add(12 * time.Hour)}
	if err := k.SaveMFASession(s); err != nil {
		t.Fatal(err)
	}
	next := openSecretService(t, clock)
	got, err := next.LoadMFASession("base", serial, 15*time.Minute)
	if err != nil || got != s {
		t.Fatalf("load: %v, %v", got, err)
	}
	if _, err := next.LoadMFASession("base", "arn:aws:iam::123456789012:mfa/bob", 0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("another device's session: %v, want ErrNotFound", err)
	}
	now = s.Expiration.Add(-10 * time.Minute)
	if _, err := next.LoadMFASession("base", serial, 15*time.Minute); !errors.Is(err, ErrNotFound) {
		t.Fatalf("10 minutes left, 15 asked: %v, want ErrNotFound", err)
	}
	if _, err := next.LoadMFASession("base", serial, 0); err != nil {
		t.Fatalf("10 minutes left, none asked: %v", err)
	}
	now = s.Expiration.Add(time.Second)
	if _, err := next.LoadMFASession("base", serial, 0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("expired: %v, want ErrNotFound", err)
	}
	if err := next.DeleteMFASession("base", serial); !errors.Is(err, ErrNotFound) {
		t.Fatalf("the expired session is still stored: %v", err)
	}
	if err := k.SaveMFASession(MFASession{SourceProfile: "base", MFASerial: serial, AccessKeyID: "ASIA", SecretAccessKey: "x",
		SessionToken: "y", Expiration: now.Add(-time.Minute)}); err == nil {
		t.Fatal("an expired session was stored")
	}
}
