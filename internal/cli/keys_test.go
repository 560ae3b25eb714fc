package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/internal/keychaintest"
)

// keysCredentials holds the keys to move amid bytes that must survive: comments, a blank line, another
// profile's keys, a region, no final line break.
const keysCredentials = "# my keys; edited by hand\n[other]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\n" +
	"aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n\n[kc-base]\nregion = us-east-1\n" +
	"aws_access_key_id = " + exampleKeyID + "\naws_secret_access_key = " + exampleSecret + "\n; trailing note\n[last]\nregion = eu-west-1"

const keysConfig = "[profile kc-role]\nrole_arn = " + adminRole + "\nsource_profile = kc-base\nrole_session_name = kc-session\n"

// keychainFixture is a cliFixture whose rolecall (and AWS CLI, through the credential_process line)
// uses the real Secret Service of the test's private D-Bus session.
func keychainFixture(t *testing.T, config, credentials string) *cliFixture {
	keychaintest.Require(t)
	f := newCLIFixture(t, config, credentials)
	f.env["ROLECALL_KEYCHAIN_BACKEND"] = "secret-service"
	f.env["PATH"] = filepath.Dir(buildRolecall(t)) + string(os.PathListSeparator) + os.Getenv("PATH")
	return f
}

func (f *cliFixture) read(name string) string {
	f.t.Helper()
	b, err := os.ReadFile(f.path(name))
	if err != nil {
		f.t.Fatal(err)
	}
	return string(b)
}

// A user moves a profile's keys into the keychain: the two key lines become the keychain line, every
// other byte and the file's mode stay, and the AWS CLI, rolecall assume and a role sourced from the
// profile all keep working against STS (moto). Exporting puts the file back byte for byte.
func TestKeysImportKeepsTheProfileWorkingEverywhere(t *testing.T) {
	t.Parallel()
	f := keychainFixture(t, keysConfig, keysCredentials)
	if err := os.Chmod(f.path("credentials"), 0o640); err != nil {
		t.Fatal(err)
	}
	out, errOut := f.mustRun("keys", "import", "kc-base")
	if !strings.Contains(out, "Secret Service") || !strings.Contains(out, "AKIA…MPLE") {
		t.Errorf("import says %q", out)
	}
	assertNoSecret(t, out+errOut)

	after := f.read("credentials")
	keychainLines := awsfiles.KeychainMarker + " (`rolecall keys export kc-base` puts them back)\n" +
		"credential_process = rolecall credential-process --from-keychain --profile kc-base\n"
	want := strings.Replace(keysCredentials, "aws_access_key_id = "+exampleKeyID+"\naws_secret_access_key = "+exampleSecret+"\n", keychainLines, 1)
	if after != want {
		t.Fatalf("credentials file after import:\n%s\nwant:\n%s", after, want)
	}
	if st, _ := os.Stat(f.path("credentials")); st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want the file's own 0640", st.Mode().Perm())
	}

	id, err := f.awsCLI("sts", "get-caller-identity", "--profile", "kc-base", "--endpoint-url", f.proxy.URL)
	if err != nil {
		t.Fatalf("the AWS CLI with the imported profile: %v\n%s", err, id)
	}
	callerArn(t, id)
	id, err = f.awsCLI("sts", "get-caller-identity", "--profile", "kc-role", "--region", "us-east-1", "--endpoint-url", f.proxy.URL)
	if err != nil || !strings.HasSuffix(callerArn(t, id), ":assumed-role/Admin/kc-session") {
		t.Fatalf("the AWS CLI with a role sourced from the imported profile: %v\n%s", err, id)
	}
	out, errOut = f.mustRun("assume", "kc-role", "--format", "json", "--no-cli-cache")
	if !strings.Contains(out, "assumed-role/Admin/kc-session") {
		t.Errorf("rolecall assume from keychain keys: %s %s", out, errOut)
	}
	out, _ = f.mustRun("credential-process", "--profile", "kc-base", "--from-keychain")
	if !strings.Contains(out, `"AccessKeyId":"`+exampleKeyID+`"`) {
		t.Errorf("credential-process --from-keychain printed %q", out)
	}

	out, _ = f.mustRun("keys", "list")
	if !strings.Contains(out, "kc-base") || !strings.Contains(out, "AKIA…MPLE") || !strings.Contains(out, "used by") {
		t.Errorf("list: %q", out)
	}
	assertNoSecret(t, out)

	out, errOut = f.mustRun("keys", "export", "kc-base")
	assertNoSecret(t, out+errOut)
	if got := f.read("credentials"); got != keysCredentials {
		t.Fatalf("after export:\n%s\nwant the original:\n%s", got, keysCredentials)
	}
	if code, _, errOut := f.run("", "keys", "export", "kc-base"); code != ExitFail || !strings.Contains(errOut, "nothing to export") {
		t.Errorf("second export: exit %d, %q", code, errOut)
	}
}

