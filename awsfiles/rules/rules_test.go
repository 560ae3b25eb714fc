package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
	"golang.org/x/tools/txtar"
)

// Each testdata/rules/<code>.txtar holds a case for one diagnostic code:
//
//	-- config --            the broken config file (optional)
//	-- credentials --       the broken credentials file (optional)
//	-- want --              one line per expected diagnostic of this code (others may be listed too):
//	                        FILE:LINE:COL-LINE:COL SEVERITY CODE   (1-based lines and UTF-16 columns)
//	-- fixed.config --      the corrected files: the code must not fire on them (optional;
//	-- fixed.credentials -- a missing fixed.X means "same as X")
//
// Every diagnostic with a preferred fix is also checked: applying the fix makes that diagnostic go away; so
// does applying any other fix that changes text in place or adds a section (Change, Set, Create).
func TestRuleCases(t *testing.T) {
	paths, _ := filepath.Glob("testdata/rules/*.txtar")
	for _, path := range paths {
		code := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(code, func(t *testing.T) {
			files := readCase(t, path)
			m := model(files["config"], files["credentials"])
			got := Check(m)
			checkWant(t, code, files["want"], got)
			checkFixesApply(t, m, got)
			fixedConfig, ok := files["fixed.config"]
			if !ok {
				fixedConfig = files["config"]
			}
			fixedCreds, ok := files["fixed.credentials"]
			if !ok {
				fixedCreds = files["credentials"]
			}
			for _, d := range Check(model(fixedConfig, fixedCreds)) {
				if d.Code == code {
					t.Errorf("fixed files still report %s", format(d))
				}
			}
		})
	}
}

var wantLine = regexp.MustCompile(`^(config|credentials):(\d+):(\d+)-(\d+):(\d+) (error|warning|information|hint) ([a-z0-9-]+)$`)

func checkWant(t *testing.T, code, want string, got []Diagnostic) {
	t.Helper()
	var wants []string
	for _, l := range strings.Split(strings.TrimSpace(want), "\n") {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		if !wantLine.MatchString(l) {
			t.Fatalf("bad want line %q", l)
		}
		wants = append(wants, l)
	}
	if len(wants) == 0 {
		t.Fatalf("no want lines")
	}
	have := map[string]bool{}
	var haveCode []string
	for _, d := range got {
		have[format(d)] = true
		if d.Code == code {
			haveCode = append(haveCode, format(d))
		}
		if strings.Contains(d.Message, "EXAMPLEKEY") {
			t.Errorf("message leaks a secret: %s", d.Message)
		}
	}
	for _, w := range wants {
		if !have[w] {
			t.Errorf("missing %s\nall diagnostics:\n%s", w, dump(got))
		}
	}
	for _, h := range haveCode {
		if !contains(wants, h) {
			t.Errorf("unexpected %s", h)
		}
	}
}

func checkFixesApply(t *testing.T, m *awsfiles.Model, got []Diagnostic) {
	t.Helper()
	for _, d := range got {
		for _, fx := range d.Fixes {
			if !fx.Preferred && !keepsLines(fx) {
				continue // a removed line shifts the next one up, and its own diagnostics with it
			}
			var configEdits, credsEdits []awsfiles.Edit
			for _, e := range fx.Edits {
				if e.File.Kind == awsfiles.ConfigFile {
					configEdits = append(configEdits, e)
				} else {
					credsEdits = append(credsEdits, e)
				}
			}
			config, err := awsfiles.ApplyEdits(m.Config.Src(), configEdits)
			if err != nil {
				t.Fatalf("fix %q: %v", fx.Title, err)
			}
			creds, err := awsfiles.ApplyEdits(m.Credentials.Src(), credsEdits)
			if err != nil {
				t.Fatalf("fix %q: %v", fx.Title, err)
			}
			after := Check(model(string(config), string(creds)))
			for _, a := range after {
				if a.Code == d.Code && a.Range.Start.Line == d.Range.Start.Line && a.File.Kind == d.File.Kind {
					t.Errorf("fix %q left %s in place:\n%s", fx.Title, format(a), config)
				}
			}
		}
	}
}

// keepsLines reports a fix that leaves every line where it was, or adds lines at the end: after it, a
// diagnostic of the same code on the same line is the one the fix should have removed.
func keepsLines(fx Fix) bool {
	for _, p := range []string{"Change ", "Set ", "Create "} {
		if strings.HasPrefix(fx.Title, p) {
			return true
		}
	}
	return false
}

func format(d Diagnostic) string {
	r := d.Range
	return fmt.Sprintf("%s:%d:%d-%d:%d %s %s", d.File.Kind, r.Start.Line+1, r.Start.Character+1,
		r.End.Line+1, r.End.Character+1, d.Severity, d.Code)
}

func dump(ds []Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "  %s: %s\n", format(d), d.Message)
	}
	return b.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestEveryCodeHasACaseAndDocs keeps the public contract honest: a code without a test case, a section in
// docs/diagnostics.md or its line in that page's index (with its usual severity and summary) fails.
func TestEveryCodeHasACaseAndDocs(t *testing.T) {
	docs, err := os.ReadFile("../../docs/diagnostics.md")
	if err != nil {
		t.Fatalf("docs/diagnostics.md: %v", err)
	}
	var missing []string
	for _, code := range Codes() {
		if _, err := os.Stat(filepath.Join("testdata/rules", code+".txtar")); err != nil {
			missing = append(missing, code+": no testdata/rules/"+code+".txtar")
		}
		if !strings.Contains(string(docs), "### `"+code+"`") {
			missing = append(missing, code+": no \"### `"+code+"`\" section in docs/diagnostics.md")
		}
		if row := fmt.Sprintf("| [`%s`](#%s) | %s | %s |", code, code, codes[code].Severity, codes[code].Summary); !strings.Contains(string(docs), row) {
			missing = append(missing, code+": the index of docs/diagnostics.md lacks "+row)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Error(m)
	}
}

// readCase reads a txtar case (testdata/rules, testdata/clean) into its files by name.
func readCase(t *testing.T, path string) map[string]string {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	return files
}

// model parses a config and a credentials file and merges them.
func model(config, credentials string) *awsfiles.Model {
	return awsfiles.NewModel(awsfiles.ParseString(awsfiles.ConfigFile, "config", config), awsfiles.ParseString(awsfiles.CredentialsFile, "credentials", credentials))
}
