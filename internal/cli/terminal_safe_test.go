package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/internal/safetext"
)

// A shared config file is untrusted: names and values in it may carry escape sequences, a carriage return
// or a bidirectional override. Whatever a command prints, none of that may reach the terminal raw.
const hostileConfig = "[profile dev\x1b[2J]\nrole_arn = arn:aws:iam::111122223333:role/Ad\x1b]0;pwned\x07min\n" +
	"source_profile = ba\x1b[31mse\u202e\n" +
	"[profile ok\u009b31m]\nregion = eu-west-1\rhidden\n" +
	"[profile loop\x00a]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = loop\x00b\n" +
	"[profile loop\x00b]\nrole_arn = arn:aws:iam::111122223333:role/B\nsource_profile = loop\x00a\n"

func TestNoCommandPrintsARawControlCharacter(t *testing.T) {
	home := writeCheckHome(t, hostileConfig, checkCredentials)
	runs := [][]string{
		{"check"}, {"check", "--format", "json"},
		{"profiles"}, {"profiles", "--format", "json"},
		{"assume", "dev\x1b[2J"}, {"assume", "loop\x00a"}, {"assume", "nope\x1b[2J"},
		{"credential-process", "--profile", "dev\x1b[2J"},
		{"no-such-command\x1b[2J"},
	}
	for _, args := range runs {
		_, out, errOut := runCheckCLI(t, home, args...)
		for name, text := range map[string]string{"stdout": out, "stderr": errOut} {
			lines := strings.ReplaceAll(strings.ReplaceAll(text, "\n", ""), "\t", "")
			if !safetext.Clean(lines) {
				t.Errorf("rolecall %q: %s holds a raw control character:\n%q", args, name, text)
			}
		}
		if len(args) > 2 && args[2] == "json" {
			if !json.Valid([]byte(out)) {
				t.Errorf("rolecall %q: output is not valid JSON any more:\n%s", args, out)
			}
		}
	}
}
