package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rolecall/rolecall/internal/ssotest"
	"github.com/rolecall/rolecall/internal/ststest"
	"github.com/rolecall/rolecall/sso"
)

const ssoConfig = "[default]\nregion = eu-west-1\n\n[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\n" +
	"sso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n"

// ssoCLI is a home with a config file, an emulated IAM Identity Center that approves at once, and
// the environment a user sets to point the AWS tools at it.
type ssoCLI struct {
	t       *testing.T
	idc     *ssotest.Server
	home    string
	env     map[string]string
	printed strings.Builder // everything every command printed
}

var ssoTestSetup sync.Once

func newSSOCLI(t *testing.T, config string) *ssoCLI {
	t.Helper()
	ssoTestSetup.Do(func() {
		// A browser on this machine: it follows the sign-in page to Rolecall's loopback listener.
		browserAvailable = func(env Env) bool { v, _ := env.Getenv("TEST_BROWSER"); return v != "" }
		// Only for the sign-in tests (TEST_BROWSER set): other tests running alongside, such as the
		// console's, keep the real opener.
		realOpen := openBrowser
		openBrowser = func(env Env, url string) error {
			if v, _ := env.Getenv("TEST_BROWSER"); v == "" {
				return realOpen(env, url)
			}
			go func() {
				if resp, err := http.Get(url); err == nil {
					resp.Body.Close()
				}
			}()
			return nil
		}
		ssoTestOptions = func(o *sso.Options) { o.MaxBackoff = time.Millisecond }
	})
	f := &ssoCLI{t: t, idc: ssotest.Start(t, ssotest.Options{AutoApprove: true}), home: t.TempDir()}
	os.MkdirAll(filepath.Join(f.home, ".aws"), 0o700)
	os.WriteFile(f.path("config"), []byte(config), 0o600)
	f.env = map[string]string{"HOME": f.home, "AWS_CONFIG_FILE": f.path("config"), "AWS_SHARED_CREDENTIALS_FILE": f.path("credentials"),
		"AWS_ENDPOINT_URL_SSO": f.idc.URL(), "AWS_ENDPOINT_URL_SSO_OIDC": f.idc.URL(), "AWS_EC2_METADATA_DISABLED": "true", "TEST_BROWSER": "1"}
	return f
}

func (f *ssoCLI) path(name string) string { return filepath.Join(f.home, ".aws", name) }

func (f *ssoCLI) run(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	env := Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Home: f.home,
		Getenv: func(name string) (string, bool) { v, ok := f.env[name]; return v, ok }}
	code := Main(args, env)
	f.printed.WriteString(stdout.String() + stderr.String())
	return code, stdout.String(), stderr.String()
}

// secretsPrinted lists which secrets of the token cache appeared in any output so far.
func (f *ssoCLI) secretsPrinted() []string {
	var tok map[string]string
	files, _ := filepath.Glob(filepath.Join(f.home, ".aws", "sso", "cache", "*.json"))
	var leaked []string
	for _, file := range files {
		data, _ := os.ReadFile(file)
		json.Unmarshal(data, &tok)
		for _, k := range []string{"accessToken", "refreshToken", "clientSecret"} {
			if v := tok[k]; v != "" && strings.Contains(f.printed.String(), v) {
				leaked = append(leaked, k)
			}
		}
	}
	return leaked
}

func (f *ssoCLI) mustRun(args ...string) (string, string) {
	f.t.Helper()
	code, out, errOut := f.run(args...)
	if code != ExitOK {
		f.t.Fatalf("rolecall %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	return out, errOut
}

// A user signs in (the browser opens and comes back), lists what they are given, previews and writes
// profiles, finds them clean with rolecall check and usable by the AWS CLI, and signs out.
func TestSSOSignInDiscoverAndGenerateProfiles(t *testing.T) {
	t.Parallel()
	f := newSSOCLI(t, ssoConfig)
	_, errOut := f.mustRun("sso", "login")
	if !strings.Contains(errOut, "To sign in to corp, open this page in a browser on this computer:\n\n  "+f.idc.URL()+"/authorize?") ||
		!strings.Contains(errOut, "Signed in to corp until ") || !strings.Contains(errOut, "renewed automatically") {
		t.Errorf("sso login said:\n%s", errOut)
	}
	out, _ := f.mustRun("sso", "accounts")
	if !regexp.MustCompile(`(?m)^111111111111  development  dev@example.com\s+AdministratorAccess, ReadOnlyAccess$`).MatchString(out) {
		t.Errorf("sso accounts printed:\n%s", out)
	}
	out, _ = f.mustRun("sso", "accounts", "--format", "json")
	var dir sso.Directory
	if json.Unmarshal([]byte(out), &dir) != nil || len(dir.Accounts) != 2 || dir.Accounts[1].Name != "production" {
		t.Errorf("sso accounts --format json printed %s", out)
	}

	before, _ := os.ReadFile(f.path("config"))
	out, errOut = f.mustRun("sso", "profiles")
	if !strings.Contains(out, "[profile development-AdministratorAccess]\nsso_session = corp\nsso_account_id = 111111111111\n") ||
		!strings.Contains(errOut, "3 profiles for corp (3 added, 0 removed, 0 kept); run again with --write") {
		t.Errorf("sso profiles printed:\n%s\n%s", out, errOut)
	}
	if after, _ := os.ReadFile(f.path("config")); !bytes.Equal(before, after) {
		t.Error("sso profiles without --write changed the config file")
	}
	_, errOut = f.mustRun("sso", "profiles", "--write")
	if !strings.Contains(errOut, "Wrote 3 profiles for corp in "+f.path("config")+" (3 added, 0 removed, 0 kept).") {
		t.Errorf("sso profiles --write said: %s", errOut)
	}
	if after, _ := os.ReadFile(f.path("config")); !bytes.HasPrefix(after, before) {
		t.Errorf("the user's own text changed:\n%s", after)
	}
	if code, out, errOut := f.run("check"); code != ExitOK || strings.Contains(out+errOut, "warning:") || strings.Contains(out+errOut, "error:") {
		t.Errorf("rolecall check on the generated file: exit %d\n%s%s", code, out, errOut)
	}
	awsConfigureList(t, f, "production-ReadOnlyAccess")
	if leaked := f.secretsPrinted(); len(leaked) > 0 {
		t.Errorf("the commands printed the token cache's %v", leaked)
	}

	f.mustRun("sso", "logout")
	code, _, errOut := f.run("sso", "accounts")
	if code != ExitFail || !strings.Contains(errOut, "Sign in to corp: run rolecall sso login --sso-session corp") {
		t.Errorf("after logout: exit %d, %s", code, errOut)
	}
}

// awsConfigureList proves the AWS CLI loads a generated profile and gets its credentials (through its
// SSO provider, with the token Rolecall cached).
func awsConfigureList(t *testing.T, f *ssoCLI, profile string) {
	t.Helper()
	if _, err := exec.LookPath("aws"); err != nil {
		t.Log("the AWS CLI is not on PATH: not checking that it loads the generated profiles")
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "aws", "configure", "list", "--profile", profile)
	cmd.Env = []string{"HOME=" + f.home, "PATH=" + os.Getenv("PATH"), "AWS_CONFIG_FILE=" + f.path("config"),
		"AWS_SHARED_CREDENTIALS_FILE=" + f.path("credentials"), "AWS_EC2_METADATA_DISABLED=true",
		"AWS_ENDPOINT_URL_SSO=" + f.idc.URL(), "AWS_ENDPOINT_URL_SSO_OIDC=" + f.idc.URL()}
	cmd.Stdin = strings.NewReader("")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), profile) || !strings.Contains(string(out), "sso") {
		t.Errorf("aws configure list --profile %s: %v\n%s", profile, err, out)
	}
}

