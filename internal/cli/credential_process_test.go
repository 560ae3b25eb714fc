package cli

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rolecall/rolecall/internal/keychaintest"
)

// processOutput is the credential_process JSON.
type processOutput struct {
	Version                                                int
	AccessKeyId, SecretAccessKey, SessionToken, Expiration string
}

func parseProcess(t *testing.T, out string) processOutput {
	t.Helper()
	var p processOutput
	if err := json.Unmarshal([]byte(out), &p); err != nil || p.Version != 1 || p.AccessKeyId == "" || p.SessionToken == "" {
		t.Fatalf("not credential_process JSON: %q (%v)", out, err)
	}
	return p
}

// After `rolecall assume` with MFA, credential-process reuses the cached session: no new AssumeRole,
// no code needed.
func TestCredentialProcessUsesCachedSession(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	out, _ := f.mustRun("assume", "dev", "--mfa-code", "123456", "--format", "process")
	assumed := parseProcess(t, out)
	before := f.proxy.Count("AssumeRole")

	out, errOut := f.mustRun("credential-process", "--profile", "dev")
	got := parseProcess(t, out)
	if got.AccessKeyId != assumed.AccessKeyId || got.Expiration != assumed.Expiration {
		t.Errorf("credential-process gave %s (expires %s), the assumed session is %s (expires %s)",
			got.AccessKeyId, got.Expiration, assumed.AccessKeyId, assumed.Expiration)
	}
	if n := f.proxy.Count("AssumeRole"); n != before {
		t.Errorf("credential-process called AssumeRole %d more times; want none", n-before)
	}
	if errOut != "" {
		t.Errorf("credential-process wrote to stderr on success: %q", errOut)
	}
}

// Without a cached session an MFA profile cannot be assumed without prompting, so credential-process
// exits 1 and says exactly what to run; a profile without MFA is assumed.
func TestCredentialProcessWithoutSession(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	code, out, errOut := f.run("123456\n", "credential-process", "--profile", "dev")
	if code != ExitFail || out != "" || !strings.Contains(errOut, "`rolecall assume dev --mfa-code CODE`") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if n := len(f.proxy.Calls("")); n != 0 {
		t.Errorf("%d STS calls for a profile that needs a code", n)
	}
	out, _ = f.mustRun("credential-process", "--profile", "plain")
	parseProcess(t, out)
	if calls := f.proxy.Calls("AssumeRole"); len(calls) != 1 || calls[0].Params.Get("RoleSessionName") != "plain-session" {
		t.Errorf("AssumeRole calls = %+v, want one for plain", calls)
	}
	if code, _, _ := f.run("", "credential-process", "plain"); code != ExitUsage {
		t.Errorf("credential-process without --profile: exit %d, want 2", code)
	}
}

// A profile whose credential_process runs credential-process for itself is refused instead of
// recursing forever.
func TestCredentialProcessRefusesItself(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, "[profile loop]\ncredential_process = rolecall credential-process --profile loop\nmfa_serial = "+mfaSerial+"\n", "")
	code, _, errOut := f.run("", "credential-process", "--profile", "loop")
	if code != ExitFail || !strings.Contains(errOut, "would never end") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// --write-profile writes a Rolecall-managed section, leaves every other byte alone, and the AWS CLI
