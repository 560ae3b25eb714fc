package keyops

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/keychain"
)

const creds = "[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"

func writeCreds(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "credentials")
	if err := os.WriteFile(path, []byte(creds), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// When the keychain refuses the keys, the credentials file keeps them: the lines go only after the
// keychain holds them.
func TestImportLeavesTheFileAloneWhenTheKeychainFails(t *testing.T) {
	path := writeCreds(t)
	k, err := keychain.Open(keychain.Config{Backend: keychain.EncryptedFile, FileDir: t.TempDir()}) // no passphrase
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Import(k, path, "dev"); err == nil || !strings.Contains(err.Error(), "passphrase") {
		t.Fatalf("import without a passphrase: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != creds {
		t.Fatalf("the file changed although the keychain refused:\n%s", got)
	}
}

// With the encrypted file as keychain, import and export round-trip the file byte for byte.
func TestImportAndExportWithTheEncryptedFile(t *testing.T) {
	path := writeCreds(t)
	k, err := keychain.Open(keychain.Config{Backend: keychain.EncryptedFile, FileDir: t.TempDir(),
		Passphrase: func(string) (string, error) { return "a long passphrase", nil }})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(k, path, "dev")
	if err != nil || res.KeyID != "AKIA…MPLE" || res.File != path {
		t.Fatalf("import: %+v, %v", res, err)
	}
	if got, _ := os.ReadFile(path); strings.Contains(string(got), "EXAMPLEKEY") {
		t.Fatalf("the secret is still in the file:\n%s", got)
	}
	if _, err := Export(k, path, "dev"); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != creds {
		t.Fatalf("after export:\n%s", got)
	}
	if names, _ := k.Profiles(); len(names) != 0 {
		t.Fatalf("export left %v in the keychain", names)
	}
}
