package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/internal/ststest"
)

// AWS's documented example keys: safe to write down, and searched for where no secret may appear.
const (
	exampleKeyID  = "AKIAIOSFODNN7EXAMPLE"
	exampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	mfaSerial     = "arn:aws:iam::111122223333:mfa/jo"
	midRole       = "arn:aws:iam::111122223333:role/Mid"
	adminRole     = "arn:aws:iam::111122223333:role/Admin"
)

const baseCredentials = "# long-term keys\n[base]\naws_access_key_id = " + exampleKeyID + "\naws_secret_access_key = " + exampleSecret + "\n"

// twoHopConfig: dev is assumed from mid, which is assumed from base's keys with MFA; every setting set.
const twoHopConfig = "[profile mid]\nrole_arn = " + midRole + "\nsource_profile = base\nexternal_id = ext-EXAMPLE\n" +
	"duration_seconds = 1800\nrole_session_name = jo-mid\nmfa_serial = " + mfaSerial + "\n\n" +
	"[profile dev]\nrole_arn = " + adminRole + "\nsource_profile = mid\nduration_seconds = 2700\nregion = eu-west-1\n\n" +
	"[profile plain]\nrole_arn = " + adminRole + "\nsource_profile = base\nrole_session_name = plain-session\n"

// cliFixture is a home directory with ~/.aws files, moto behind a recording proxy, and the environment
// that points rolecall (and the AWS CLI) at them.
type cliFixture struct {
	t     *testing.T
	moto  *ststest.Moto
	proxy *ststest.Proxy
	home  string
	env   map[string]string
}

func newCLIFixture(t *testing.T, config, credentials string) *cliFixture {
	t.Helper()
	moto := ststest.StartMoto(t)
	f := &cliFixture{t: t, moto: moto, proxy: ststest.NewProxy(t, moto.URL), home: t.TempDir()}
	dir := filepath.Join(f.home, ".aws")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	f.write("config", config)
	f.write("credentials", credentials)
	f.env = map[string]string{
		"HOME": f.home, "AWS_CONFIG_FILE": f.path("config"), "AWS_SHARED_CREDENTIALS_FILE": f.path("credentials"),
		"AWS_ENDPOINT_URL_STS": f.proxy.URL, "AWS_EC2_METADATA_DISABLED": "true",
		// The tests share one Secret Service (keychaintest): each keeps its MFA sessions to itself,
		// unless it is about sharing them.
		EnvSessions: "memory",
	}
	return f
}

func (f *cliFixture) path(name string) string { return filepath.Join(f.home, ".aws", name) }

func (f *cliFixture) write(name, text string) {
	f.t.Helper()
	if err := os.WriteFile(f.path(name), []byte(text), 0o600); err != nil {
		f.t.Fatal(err)
	}
}

// run runs one rolecall command line in-process and returns its exit code and output.
func (f *cliFixture) run(stdin string, args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	env := Env{Stdin: strings.NewReader(stdin), Stdout: &stdout, Stderr: &stderr, Home: f.home,
		Getenv: func(name string) (string, bool) { v, ok := f.env[name]; return v, ok }}
	code := Main(args, env)
	return code, stdout.String(), stderr.String()
}

