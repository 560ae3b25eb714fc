package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `rolecall assume --yubikey ACCOUNT` asks ykman (a stand-in on PATH: no YubiKey exists here) for the
// code instead of prompting; `rolecall exec` does too, and a profile's mfa_process needs no flag.
// Not parallel: it puts the stand-in on PATH.
func TestYubiKeyAndMFAProcessAnswerOnTheCommandLine(t *testing.T) {
	bin := t.TempDir()
	script := "#!/bin/sh\n[ \"$*\" = 'oath accounts code --single aws-jo' ] || { echo \"unexpected: $*\" >&2; exit 2; }\necho 112233\n"
	if err := os.WriteFile(filepath.Join(bin, "ykman"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	f := newCLIFixture(t, twoHopConfig, baseCredentials)

	_, errOut := f.mustRun("assume", "dev", "--yubikey", "aws-jo", "--format", "json")
	if strings.Contains(errOut, "MFA code for") {
		t.Errorf("asked for a code although ykman gives it: %s", errOut)
	}
	// The first hop's MFA is met by an MFA session on base's keys: GetSessionToken carries the code.
	if calls := f.proxy.Calls("GetSessionToken"); len(calls) != 1 || calls[0].Params.Get("TokenCode") != "112233" {
		t.Errorf("GetSessionToken calls %+v, want one with the YubiKey's code", calls)
	}

	code, _, errOut := f.run("", "assume", "dev", "--no-cli-cache", "--yubikey", "someone-else")
	if code != ExitFail || !strings.Contains(errOut, `ykman (YubiKey OATH account "someone-else") gave no MFA code`) ||
		!strings.Contains(errOut, "exited with status 2") {
		t.Errorf("a failing ykman: exit %d, %s", code, errOut)
	}

	f.write("config", strings.Replace(twoHopConfig, "mfa_serial = "+mfaSerial, "mfa_serial = "+mfaSerial+"\nmfa_process = echo 445566", 1))
	code, out, errOut := f.run("", "exec", "dev", "--no-cli-cache", "--", "sh", "-c", "echo ${AWS_ACCESS_KEY_ID:+has-keys}")
	if code != ExitOK || strings.TrimSpace(out) != "has-keys" {
		t.Fatalf("exec with mfa_process: exit %d, %q, %s", code, out, errOut)
	}
	calls := f.proxy.Calls("GetSessionToken")
	if last := calls[len(calls)-1]; last.Params.Get("TokenCode") != "445566" {
		t.Errorf("exec's MFA session was asked with TokenCode %q, want mfa_process's 445566", last.Params.Get("TokenCode"))
	}
}
