package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
)

// runCheckCLI runs one command line with HOME pointing at a temporary home and returns the exit code, stdout
// and stderr.
func runCheckCLI(t *testing.T, home string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errOut, Home: home, Getenv: func(string) (string, bool) { return "", false }}
	code := Main(args, env)
	return code, out.String(), errOut.String()
}

func writeCheckHome(t *testing.T, config, credentials string) string {
	t.Helper()
	home := t.TempDir()
	dir := filepath.Join(home, ".aws")
	os.MkdirAll(dir, 0o700)
	os.WriteFile(filepath.Join(dir, "config"), []byte(config), 0o600)
	os.WriteFile(filepath.Join(dir, "credentials"), []byte(credentials), 0o600)
	return home
}

const checkBrokenConfig = "[profile dev]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = bsae\nregion = eu-west-1 # home\n"
const checkCredentials = "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"

// A file of garbage: check lists 10,000 of a kind, says how many it left out, and exits 1; a file of more
// lines than Rolecall reads is refused with exit 2 and a message that counts them.
func TestCheckOfAFileOfGarbageSaysWhatItLeftOut(t *testing.T) {
	home := writeCheckHome(t, strings.Repeat("not a setting\n", rules.MaxPerCode+7), "")
	code, out, _ := runCheckCLI(t, home, "check")
	if code != ExitFail || !strings.HasSuffix(out, fmt.Sprintf("%d error(s), 0 warning(s), 0 other listed, and 7 more not listed (at most %d of a kind per file)\n",
		rules.MaxPerCode, rules.MaxPerCode)) {
		t.Fatalf("exit %d, output ends %q", code, out[max(0, len(out)-300):])
	}
	home = writeCheckHome(t, strings.Repeat("\n", awsfiles.MaxLines), "")
	code, out, errOut := runCheckCLI(t, home, "check")
	if code != ExitUsage || out != "" || !strings.Contains(errOut, "it has 1048577 lines, and Rolecall reads AWS files of up to 1048576 lines") {
		t.Fatalf("exit %d, stdout %q, stderr %q; want exit %d and the line count", code, out, errOut, ExitUsage)
	}
}

func TestCheckPrintsLikeACompilerAndExitsOneOnErrors(t *testing.T) {
	home := writeCheckHome(t, checkBrokenConfig, checkCredentials)
	code, out, _ := runCheckCLI(t, home, "check")
	if code != ExitFail {
		t.Fatalf("exit %d, want %d", code, ExitFail)
	}
	config := filepath.Join(home, ".aws", "config")
	for _, want := range []string{
		config + `:3:18: error: source_profile "bsae" does not exist; did you mean "base"?`,
		"[source-profile-missing]",
		config + ":4:20: warning: ",
		"[inline-comment]",
		"1 error(s), 1 warning(s)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "EXAMPLEKEY") {
		t.Errorf("output leaks the secret key:\n%s", out)
	}
}

func TestCheckJSONHasZeroBasedPositions(t *testing.T) {
	home := writeCheckHome(t, checkBrokenConfig, checkCredentials)
	code, out, _ := runCheckCLI(t, home, "check", "--format", "json")
	var got struct {
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != ExitFail {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	d := got.Diagnostics[0]
	if d.Code != "source-profile-missing" || d.Severity != "error" || d.Range.Start.Line != 2 || d.Range.Start.Character != 17 {
		t.Errorf("first diagnostic = %+v", d)
	}
}

func TestCheckOnCleanFilesExitsZero(t *testing.T) {
	// Keys kept out of plaintext (a credential_process), so not even the plaintext-keys hint applies.
	home := writeCheckHome(t, "[default]\nregion = eu-west-1\n", "[base]\ncredential_process = rolecall credential-process --from-keychain --profile base\n")
	code, out, errOut := runCheckCLI(t, home, "check")
	want := "No problems in " + filepath.Join(home, ".aws", "config") + " or " + filepath.Join(home, ".aws", "credentials") + ".\n"
	if code != ExitOK || out != want || errOut != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q; want %q", code, out, errOut, want)
	}
	os.Remove(filepath.Join(home, ".aws", "credentials"))
	if _, out, _ := runCheckCLI(t, home, "check"); !strings.Contains(out, "(there is no credentials file at ") {
		t.Errorf("with the credentials file missing: %q", out)
	}
	code, out, _ = runCheckCLI(t, home, "check", "--format", "json")
	if code != ExitOK || strings.TrimSpace(out) != "{\n  \"diagnostics\": []\n}" {
		t.Fatalf("exit %d, json %q", code, out)
	}
}

func TestCheckRefusesBadUsageAndUnreadableFiles(t *testing.T) {
	home := t.TempDir()
	if code, _, _ := runCheckCLI(t, home, "check", "--format", "xml"); code != ExitUsage {
		t.Errorf("--format xml: exit %d, want %d", code, ExitUsage)
	}
	code, _, errOut := runCheckCLI(t, home, "check", "--config", home) // a directory
	if code != ExitUsage || !strings.Contains(errOut, "cannot read the config file "+home) {
		t.Errorf("directory as config: exit %d, stderr %q", code, errOut)
	}
	if code, _, _ := runCheckCLI(t, home, "nonsense"); code != ExitUsage {
		t.Errorf("unknown command: exit %d", code)
	}
}

func TestProfilesListsKindsAndChains(t *testing.T) {
	home := writeCheckHome(t, "[profile dev]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = base\n", checkCredentials)
	code, out, _ := runCheckCLI(t, home, "profiles", "--format", "json")
	var got struct {
		Profiles []profileJSON `json:"profiles"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != ExitOK {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	if len(got.Profiles) != 2 || got.Profiles[0].Kind != "assume-role" || !got.Profiles[0].ChainOK ||
		strings.Join(got.Profiles[0].Chain, ",") != "dev,base" || got.Profiles[1].Kind != "static-keys" {
		t.Errorf("profiles = %+v", got.Profiles)
	}
	_, text, _ := runCheckCLI(t, home, "profiles")
	if !strings.Contains(text, "dev → AssumeRole arn:aws:iam::111122223333:role/Admin → base (static keys, credentials line 2)") {
		t.Errorf("text output:\n%s", text)
	}
}
