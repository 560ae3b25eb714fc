package cli

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// childEnviron is the environment a command run by exec starts from in these tests: the fixture's
// variables and PATH, nothing of the machine's own AWS settings.
func (f *cliFixture) childEnviron(extra ...string) []string {
	env := []string{"PATH=" + os.Getenv("PATH")}
	for k, v := range f.env {
		env = append(env, k+"="+v)
	}
	return append(env, extra...)
}

// runExec runs `rolecall exec ...` in-process (the command runs as a child process) with extra
// variables in both rolecall's and the command's environment.
func (f *cliFixture) runExec(extra []string, args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	environ := f.childEnviron(extra...)
	env := Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Home: f.home,
		Environ: func() []string { return environ },
		Getenv: func(name string) (string, bool) {
			for i := len(environ) - 1; i >= 0; i-- {
				if k, v, _ := strings.Cut(environ[i], "="); k == name {
					return v, true
				}
			}
			return "", false
		}}
	code := Main(append([]string{"exec"}, args...), env)
	return code, stdout.String(), stderr.String()
}

// The command's exit status is rolecall's: its own code, or 128 + the signal that ended it.
func TestExecExitsWithTheCommandsStatus(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	for _, c := range []struct {
		script string
		want   int
	}{{"exit 0", 0}, {"exit 3", 3}, {"exit 255", 255}, {"kill -TERM $$", 128 + 15}, {"kill -KILL $$", 128 + 9}} {
		if code, _, errOut := f.runExec(nil, "plain", "--", "sh", "-c", c.script); code != c.want {
			t.Errorf("sh -c %q: exit %d, want %d (stderr %q)", c.script, code, c.want, errOut)
		}
	}
	if code, _, errOut := f.runExec(nil, "plain", "--", "no-such-command-rolecall"); code != ExitNotFound ||
		!strings.Contains(errOut, "command not found: no-such-command-rolecall") {
		t.Errorf("a missing command: exit %d, stderr %q", code, errOut)
	}
}

// The command gets the role's keys, the region and ROLECALL_PROFILE; the variables that would point
// the SDKs elsewhere are gone; its output passes untouched (not escaped like rolecall's own).
func TestExecGivesTheCommandTheRole(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	stale := []string{"AWS_PROFILE=other", "AWS_ACCESS_KEY_ID=AKIAOLDEXAMPLEOLD000", "AWS_SESSION_TOKEN=old",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:1/", "AWS_WEB_IDENTITY_TOKEN_FILE=/tmp/x", "KEEP_ME=yes"}
	code, out, errOut := f.runExec(stale, "--region", "eu-central-1", "plain", "--", "sh", "-c", `env; printf '\033[31mred\n'`)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	vars := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			vars[k] = v
		}
	}
	if !strings.HasPrefix(vars["AWS_ACCESS_KEY_ID"], "ASIA") || vars["AWS_SECRET_ACCESS_KEY"] == "" || vars["AWS_SESSION_TOKEN"] == "old" ||
		vars["AWS_CREDENTIAL_EXPIRATION"] == "" || vars["AWS_REGION"] != "eu-central-1" || vars["AWS_DEFAULT_REGION"] != "eu-central-1" ||
		vars["ROLECALL_PROFILE"] != "plain" || vars["KEEP_ME"] != "yes" {
		t.Errorf("the command's environment lacks the role: %v", maskedKeys(vars))
	}
	for _, gone := range []string{"AWS_PROFILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE"} {
		if _, ok := vars[gone]; ok {
			t.Errorf("%s was passed to the command", gone)
		}
	}
	if !strings.Contains(out, "\033[31mred") {
		t.Errorf("the command's output was changed on the way: %q", out[max(0, len(out)-40):])
	}
	if errOut != "" {
		t.Errorf("exec wrote to stderr when all went well: %q", errOut)
	}
}

func maskedKeys(vars map[string]string) []string {
	var names []string
	for k := range vars {
		if strings.HasPrefix(k, "AWS_") || k == "ROLECALL_PROFILE" {
			names = append(names, k)
		}
	}
	return names
}