// reads it; a name on the profile's own chain is refused.
func TestAssumeWriteProfile(t *testing.T) {
	t.Parallel()
	original := baseCredentials + "\n# keep me\n[other]\naws_access_key_id = AKIAOTHEREXAMPLE0000\naws_secret_access_key = other-EXAMPLE\n"
	f := newCLIFixture(t, twoHopConfig, original)
	out, errOut := f.mustRun("assume", "plain", "--write-profile", "plain-session", "--format", "process")
	p := parseProcess(t, out)
	if !strings.Contains(errOut, "Wrote the session to [plain-session] in "+f.path("credentials")) {
		t.Errorf("stderr does not say where the session went: %q", errOut)
	}
	data, err := os.ReadFile(f.path("credentials"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	if !strings.HasPrefix(text, original) || !strings.Contains(text, "[plain-session]\n# Managed by rolecall") ||
		!strings.Contains(text, "aws_access_key_id = "+p.AccessKeyId+"\n") || !strings.Contains(text, "aws_session_token = "+p.SessionToken+"\n") {
		t.Errorf("credentials file after --write-profile:\n%s", text)
	}
	if info, err := os.Stat(f.path("credentials")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("mode of the credentials file changed: %v", info.Mode())
	}

	if code, _, errOut := f.run("", "assume", "plain", "--write-profile", "base"); code != ExitUsage || !strings.Contains(errOut, "choose another name") {
		t.Errorf("--write-profile base: exit %d, stderr %q", code, errOut)
	}
	before := len(f.proxy.Calls(""))
	if code, _, errOut := f.run("", "assume", "plain", "--no-cli-cache", "--write-profile", "other"); code != ExitUsage || !strings.Contains(errOut, "refusing to overwrite [other]") {
		t.Errorf("--write-profile other (not Rolecall's): exit %d, stderr %q", code, errOut)
	}
	if n := len(f.proxy.Calls("")) - before; n != 0 {
		t.Errorf("%d STS requests before refusing a section Rolecall did not write", n)
	}

	listing, err := f.awsCLI("configure", "list", "--profile", "plain-session")
	if err != nil {
		t.Fatalf("aws configure list: %v\n%s", err, listing)
	}
	if !strings.Contains(listing, p.AccessKeyId[len(p.AccessKeyId)-4:]) || !strings.Contains(listing, "shared-credentials-file") {
		t.Errorf("aws configure list does not show the written key:\n%s", listing)
	}
}

// Interop: after `rolecall assume` (with MFA), the AWS CLI uses the cache entry rolecall wrote: no new
// AssumeRole and no MFA prompt (stdin is /dev/null), and it is the same session.
func TestAWSCLIReusesRolecallAssume(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	out, _ := f.mustRun("assume", "dev", "--mfa-code", "123456", "--format", "json")
	var s sessionOutput
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	before := f.proxy.Count("AssumeRole")
	id, err := f.awsCLI("sts", "get-caller-identity", "--profile", "dev", "--endpoint-url", f.proxy.URL)
	if err != nil {
		t.Fatalf("aws sts get-caller-identity: %v\n%s", err, id)
	}
	if n := f.proxy.Count("AssumeRole"); n != before {
		t.Errorf("the AWS CLI called AssumeRole %d times after rolecall assume; want 0", n-before)
	}
	if arn := callerArn(t, id); arn != s.AssumedRoleArn {
		t.Errorf("the AWS CLI is %s, rolecall assumed %s", arn, s.AssumedRoleArn)
	}
}

// Interop: `credential_process = <rolecall> credential-process --profile dev` in the config gives the
// AWS CLI the session rolecall assumed (from the cache, no AssumeRole), and assumes a role without MFA
// by itself.
func TestAWSCLIUsesCredentialProcessLine(t *testing.T) {
	t.Parallel()
	bin := buildRolecall(t)
	config := twoHopConfig + "\n[profile dev-process]\ncredential_process = " + bin + " credential-process --profile dev\nregion = eu-west-1\n" +
		"\n[profile plain-process]\ncredential_process = " + bin + " credential-process --profile plain\nregion = us-east-1\n"
	f := newCLIFixture(t, config, baseCredentials)
	out, _ := f.mustRun("assume", "dev", "--mfa-code", "123456", "--format", "json")
	var s sessionOutput
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	before := f.proxy.Count("AssumeRole")
	id, err := f.awsCLI("sts", "get-caller-identity", "--profile", "dev-process", "--endpoint-url", f.proxy.URL)
	if err != nil {
		t.Fatalf("aws with credential_process: %v\n%s", err, id)
	}
	if arn := callerArn(t, id); arn != s.AssumedRoleArn || f.proxy.Count("AssumeRole") != before {
		t.Errorf("the AWS CLI is %s after %d new AssumeRole calls; want %s and none", arn, f.proxy.Count("AssumeRole")-before, s.AssumedRoleArn)
	}

	id, err = f.awsCLI("sts", "get-caller-identity", "--profile", "plain-process", "--endpoint-url", f.proxy.URL)
	if err != nil {
		t.Fatalf("aws with credential_process for a role without MFA: %v\n%s", err, id)
	}
	if arn := callerArn(t, id); !strings.HasSuffix(arn, ":assumed-role/Admin/plain-session") {
		t.Errorf("the AWS CLI is %s, want the plain-session role", arn)
	}
}

// awsCLI runs the real AWS CLI with only the fixture's environment (plus PATH), stdin /dev/null.
func (f *cliFixture) awsCLI(args ...string) (string, error) {
	f.t.Helper()
	path, err := exec.LookPath("aws")
	if err != nil {
		f.t.Skip("skipping: the AWS CLI (aws) is not on PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, append(args, "--output", "json")...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") && !strings.HasPrefix(kv, "HOME=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	for k, v := range f.env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func callerArn(t *testing.T, out string) string {
	t.Helper()
	var id struct{ Arn string }
	if err := json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &id); err != nil {
		t.Fatalf("aws output is not JSON: %s", out)
	}
	return id.Arn
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  string
	buildDir  string
)

// buildRolecall builds the rolecall binary once per test run (into a directory removed by TestMain).
func buildRolecall(t testing.TB) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipping: the go tool is not on PATH to build rolecall")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "rolecall-bin-")
		if err != nil {
			buildErr = err.Error()
			return
		}
		buildDir = dir
		bin := filepath.Join(dir, "rolecall")
		cmd := exec.Command(goTool, "build", "-trimpath", "-ldflags", "-s -w", "-o", bin, "github.com/rolecall/rolecall")
		if runtime.GOOS == "linux" {
			cmd.Env = append(os.Environ(), "CGO_ENABLED=0") // as `make build` and the extension's package build it
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = err.Error() + "\n" + string(out)
			return
		}
		builtBin = bin
	})
	if buildErr != "" {
		t.Fatalf("building rolecall: %s", buildErr)
	}
	return builtBin
}

func TestMain(m *testing.M) {
	code := keychaintest.Run(m) // inside a private D-Bus session with a real Secret Service (keys_test.go)
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}
