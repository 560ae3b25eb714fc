package cli

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/internal/lsptest"
	"github.com/rolecall/rolecall/internal/syncbuf"
	"github.com/rolecall/rolecall/internal/wire"
)

// Two editor windows (two `rolecall serve` processes) and a terminal share one set of sessions: the MFA
// code typed in one window serves all of them, the other window's status shows the role at once, a
// refresh asked for in both windows at the same moment makes one AssumeRole, credential-process in a
// third process answers from the shared session without STS, and Forget in one window forgets in both.
func TestTwoWindowsAndATerminalShareOneSetOfSessions(t *testing.T) {
	t.Parallel()
	// Its own MFA device: the keychain is one for all the tests that run in parallel, and another
	// test's cleanup must not delete this test's MFA session.
	const serial = "arn:aws:iam::111122223333:mfa/jo-windows"
	f := keychainFixture(t, strings.ReplaceAll(sharedMFAConfig, mfaSerial, serial), baseCredentials)
	delete(f.env, EnvSessions)                                             // the default: shared
	f.env["ROLECALL_SESSION_DIR"] = filepath.Join(t.TempDir(), "sessions") // created 0700 by the first process
	t.Cleanup(func() { _ = openTestKeychain(t).DeleteMFASession("base", serial) })
	bin := buildRolecall(t)

	one, two := startWindow(t, f, bin), startWindow(t, f, bin)
	mark := two.Mark()

	// Window one assumes the MFA role with a code.
	var st wire.SessionStatus
	if err := one.ExecuteCommand("rolecall-ls.assume", map[string]string{"profile": "mfa-admin", "mfaCode": "123456"}, &st); err != nil {
		t.Fatalf("assume in window one: %v", err)
	}
	// Window two shows it as its active session, with no code and no STS call of its own.
	seen := awaitStatus(t, two, mark, func(s wire.Status) bool { return s.Active != nil && *s.Active == "mfa-admin" })
	if got := seen.Sessions[0]; got.AssumedRoleArn != st.AssumedRoleArn || got.Source != "shared" {
		t.Errorf("window two shows %s from %q, want %s from another process (shared)", got.AssumedRoleArn, got.Source, st.AssumedRoleArn)
	}

	// A third process, run by another program: the shared session, no prompt, no STS.
	out := runBinary(t, f, bin, "credential-process", "--profile", "mfa-admin")
	var proc struct{ AccessKeyId, Expiration string }
	if err := json.Unmarshal([]byte(out), &proc); err != nil || proc.Expiration != st.Expiration.String() {
		t.Errorf("credential-process printed %q (%v), want the shared session that ends %s", out, err, st.Expiration)
	}
	if n := f.proxy.Count("AssumeRole"); n != 1 {
		t.Fatalf("AssumeRole was called %d times after one assume shared by three processes, want 1", n)
	}

	// Both windows ask for a refresh at the same moment: one process renews, the other takes its result.
	markOne, markTwo := one.Mark(), two.Mark()
	p1 := one.Go("workspace/executeCommand", map[string]any{"command": "rolecall-ls.refresh", "arguments": []any{map[string]string{}}})
	p2 := two.Go("workspace/executeCommand", map[string]any{"command": "rolecall-ls.refresh", "arguments": []any{map[string]string{}}})
	var r1, r2 wire.SessionStatus
	if err := errors.Join(p1.Wait(&r1), p2.Wait(&r2)); err != nil {
		t.Fatalf("refresh in both windows: %v", err)
	}
	if n := f.proxy.Count("AssumeRole"); n != 2 {
		t.Errorf("AssumeRole was called %d times in all, want 2: one assume and one refresh for both windows", n)
	}
	if r1.AccessKeyID != r2.AccessKeyID || r1.AccessKeyID == st.AccessKeyID {
		t.Errorf("after the refresh window one has %s and window two %s (before: %s): want the same new session", r1.AccessKeyID, r2.AccessKeyID, st.AccessKeyID)
	}
	for _, w := range []struct {
		c    *lsptest.Client
		mark int
	}{{one, markOne}, {two, markTwo}} {
		awaitStatus(t, w.c, w.mark, func(s wire.Status) bool {
			return len(s.Sessions) == 1 && s.Sessions[0].AccessKeyID == r1.AccessKeyID
		})
	}
	if n := f.proxy.Count("GetSessionToken"); n != 1 {
		t.Errorf("GetSessionToken was called %d times, want once: the code typed in window one", n)
	}

	// Forget in window two: window one forgets it too.
	markOne = one.Mark()
	if err := two.ExecuteCommand("rolecall-ls.forget", map[string]string{}, nil); err != nil {
		t.Fatalf("forget in window two: %v", err)
	}
	awaitStatus(t, one, markOne, func(s wire.Status) bool { return s.Active == nil && len(s.Sessions) == 0 })
	if out := runBinary(t, f, bin, "credential-process", "--profile", "mfa-admin"); strings.Contains(out, proc.AccessKeyId) {
		t.Errorf("credential-process still gets the forgotten session %s", proc.AccessKeyId)
	}
}

