package assume

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// mfaRolePlan is a role behind an MFA device assumed straight from an IAM user's keys (so through an
// MFA session), whose profile runs process for the code.
func mfaRolePlan(endpoint, process string) Plan {
	return Plan{Profile: "admin", Source: baseKeys(), Endpoint: endpoint,
		Roles: []RoleHop{{Profile: "admin", RoleArn: adminRole, MFASerial: mfaSerial, MFAProcess: process}}}
}

// A profile with mfa_process is assumed without asking anyone: the command's output, trimmed, is the
// code sent to STS, and the session can renew itself because the helper will answer again.
func TestMFAProcessAnswersTheCode(t *testing.T) {
	t.Parallel()
	f := newSTSFixture(t, Options{DisableCLICache: true})
	plan := mfaRolePlan(f.proxy.URL, `printf '  654321\n'`)
	plan.Roles[0].DurationSeconds = 7200 // more than an hour: the code goes with AssumeRole itself
	st, err := f.store.Assume(context.Background(), plan, "")
	if err != nil {
		t.Fatalf("assume with mfa_process: %v", err)
	}
	calls := f.proxy.Calls("AssumeRole")
	if len(calls) != 1 || calls[0].Params.Get("TokenCode") != "654321" || calls[0].Params.Get("SerialNumber") != mfaSerial {
		t.Fatalf("AssumeRole calls %+v, want one with the helper's code 654321", calls)
	}
	if st.RefreshAt.IsZero() {
		t.Errorf("a session whose code comes from mfa_process gets no auto-refresh: %+v", st)
	}
}

// A code the person gave comes first: the helper is not run.
func TestGivenCodeBeatsTheHelper(t *testing.T) {
	t.Parallel()
	f := newSTSFixture(t, Options{DisableCLICache: true})
	marker := filepath.Join(t.TempDir(), "ran")
	_, err := f.store.Assume(context.Background(), mfaRolePlan(f.proxy.URL, "touch "+marker+"; echo 999999"), "123456")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("mfa_process ran although a code was given")
	}
	if calls := f.proxy.Calls("GetSessionToken"); len(calls) != 1 || calls[0].Params.Get("TokenCode") != "123456" {
		t.Errorf("GetSessionToken calls %+v, want the given code", calls)
	}
}

// A helper that fails says which helper, what went wrong and what to do, and never quotes its output
// (which might be a secret); one that hangs is stopped at the timeout.
func TestMFAHelperFailuresAreClear(t *testing.T) {
	t.Parallel()
	const leaked = "hunter2-password"
	for _, tc := range []struct {
		name, process, want string
	}{
		{"not a code", "echo " + leaked, "printed 16 characters that are not a six-digit code"},
		{"five digits", "echo 12345", "not a six-digit code"},
		{"exit status", "echo " + leaked + " >&2; exit 3", "exited with status 3"},
		{"timeout", "sleep 30", "did not finish within 300ms"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			store := newQuietStore(t, Options{DisableCLICache: true, MFAHelperTimeout: 300 * time.Millisecond}, nil)
			start := time.Now()
			// Nothing listens at the endpoint: the helper runs before any STS call.
			_, err := store.Assume(context.Background(), mfaRolePlan("http://127.0.0.1:1", tc.process), "")
			re := mustReason(t, err, ReasonMFAHelper, leaked)
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), `mfa_process of profile "admin"`) ||
				!strings.Contains(err.Error(), mfaSerial) {
				t.Errorf("error %q, want it to name the helper, the device and %q", err, tc.want)
			}
			if re.Data()["mfaSerial"] != mfaSerial {
				t.Errorf("data %v", re.Data())
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("the failure took %s", d)
			}
		})
	}
}

// fakeYKMan writes a stand-in for ykman (no YubiKey exists here) that records its arguments and prints
// code, as `ykman oath accounts code --single` prints only the code.
func fakeYKMan(t *testing.T, code string) (path, argsFile string) {
	t.Helper()
	dir := t.TempDir()
	path, argsFile = filepath.Join(dir, "ykman"), filepath.Join(dir, "args")
	script := "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + argsFile + "\necho " + code + "\n"
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path, argsFile
}

// With a YubiKey account set, ykman gives the code of a profile without mfa_process.
func TestYubiKeyAnswersTheCode(t *testing.T) {
	t.Parallel()
	ykman, argsFile := fakeYKMan(t, "246810")
	f := newSTSFixture(t, Options{DisableCLICache: true, YubiKeyAccount: "AWS:jo@example", YKManPath: ykman})
	if _, err := f.store.Assume(context.Background(), mfaRolePlan(f.proxy.URL, ""), ""); err != nil {
		t.Fatalf("assume with a YubiKey: %v", err)
	}
	args, _ := os.ReadFile(argsFile)
	if got := strings.Fields(string(args)); strings.Join(got, " ") != "oath accounts code --single AWS:jo@example" {
		t.Errorf("ykman was run with %q", got)
	}
	if calls := f.proxy.Calls("GetSessionToken"); len(calls) != 1 || calls[0].Params.Get("TokenCode") != "246810" {
		t.Errorf("GetSessionToken calls %+v, want the YubiKey's code", calls)
	}
}

// Without a helper nothing changes: the code is asked of the person.
func TestWithoutHelperTheCodeIsAskedFor(t *testing.T) {
	t.Parallel()
	store := newQuietStore(t, Options{DisableCLICache: true, YKManPath: "/nonexistent/ykman"}, nil)
	_, err := store.Assume(context.Background(), mfaRolePlan("http://127.0.0.1:1", ""), "")
	var need *MFARequiredError
	if !errors.As(err, &need) {
		t.Fatalf("error %v, want MFARequiredError", err)
	}
}

// A ykman that is not installed is named as such.
func TestMissingYKManIsNamed(t *testing.T) {
	t.Parallel()
	store := newQuietStore(t, Options{DisableCLICache: true, YubiKeyAccount: "aws", YKManPath: "/nonexistent/ykman"}, nil)
	_, err := store.Assume(context.Background(), mfaRolePlan("http://127.0.0.1:1", ""), "")
	mustReason(t, err, ReasonMFAHelper)
	if !strings.Contains(err.Error(), "install ykman") {
		t.Errorf("error %q", err)
	}
}

// mfa_process is read from the profile whose mfa_serial it answers: a role's own, or the keys' profile
// when it assumes no role.
func TestFromProfileReadsMFAProcess(t *testing.T) {
	config := "[profile admin]\nrole_arn = " + adminRole + "\nsource_profile = base\nmfa_serial = " + mfaSerial +
		"\nmfa_process = op item get aws --otp\n"
	creds := baseCredentials + "mfa_serial = " + mfaSerial + "\nmfa_process = ykman oath accounts code --single aws\n"
	m := testModel(config, creds)
	plan, err := FromProfile(m, "admin", envOf(nil))
	if err != nil || plan.Roles[0].MFAProcess != "op item get aws --otp" {
		t.Errorf("role plan %+v, %v: want the role's mfa_process", plan.Roles, err)
	}
	plan, err = FromProfile(m, "base", envOf(nil))
	if err != nil || plan.Source.MFAProcess != "ykman oath accounts code --single aws" {
		t.Errorf("keys plan %+v, %v: want the keys profile's mfa_process", plan.Source, err)
	}
}