// On a machine without a browser (or with --use-device-code) the page and the code are shown.
func TestSSOLoginWithDeviceCode(t *testing.T) {
	t.Parallel()
	f := newSSOCLI(t, ssoConfig)
	delete(f.env, "TEST_BROWSER")
	_, errOut := f.mustRun("sso", "login", "--sso-session", "corp")
	if !regexp.MustCompile(`open this page on any device:\n\n  \S+/device\n\nand confirm the code\n\n  [A-Z]{4}-[A-Z]{4}\n`).MatchString(errOut) {
		t.Errorf("sso login without a browser said:\n%s", errOut)
	}
	if f.idc.Count(ssotest.OpAuthorize) != 0 || f.idc.Count(ssotest.OpStartDeviceAuthorization) != 1 {
		t.Errorf("flows used: %v", f.idc.Counts())
	}
}

// An SSO profile is assumed with the token Rolecall cached; once signed out, assume says which
// command signs in.
func TestAssumeSSOProfileAfterSignIn(t *testing.T) {
	t.Parallel()
	f := newSSOCLI(t, ssoConfig)
	f.env["AWS_ENDPOINT_URL_STS"] = ststest.StartMoto(t).URL
	f.mustRun("sso", "login", "--use-device-code")
	f.mustRun("sso", "profiles", "--write", "--prefix", "corp-")
	out, _ := f.mustRun("assume", "corp-production-ReadOnlyAccess", "--format", "json")
	var s sessionOutput
	if json.Unmarshal([]byte(out), &s) != nil || !strings.HasPrefix(s.AccessKeyID, "ASIA") || s.Expiration == "" {
		t.Errorf("assume printed %s", out)
	}
	f.mustRun("sso", "logout", "--profile", "corp-production-ReadOnlyAccess")
	code, _, errOut := f.run("assume", "corp-development-ReadOnlyAccess")
	if code != ExitFail || !strings.Contains(errOut, "Sign in to corp: run `rolecall sso login --sso-session corp`") {
		t.Errorf("assume after logout: exit %d, %s", code, errOut)
	}
}

// Wrong arguments and sessions that do not exist are exit code 2, each with what to do.
func TestSSOUsageErrors(t *testing.T) {
	t.Parallel()
	f := newSSOCLI(t, ssoConfig+"\n[sso-session other]\nsso_start_url = https://d-2222222222.awsapps.com/start\nsso_region = us-east-1\n")
	cases := []struct {
		args []string
		says string
	}{
		{[]string{"sso", "login"}, "the config file has 2 sso-sessions (corp, other): name one with --sso-session"},
		{[]string{"sso", "login", "--sso-session", "crop"}, `there is no [sso-session crop] in the config file; did you mean "corp"?`},
		{[]string{"sso", "accounts", "--sso-session", "corp", "--profile", "x"}, "not both"},
		{[]string{"sso", "accounts", "--sso-session", "corp", "--format", "yaml"}, `--format yaml is not one of text, json`},
		{[]string{"sso", "profiles", "--sso-session", "corp", "--template", "{role}"}, `the template "{role}" uses {role}: use {account_name}`},
		{[]string{"sso", "whoami"}, `unknown subcommand "whoami"`},
		{[]string{"sso"}, "Usage: rolecall sso"},
	}
	for _, c := range cases {
		code, _, errOut := f.run(c.args...)
		if code != ExitUsage || !strings.Contains(errOut, c.says) {
			t.Errorf("rolecall %s: exit %d, stderr %q; want 2 and %q", strings.Join(c.args, " "), code, errOut, c.says)
		}
	}
}
