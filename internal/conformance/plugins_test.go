package conformance

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
)

// The cli-plugin rule against the AWS CLI v1: with each [plugins] line below the CLI cannot start (every
// command, `aws --version` included, ends in a traceback), and the rule fires on it with the severity
// given; the same file without the line works and draws nothing. One Python process starts the CLI's
// driver (awscli.clidriver.create_clidriver, where `aws` loads its plugins) once per file, and the real
// `aws --version` runs on the first two files, to show the exit status a user sees.
func TestPluginsThatBreakTheAWSCLIAreDiagnosed(t *testing.T) {
	aws, err := exec.LookPath("aws")
	if err != nil {
		t.Skip("the AWS CLI is not installed; skipping the plugins check")
	}
	const head = "[default]\nregion = eu-west-1\n"
	cases := []struct {
		line     string
		severity rules.Severity
		failure  string // the last line of the traceback, "" when the CLI starts
	}{
		{"", 0, ""},
		{"endpoint = awscli_plugin_rolecall_missing", rules.SeverityWarning, "ModuleNotFoundError: No module named 'awscli_plugin_rolecall_missing'"},
		{"blank =", rules.SeverityError, "ValueError: Empty module name"},
		{"local = /home/jo/plugins/mine.py", rules.SeverityError, "ModuleNotFoundError: No module named '/home/jo/plugins/mine'"},
		{"commented = awscli_plugin_x # the old one", rules.SeverityError, "ModuleNotFoundError: No module named 'awscli_plugin_x # the old one'"},
		{"cli_legacy_plugin_path = /usr/lib/python3/site-packages", rules.SeverityWarning, "ModuleNotFoundError: No module named '/usr/lib/python3/site-packages'"},
	}
	dir := t.TempDir()
	var paths []string
	for i, c := range cases {
		config := head
		if c.line != "" {
			config += "\n[plugins]\n" + c.line + "\n"
		}
		path := filepath.Join(dir, fmt.Sprintf("config%d", i))
		if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
		var got []rules.Diagnostic
		for _, d := range rules.Check(awsfiles.NewModel(awsfiles.Parse(awsfiles.ConfigFile, path, []byte(config)), nil)) {
			if d.Code == "cli-plugin" {
				got = append(got, d)
			}
		}
		switch {
		case c.line == "" && len(got) > 0:
			t.Errorf("cli-plugin fires without [plugins]: %s", got[0].Message)
		case c.line != "" && (len(got) != 1 || got[0].Severity != c.severity):
			t.Errorf("%s: cli-plugin gave %v, want one at %s", c.line, got, c.severity)
		}
	}
	started := startCLIDrivers(t, dir, paths)
	for i, c := range cases {
		if i < len(started) && started[i] != c.failure {
			t.Errorf("%q: the AWS CLI starts with %q, want %q", c.line, started[i], c.failure)
		}
	}
	for i := range 2 {
		out, err := awsVersion(aws, dir, paths[i])
		if last := lastLine(out); (err != nil) != (cases[i].failure != "") || cases[i].failure != "" && last != cases[i].failure {
			t.Errorf("%q: aws --version: %v, %q", cases[i].line, err, last)
		}
	}
}

// startCLIDrivers starts the AWS CLI's driver on each config file, in one Python process, and returns
// for each "" or the exception it raised.
func startCLIDrivers(t *testing.T, home string, paths []string) []string {
	const script = `
import os, sys
import awscli.clidriver
for path in sys.argv[1:]:
    os.environ["AWS_CONFIG_FILE"] = path
    try:
        awscli.clidriver.create_clidriver()
        print("")
    except Exception as e:
        print(type(e).__name__ + ": " + str(e))
`
	cmd := exec.Command("python3", append([]string{"-c", script}, paths...)...)
	cmd.Env = cliEnv(home)
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("python3 cannot start the AWS CLI's driver: %v", err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
}

// awsVersion runs `aws --version` with this config file and no other AWS setting.
func awsVersion(aws, home, config string) ([]byte, error) {
	cmd := exec.Command(aws, "--version")
	cmd.Env = append(cliEnv(home), "AWS_CONFIG_FILE="+config)
	return cmd.CombinedOutput()
}

// cliEnv is an environment with no AWS setting of the user's.
func cliEnv(home string) []string {
	return []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "credentials")}
}

func lastLine(out []byte) string {
	lines := strings.Split(string(bytes.TrimSpace(out)), "\n")
	return lines[len(lines)-1]
}