// Inside `rolecall exec prod`, exec for another profile is refused unless --force-nest says so; the
// same profile again is fine.
func TestExecRefusesToNestForAnotherProfile(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	inside := []string{"ROLECALL_PROFILE=prod"}
	code, _, errOut := f.runExec(inside, "plain", "--", "true")
	if code != ExitUsage || !strings.Contains(errOut, "already inside `rolecall exec prod`") || !strings.Contains(errOut, "--force-nest") {
		t.Errorf("nested exec: exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := f.runExec(inside, "--force-nest", "plain", "--", "true"); code != 0 {
		t.Errorf("--force-nest: exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := f.runExec([]string{"ROLECALL_PROFILE=plain"}, "plain", "--", "true"); code != 0 {
		t.Errorf("the same profile again: exit %d, stderr %q", code, errOut)
	}
}

// Usage mistakes are exit code 2 with the reason.
func TestExecUsageErrors(t *testing.T) {
	t.Parallel()
	f := &cliFixture{t: t, home: t.TempDir(), env: map[string]string{}}
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{}, "name the profile"},
		{[]string{"dev"}, "name the command to run after --"},
		{[]string{"dev", "prod", "--", "true"}, "one profile"},
		{[]string{"--region", "eu west", "dev", "--", "true"}, "not a region name"},
	} {
		if code, _, errOut := f.runExec(nil, c.args...); code != ExitUsage || !strings.Contains(errOut, c.says) {
			t.Errorf("exec %v: exit %d, stderr %q", c.args, code, errOut)
		}
	}
}

// With --server the command gets the endpoint instead of keys, and the AWS CLI, which finds no other
// credentials, calls STS with the session's credentials through it.
func TestExecServerGivesTheAWSCLITheEndpoint(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("skipping: the AWS CLI (aws) is not on PATH")
	}
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	code, out, errOut := f.runExec(nil, "plain", "--server", "--region", "us-east-1", "--", "sh", "-c",
		`echo "key=${AWS_ACCESS_KEY_ID:-none} uri=${AWS_CONTAINER_CREDENTIALS_FULL_URI:+set}"; aws sts get-caller-identity --output json`)
	if code != 0 {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	if !strings.Contains(out, "key=none uri=set") {
		t.Errorf("the command's environment: %q", strings.SplitN(out, "\n", 2)[0])
	}
	if arn := callerArn(t, out); !strings.HasSuffix(arn, ":assumed-role/Admin/plain-session") {
		t.Errorf("the AWS CLI called as %s, want the plain-session role", arn)
	}
	// The last call is the AWS CLI's (the engine may make its own after AssumeRole).
	calls := f.proxy.Calls("GetCallerIdentity")
	if len(calls) == 0 || !strings.HasPrefix(calls[len(calls)-1].AccessKeyID, "ASIA") || !calls[len(calls)-1].WithSessionToken {
		t.Errorf("GetCallerIdentity calls: %+v", calls)
	}
}

// A command that traps SIGTERM receives the SIGTERM sent to rolecall and its exit code comes back,
// both when rolecall becomes the command (static credentials) and when it stays to serve them.
func TestExecDeliversSIGTERMToTheCommand(t *testing.T) {
	t.Parallel()
	bin := buildRolecall(t)
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	for _, mode := range [][]string{{"plain"}, {"plain", "--server"}} {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		args := append(append([]string{"exec"}, mode...), "--", "sh", "-c",
			`trap 'echo got TERM; exit 42' TERM; echo ready; while :; do sleep 0.05; done`)
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Env = f.childEnviron()
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // so that a failed test can stop the command too
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 2)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		if first := <-lines; first != "ready" {
			t.Fatalf("%v: the command did not start: %q, stderr %s", mode, first, stderr.String())
		}
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		var got string
		select {
		case got = <-lines:
		case <-time.After(30 * time.Second): // a bound on failure, not a wait for success
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			got = "(nothing within 30 s: the signal did not reach the command)"
		}
		_ = cmd.Wait()
		cancel()
		if got != "got TERM" || cmd.ProcessState.ExitCode() != 42 {
			t.Errorf("%v: after SIGTERM the command printed %q and rolecall exited %d; want \"got TERM\" and 42 (stderr %s)",
				mode, got, cmd.ProcessState.ExitCode(), stderr.String())
		}
	}
}

// The SDKs prefer a default profile's own credentials to the endpoint, so --server warns about them.
func TestExecServerWarnsAboutADefaultProfileWithKeys(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials+"\n[default]\naws_access_key_id = "+exampleKeyID+"\naws_secret_access_key = "+exampleSecret+"\n")
	code, _, errOut := f.runExec(nil, "plain", "--server", "--", "true")
	if code != 0 || !strings.Contains(errOut, "the default profile sets aws_access_key_id") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if strings.Contains(errOut, exampleSecret) {
		t.Error("the warning holds the secret key")
	}
}