// Keys typed into `keys add` (here piped, as a script would) land in the keychain, and a new section
// points the profile at them; remove takes both away again.
func TestKeysAddFromStdinAndRemove(t *testing.T) {
	t.Parallel()
	f := keychainFixture(t, "", "[other]\nregion = eu-west-1\n")
	code, out, errOut := f.run(exampleKeyID+"\n"+exampleSecret+"\n", "keys", "add", "kc-added", "--mfa-serial", mfaSerial)
	if code != ExitOK {
		t.Fatalf("add: exit %d: %s", code, errOut)
	}
	assertNoSecret(t, out+errOut)
	if got := f.read("credentials"); !strings.HasPrefix(got, "[other]\nregion = eu-west-1\n\n[kc-added]\n"+awsfiles.KeychainMarker) {
		t.Fatalf("credentials after add:\n%s", got)
	}
	id, err := f.awsCLI("sts", "get-caller-identity", "--profile", "kc-added", "--region", "us-east-1", "--endpoint-url", f.proxy.URL)
	if err != nil {
		t.Fatalf("the AWS CLI with added keys: %v\n%s", err, id)
	}
	out, _ = f.mustRun("keys", "list")
	if !strings.Contains(out, "kc-added") || !strings.Contains(out, mfaSerial) {
		t.Errorf("list: %q", out)
	}
	f.mustRun("keys", "remove", "kc-added")
	if got := f.read("credentials"); got != "[other]\nregion = eu-west-1\n\n[kc-added]\n" {
		t.Fatalf("credentials after remove:\n%q", got)
	}
	if code, _, errOut := f.run("", "keys", "remove", "kc-added"); code != ExitFail || !strings.Contains(errOut, "nothing to remove") {
		t.Errorf("second remove: exit %d, %q", code, errOut)
	}
}

// Refusals leave the file alone and say what to do; bad usage is exit 2.
func TestKeysRefusalsAndUsage(t *testing.T) {
	t.Parallel()
	f := keychainFixture(t, "", "[half]\naws_access_key_id = "+exampleKeyID+"\n")
	before := f.read("credentials")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"keys", "import", "half"}, ExitFail, "only part of a key pair"},
		{[]string{"keys", "import", "nobody"}, ExitFail, "rolecall keys add nobody"},
		{[]string{"keys", "import"}, ExitUsage, "exactly one PROFILE"},
		{[]string{"keys", "rotate", "x"}, ExitUsage, "unknown subcommand"},
		{[]string{"keys"}, ExitUsage, "import PROFILE"},
		{[]string{"keys", "add", "half"}, ExitFail, "two lines"},
	} {
		code, _, errOut := f.run("", c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, errOut, c.code, c.want)
		}
	}
	if f.read("credentials") != before {
		t.Error("a refused command changed the credentials file")
	}
}

func assertNoSecret(t *testing.T, s string) {
	t.Helper()
	if strings.Contains(s, exampleSecret) {
		t.Errorf("output shows the secret: %q", s)
	}
}
