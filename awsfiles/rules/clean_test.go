package rules

import (
	"path/filepath"
	"strings"
	"testing"
)

// Realistic, correct files must not draw errors or warnings: every rule is tested for silence here as
// well as for firing in testdata/rules. Files are checked with LF and with CRLF line endings.
func TestCleanFilesDrawNoErrorsOrWarnings(t *testing.T) {
	paths, _ := filepath.Glob("testdata/clean/*.txtar")
	if len(paths) == 0 {
		t.Fatal("no clean cases")
	}
	for _, path := range paths {
		files := readCase(t, path)
		for _, eol := range []string{"\n", "\r\n"} {
			conv := func(s string) string { return strings.ReplaceAll(s, "\n", eol) }
			for _, d := range Check(model(conv(files["config"]), conv(files["credentials"]))) {
				if d.Severity <= SeverityWarning {
					t.Errorf("%s (eol %q): %s: %s", filepath.Base(path), eol, format(d), d.Message)
				}
			}
		}
	}
}