// The share's directory holds no secret: the credentials are in the keychain only.
func TestTheSessionShareDirectoryHoldsNoSecret(t *testing.T) {
	t.Parallel()
	f := keychainFixture(t, twoHopConfig, baseCredentials)
	delete(f.env, EnvSessions)
	dir := filepath.Join(t.TempDir(), "sessions")
	f.env["ROLECALL_SESSION_DIR"] = dir
	out, _ := f.mustRun("assume", "plain", "--no-cli-cache", "--format", "json")
	var s sessionOutput
	if err := json.Unmarshal([]byte(out), &s); err != nil || s.SecretAccessKey == "" {
		t.Fatalf("assume: %v %s", err, out)
	}
	files, _ := os.ReadDir(dir)
	if len(files) < 2 {
		t.Fatalf("the share holds %d files, want its index and the session's lock", len(files))
	}
	for _, e := range files {
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		if strings.Contains(string(b), s.SecretAccessKey) || strings.Contains(string(b), s.SessionToken) {
			t.Errorf("%s holds the session's secret", e.Name())
		}
	}
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("the share's directory: %v, mode %v, want 0700", err, st.Mode().Perm())
	}
	// A second process takes the session from the keychain: no STS call.
	before := f.proxy.Count("AssumeRole")
	again, _ := f.mustRun("assume", "plain", "--no-cli-cache", "--format", "json")
	var s2 sessionOutput
	_ = json.Unmarshal([]byte(again), &s2)
	if n := f.proxy.Count("AssumeRole"); n != before || s2.AccessKeyID != s.AccessKeyID {
		t.Errorf("the second assume made %d AssumeRole calls and got %s, want none and %s", n-before, s2.AccessKeyID, s.AccessKeyID)
	}
}

// startWindow runs `rolecall serve` as an editor window would, in the fixture's environment.
func startWindow(t *testing.T, f *cliFixture, bin string) *lsptest.Client {
	t.Helper()
	stderr := &syncbuf.Buffer{}
	c := lsptest.Start(t, serveProcess(t, bin, f.processEnv(), stderr))
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log:\n%s", stderr.String())
		}
	})
	c.Initialize(nil)
	return c
}

// runBinary runs the built rolecall as another program would, and returns its output.
func runBinary(t *testing.T, f *cliFixture, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = f.processEnv()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("rolecall %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// processEnv is the fixture's environment for a child process, with the test's private Secret Service.
func (f *cliFixture) processEnv() []string {
	env := []string{"PATH=" + os.Getenv("PATH")}
	for _, name := range []string{"DBUS_SESSION_BUS_ADDRESS", "ROLECALL_KEYCHAIN_BACKEND", "ROLECALL_KEYCHAIN_COLLECTION"} {
		if v, ok := os.LookupEnv(name); ok {
			env = append(env, name+"="+v)
		}
	}
	names := make([]string, 0, len(f.env))
	for name := range f.env {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		env = append(env, name+"="+f.env[name])
	}
	return env
}

// awaitStatus waits for a rolecall/status notification after mark that satisfies ok.
func awaitStatus(t *testing.T, c *lsptest.Client, mark int, ok func(wire.Status) bool) wire.Status {
	t.Helper()
	var got wire.Status
	c.AwaitNotificationSince(mark, wire.StatusNotification, func(params json.RawMessage) bool {
		var s wire.Status
		if json.Unmarshal(params, &s) != nil || !ok(s) {
			return false
		}
		got = s
		return true
	})
	return got
}
