package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A mistyped flag or a stray argument, for any command: the first line says what was wrong, the usage
// follows, and the exit code is 2.
func TestEveryCommandSaysWhatWasWrongWithItsFlags(t *testing.T) {
	home := writeCheckHome(t, "", checkCredentials)
	for _, c := range []struct {
		args  []string
		first string
	}{
		{[]string{"check", "--format", "xml"}, "rolecall check: --format xml is not one of text, json"},
		{[]string{"check", "stray"}, "rolecall check: unexpected argument stray: check takes only flags"},
		{[]string{"check", "--bogus"}, "rolecall check: flag provided but not defined: -bogus"},
		{[]string{"check", "--format"}, "rolecall check: flag needs an argument: -format"},
		{[]string{"profiles", "--format", "yaml"}, "rolecall profiles: --format yaml is not one of text, json"},
		{[]string{"profiles", "dev", "base"}, "rolecall profiles: unexpected argument dev base: profiles takes only flags"},
		{[]string{"assume", "--bogus", "dev"}, "rolecall assume: flag provided but not defined: -bogus"},
		{[]string{"assume", "dev", "--format", "yaml"}, "rolecall assume: --format yaml is not one of env, json, process"},
		{[]string{"assume", "dev", "--mfa-session-hours", "many"}, `rolecall assume: invalid value "many" for flag -mfa-session-hours`},
		{[]string{"assume", "dev", "--force-write-profile"}, "rolecall assume: --force-write-profile goes with --write-profile NAME"},
		{[]string{"credential-process", "--profile", "dev", "stray"}, "rolecall credential-process: unexpected argument stray"},
		{[]string{"credential-process"}, "rolecall credential-process: name the profile with --profile PROFILE"},
		{[]string{"serve", "--log-level", "loud"}, "rolecall serve: --log-level loud is not one of debug, info, warn, error"},
		{[]string{"serve", "stray"}, "rolecall serve: unexpected argument stray: serve takes only flags"},
		{[]string{"version", "--bogus"}, "rolecall version: flag provided but not defined: -bogus"},
	} {
		code, out, errOut := runCheckCLI(t, home, c.args...)
		first, rest, _ := strings.Cut(errOut, "\n")
		if code != ExitUsage || out != "" || !strings.HasPrefix(first, c.first) || !strings.Contains(rest, "Usage: rolecall "+c.args[0]) {
			t.Errorf("rolecall %q: exit %d, stdout %q, stderr:\n%s\nwant exit 2, first line %q, then the usage", c.args, code, out, errOut, c.first)
		}
	}
	for _, cmd := range []string{"check", "profiles", "assume", "credential-process", "serve", "version"} {
		if code, _, errOut := runCheckCLI(t, home, cmd, "-h"); code != ExitOK || !strings.HasPrefix(errOut, "Usage: rolecall "+cmd) {
			t.Errorf("rolecall %s -h: exit %d, stderr %q", cmd, code, errOut)
		}
	}
}

// runWithEnv runs a command line with the given environment variables.
func runWithEnv(home string, vars map[string]string, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errOut, Home: home, Stdin: strings.NewReader(""),
		Getenv: func(name string) (string, bool) { v, ok := vars[name]; return v, ok }}
	code := Main(args, env)
	return code, out.String(), errOut.String()
}

// A path the user typed that does not exist is a mistake (exit 2), not an empty file; ~ in it is the
// home directory, as in AWS_CONFIG_FILE. A path the AWS tools find themselves (their default, or the
// AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE variables) may be missing, as botocore allows.
func TestTypedPathsMustExist(t *testing.T) {
	home := writeCheckHome(t, "", checkCredentials)
	missing := filepath.Join(home, "confg")
	for _, args := range [][]string{
		{"check", "--config", missing}, {"check", "--credentials", missing}, {"profiles", "--config", missing},
		{"assume", "base", "--credentials", missing}, {"credential-process", "--profile", "base", "--config", missing},
	} {
		code, out, errOut := runWithEnv(home, nil, args...)
		flag := args[len(args)-2]
		want := "rolecall " + args[0] + ": " + flag + " " + missing + ": no such file; check the path"
		if code != ExitUsage || out != "" || !strings.HasPrefix(errOut, want) {
			t.Errorf("rolecall %q: exit %d, stdout %q, stderr %q; want 2 and %q", args, code, out, errOut, want)
		}
	}

	os.WriteFile(filepath.Join(home, "work-config"), []byte(checkBrokenConfig), 0o600)
	for _, arg := range [][]string{{"--config=~/work-config"}, {"--config", "~/work-config"}} {
		code, out, errOut := runWithEnv(home, nil, append([]string{"check"}, arg...)...)
		if code != ExitFail || !strings.Contains(out, filepath.Join(home, "work-config")+":3:18: error:") {
			t.Errorf("rolecall check %s: exit %d, stdout %q, stderr %q; want the file in the home directory checked", arg, code, out, errOut)
		}
	}

	vars := map[string]string{"AWS_CONFIG_FILE": missing}
	if code, out, errOut := runWithEnv(home, vars, "check"); code != ExitOK || errOut != "" || !strings.Contains(out, "0 error(s), 0 warning(s)") && !strings.Contains(out, "No problems in") {
		t.Errorf("AWS_CONFIG_FILE naming a missing file: exit %d, stdout %q, stderr %q; want 0 (the AWS tools read it as empty)", code, out, errOut)
	}
}

// On a new machine neither file exists: check says so and how to start, and still exits 0 (make ends
// with it).
func TestCheckOnANewMachineSaysHowToStart(t *testing.T) {
	home := t.TempDir()
	code, out, errOut := runCheckCLI(t, home, "check")
	if code != ExitOK || errOut != "" || strings.Contains(out, "No problems") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	for _, want := range []string{"No AWS files yet: neither " + filepath.Join(home, ".aws", "config"), "aws configure", "aws configure sso", "Create It"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
}
