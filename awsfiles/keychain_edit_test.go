package awsfiles

import (
	"strings"
	"testing"
)

const keychainCreds = "# my keys\r\n[default]\r\nregion = eu-west-1\r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\n" +
	"aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n\r\n; prod below\r\n[prod]\r\n" +
	"aws_access_key_id = AKIAI44QH8DHBEXAMPLE\r\naws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"

// Importing a profile's keys touches only its two key lines (CRLF kept), and exporting them puts the
// file back byte for byte.
func TestKeysMoveToTheKeychainAndBackByteForByte(t *testing.T) {
	for _, profile := range []string{"default", "prod"} {
		f := ParseString(CredentialsFile, "credentials", keychainCreds)
		moved, keys, err := MoveKeysToKeychain(f, profile)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(moved), keys.SecretAccessKey) || strings.Contains(string(moved), keys.AccessKeyID) {
			t.Fatalf("%s: the keys are still in the file:\n%s", profile, moved)
		}
		want := "credential_process = rolecall credential-process --from-keychain --profile " + profile
		if !strings.Contains(string(moved), want) || !strings.Contains(string(moved), KeychainMarker) {
			t.Fatalf("%s: no keychain lines:\n%s", profile, moved)
		}
		if strings.Count(string(moved), "\n") != strings.Count(string(moved), "\r\n") {
			t.Fatalf("%s: line endings changed:\n%q", profile, moved)
		}
		after := ParseString(CredentialsFile, "credentials", string(moved))
		if !PointsAtKeychain(after, profile) {
			t.Fatalf("%s: PointsAtKeychain is false", profile)
		}
		back, found, err := RemoveKeychainLines(after, profile, &keys)
		if err != nil || !found || string(back) != keychainCreds {
			t.Fatalf("%s: export gives (%v, %v)\n%q\nwant\n%q", profile, found, err, back, keychainCreds)
		}
	}
}

func TestKeychainProcessLineIsReadBack(t *testing.T) {
	for _, name := range []string{"dev", "my team's dev", "a/b:c"} {
		got, ok := KeychainProcessProfile(KeychainProcess(name))
		if !ok || got != name {
			t.Errorf("%q: read back %q, %v", name, got, ok)
		}
	}
	for _, cmd := range []string{"rolecall credential-process --profile dev", "aws-vault export --format=json dev",
		"/opt/bin/other credential-process --from-keychain --profile dev"} {
		if _, ok := KeychainProcessProfile(cmd); ok {
			t.Errorf("%q read as a keychain line", cmd)
		}
	}
	if p, ok := KeychainProcessProfile(`/usr/local/bin/rolecall credential-process --profile='dev' --from-keychain`); !ok || p != "dev" {
		t.Errorf("full path: %q %v", p, ok)
	}
}

func TestKeychainImportRefusesWhatItCannotMove(t *testing.T) {
	cases := map[string]string{
		"[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n":                                       "part of a key pair",
		"[dev]\naws_access_key_id = ASIA1\naws_secret_access_key = s\naws_session_token = t\n":    "temporary",
		"[dev]\naws_access_key_id = A\naws_secret_access_key = s\ncredential_process = other\n":   "credential_process",
		"[other]\naws_access_key_id = A\n":                                                        "no [dev] section",
		"[dev]\naws_access_key_id = A\naws_secret_access_key = s\n[dev]\naws_access_key_id = B\n": "appears 2 times",
		"[dev]\n" + KeychainMarker + "\ncredential_process = " + KeychainProcess("dev") + "\n":    "already in the keychain",
		"[dev]\naws_access_key_id = A\naws_access_key_id = B\naws_secret_access_key = s\n":        "twice",
	}
	for src, want := range cases {
		_, _, err := MoveKeysToKeychain(ParseString(CredentialsFile, "credentials", src), "dev")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", src, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "je7Mt") {
			t.Errorf("error leaks a secret: %v", err)
		}
	}
}

func TestPointAtKeychainAddsOrKeepsTheLines(t *testing.T) {
	f := ParseString(CredentialsFile, "credentials", "[other]\nregion = x")
	out, err := PointAtKeychain(f, "dev")
	if err != nil || !strings.HasPrefix(string(out), "[other]\nregion = x\n\n[dev]\n"+KeychainMarker) {
		t.Fatalf("%v\n%s", err, out)
	}
	again, err := PointAtKeychain(ParseString(CredentialsFile, "credentials", string(out)), "dev")
	if err != nil || string(again) != string(out) {
		t.Fatalf("second time changed the file: %v\n%s", err, again)
	}
	_, err = PointAtKeychain(ParseString(CredentialsFile, "credentials", "[dev]\naws_access_key_id = A\naws_secret_access_key = s\n"), "dev")
	if err == nil || !strings.Contains(err.Error(), "rolecall keys import dev") {
		t.Fatalf("plaintext keys: %v", err)
	}
	removed, found, err := RemoveKeychainLines(ParseString(CredentialsFile, "credentials", string(out)), "dev", nil)
	if err != nil || !found || string(removed) != "[other]\nregion = x\n\n[dev]\n" {
		t.Fatalf("remove: %v %v %q", found, err, removed)
	}
}