// mustRun runs a command that must succeed.
func (f *cliFixture) mustRun(args ...string) (string, string) {
	f.t.Helper()
	code, out, errOut := f.run("", args...)
	if code != ExitOK {
		f.t.Fatalf("rolecall %s: exit %d\nstderr: %s\nmoto: %s", strings.Join(args, " "), code, errOut, lastLines(f.moto.Log(), 5))
	}
	return out, errOut
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// sessionOutput is what --format json prints.
type sessionOutput struct {
	Profile, RoleArn, AssumedRoleArn, AccountID, Region, State, Source string
	AccessKeyID, SecretAccessKey, SessionToken, Expiration             string
	Chain                                                              []string
	MFA                                                                bool
}

// Two hops with external ID, duration, session name and MFA through --mfa-code; flags after the
// profile. Every setting reaches STS as written.
func TestAssumeTwoHopsWithEverySetting(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	out, errOut := f.mustRun("assume", "dev", "--mfa-code", "123456", "--format", "json")
	var s sessionOutput
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("--format json printed %q: %v", out, err)
	}
	if s.Profile != "dev" || s.RoleArn != adminRole || !strings.Contains(s.AssumedRoleArn, ":assumed-role/Admin/rolecall-") ||
		s.Region != "eu-west-1" || s.State != "active" || !s.MFA || strings.Join(s.Chain, ",") != "dev,mid,base" {
		t.Errorf("session = %+v", s)
	}
	if !strings.HasPrefix(s.AccessKeyID, "ASIA") || strings.Contains(s.AccessKeyID, "…") || s.SecretAccessKey == "" || s.SessionToken == "" {
		t.Errorf("the json output lacks the credentials themselves: key %q", s.AccessKeyID)
	}
	if !strings.HasPrefix(errOut, "Assumed dev as arn:aws:sts::111122223333:assumed-role/Admin/") || !strings.Contains(errOut, ", expires ") {
		t.Errorf("status line on stderr = %q", errOut)
	}
	token := f.proxy.Calls("GetSessionToken")
	roles := f.proxy.Calls("AssumeRole")
	if len(token) != 1 || token[0].Params.Get("TokenCode") != "123456" || token[0].Params.Get("SerialNumber") != mfaSerial {
		t.Fatalf("GetSessionToken calls = %+v, want one with the code and serial", token)
	}
	if len(roles) != 2 {
		t.Fatalf("%d AssumeRole calls, want 2", len(roles))
	}
	mid, dev := roles[0].Params, roles[1].Params
	if mid.Get("RoleArn") != midRole || mid.Get("ExternalId") != "ext-EXAMPLE" || mid.Get("DurationSeconds") != "1800" ||
		mid.Get("RoleSessionName") != "jo-mid" || !roles[0].WithSessionToken {
		t.Errorf("first hop sent %v (signed with a session token: %v)", mid, roles[0].WithSessionToken)
	}
	if dev.Get("RoleArn") != adminRole || dev.Get("DurationSeconds") != "2700" || !strings.HasPrefix(dev.Get("RoleSessionName"), "rolecall-") ||
		dev.Get("ExternalId") != "" {
		t.Errorf("second hop sent %v", dev)
	}
}

// The env format is export lines a shell evaluates; the process format is credential_process JSON.
func TestAssumeFormats(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	out, _ := f.mustRun("assume", "--format", "env", "plain")
	vars := parseExports(t, out)
	for _, name := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION", "AWS_REGION"} {
		if vars[name] == "" {
			t.Errorf("env output lacks %s:\n%s", name, out)
		}
	}
	if vars["AWS_REGION"] != "us-east-1" {
		t.Errorf("AWS_REGION = %q for a profile without region, want us-east-1", vars["AWS_REGION"])
	}

	out, _ = f.mustRun("assume", "plain", "--format", "process")
	var p struct {
		Version                                                int
		AccessKeyId, SecretAccessKey, SessionToken, Expiration string
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil || p.Version != 1 || p.AccessKeyId == "" || p.SecretAccessKey == "" ||
		p.SessionToken == "" || p.Expiration == "" {
		t.Errorf("process output %q (%v)", out, err)
	}
	if p.AccessKeyId != vars["AWS_ACCESS_KEY_ID"] {
		t.Errorf("the second assume did not reuse the AWS CLI cache entry: %s then %s", vars["AWS_ACCESS_KEY_ID"], p.AccessKeyId)
	}
	if n := f.proxy.Count("AssumeRole"); n != 1 {
		t.Errorf("%d AssumeRole calls for two assumes of one profile, want 1 (the cache)", n)
	}
}

