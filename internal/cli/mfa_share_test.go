package cli

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/keychain"
)

// Two roles behind one MFA device, and a profile the AWS CLI reaches through rolecall's
// credential_process line.
const sharedMFAConfig = "[profile mfa-admin]\nrole_arn = " + adminRole + "\nsource_profile = base\nmfa_serial = " + mfaSerial + "\n\n" +
	"[profile mfa-mid]\nrole_arn = " + midRole + "\nsource_profile = base\nmfa_serial = " + mfaSerial + "\n\n" +
	"[profile via-rolecall]\ncredential_process = rolecall credential-process --profile mfa-mid\nregion = us-east-1\n"

// A code typed once serves every Rolecall process for the MFA session's lifetime: a later run (a new
// terminal, a restarted window) and another program's rolecall credential-process get their roles with
// no code and no new GetSessionToken. The session is in the keychain, not in a file.
func TestAnMFACodeTypedOnceServesEveryLaterProcess(t *testing.T) {
	t.Parallel()
	f := keychainFixture(t, sharedMFAConfig, baseCredentials)
	delete(f.env, EnvSessions) // the default: shared through the keychain
	t.Cleanup(func() { _ = openTestKeychain(t).DeleteMFASession("base", mfaSerial) })

	out, _ := f.mustRun("assume", "mfa-admin", "--mfa-code", "123456", "--no-cli-cache", "--format", "json")
	var first sessionOutput
	if err := json.Unmarshal([]byte(out), &first); err != nil || !first.MFA {
		t.Fatalf("the first assume: %v %s", err, out)
	}

	// A new process, no code and no terminal: the MFA session from the keychain signs the AssumeRole.
	out, errOut := f.mustRun("assume", "mfa-mid", "--no-cli-cache", "--format", "json")
	var second sessionOutput
	if err := json.Unmarshal([]byte(out), &second); err != nil || !strings.Contains(second.AssumedRoleArn, ":assumed-role/") {
		t.Fatalf("the second process without a code: %v %s %s", err, out, errOut)
	}

	// Another program (the AWS CLI) runs rolecall credential-process: no prompt, no code.
	id, err := f.awsCLI("sts", "get-caller-identity", "--profile", "via-rolecall", "--endpoint-url", f.proxy.URL)
	if err != nil {
		t.Fatalf("the AWS CLI through credential_process: %v\n%s", err, id)
	}
	if arn := callerArn(t, id); !strings.Contains(arn, ":assumed-role/") {
		t.Errorf("the AWS CLI is %s, want the mfa-mid role", arn)
	}

	if n := f.proxy.Count("GetSessionToken"); n != 1 {
		t.Errorf("GetSessionToken was called %d times, want once for the three processes", n)
	}
	// No MFA session in plaintext: nothing under HOME holds its secret (the CLI cache is off here).
	secret := mfaSessionSecret(t, f)
	_ = filepath.WalkDir(f.home, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if b, _ := os.ReadFile(path); strings.Contains(string(b), secret) {
				t.Errorf("%s holds the MFA session's secret key", path)
			}
		}
		return nil
	})
}

// mfaSessionSecret is the secret key of the MFA session in the keychain, read as the tests' private
// Secret Service gives it to any process of the user.
func mfaSessionSecret(t *testing.T, f *cliFixture) string {
	t.Helper()
	kc := openTestKeychain(t)
	s, err := kc.LoadMFASession("base", mfaSerial, 0)
	if err != nil {
		t.Fatalf("no MFA session of base in the keychain: %v", err)
	}
	return s.SecretAccessKey
}

// openTestKeychain opens the private Secret Service the cli tests run with (keychaintest).
func openTestKeychain(t *testing.T) *keychain.Keychain {
	t.Helper()
	kc, err := keychain.Open(keychain.Config{Backend: keychain.SecretService})
	if err != nil {
		t.Fatalf("opening the test's Secret Service: %v", err)
	}
	return kc
}