// parseExports reads `export NAME='value'` lines the way a POSIX shell would for single-quoted values.
func parseExports(t *testing.T, out string) map[string]string {
	t.Helper()
	vars := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "export ")
		name, quoted, ok2 := strings.Cut(line, "=")
		if !ok || !ok2 || len(quoted) < 2 || quoted[0] != '\'' || quoted[len(quoted)-1] != '\'' {
			t.Fatalf("not an export line: %q", sc.Text())
		}
		vars[name] = strings.ReplaceAll(quoted[1:len(quoted)-1], `'\''`, "'")
	}
	return vars
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{"abc": "'abc'", "a'b": `'a'\''b'`, "": "''", "$X `y`": "'$X `y`'"} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

// Without a code and without a terminal, assume says which device and what to run; nothing reaches STS.
func TestAssumeMFANeededWithoutTerminal(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	code, out, errOut := f.run("", "assume", "dev")
	want := "MFA code needed for " + mfaSerial + ": run again with --mfa-code CODE"
	if code != ExitFail || out != "" || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and %q", code, out, errOut, want)
	}
	if n := len(f.proxy.Calls("")); n != 0 {
		t.Errorf("%d STS calls before the code was known", n)
	}
}

// On a terminal, assume asks for the code on stderr and goes on with it.
func TestAssumePromptsForMFAOnTerminal(t *testing.T) {
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	saved := stdinIsTerminal
	stdinIsTerminal = func(io.Reader) bool { return true }
	t.Cleanup(func() { stdinIsTerminal = saved })
	code, out, errOut := f.run("654321\n", "assume", "dev", "--format", "process")
	if code != ExitOK || !strings.HasPrefix(errOut, "MFA code for "+mfaSerial+": ") || !strings.Contains(out, `"Version":1`) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if calls := f.proxy.Calls("GetSessionToken"); len(calls) != 1 || calls[0].Params.Get("TokenCode") != "654321" {
		t.Errorf("the typed code did not reach STS: %+v", calls)
	}
}

// Bad flags and arguments are exit code 2 with a message; an unknown profile is 1 with a suggestion.
func TestAssumeUsageAndProfileErrors(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	for _, args := range [][]string{{"assume"}, {"assume", "a", "b"}, {"assume", "dev", "--format", "yaml"},
		{"assume", "dev", "--mfa-session-hours", "40"}, {"assume", "--bogus", "dev"}} {
		if code, _, errOut := f.run("", args...); code != ExitUsage || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, errOut)
		}
	}
	code, _, errOut := f.run("", "assume", "plian")
	if code != ExitFail || !strings.Contains(errOut, `did you mean "plain"?`) {
		t.Errorf("unknown profile: exit %d, stderr %q", code, errOut)
	}
	f.write("config", "[profile broken]\nrole_arn = "+adminRole+"\nsource_profile = nowhere\n")
	code, _, errOut = f.run("", "assume", "broken")
	if code != ExitFail || !strings.Contains(errOut, "[source-profile-missing]") || !strings.Contains(errOut, f.path("config")+":3") {
		t.Errorf("broken chain: exit %d, stderr %q", code, errOut)
	}
	if n := len(f.proxy.Calls("")); n != 0 {
		t.Errorf("%d STS calls for commands that must fail first", n)
	}
}

// Wrong source keys (signature checks on) fail with the engine's message: the profile and the file
// line of the keys, never the secret.
func TestAssumeWrongSecretNamesFileLine(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	keyID, _ := f.moto.CreateUser(t, "jo", ststest.AllowAllSTS)
	f.write("credentials", "# long-term keys\n[base]\naws_access_key_id = "+keyID+"\naws_secret_access_key = "+exampleSecret+"\n")
	f.moto.EnableAuth(t)
	code, out, errOut := f.run("", "assume", "plain")
	if code != ExitFail || out != "" {
		t.Fatalf("exit %d, stdout %q; want 1 and nothing on stdout", code, out)
	}
	if !strings.Contains(errOut, `profile "base" (`+f.path("credentials")+`:3)`) || !strings.Contains(errOut, "aws_secret_access_key") {
		t.Errorf("stderr %q does not send the user to the key's line", errOut)
	}
	if strings.Contains(errOut, exampleSecret) {
		t.Errorf("stderr carries the secret: %q", errOut)
	}
}
