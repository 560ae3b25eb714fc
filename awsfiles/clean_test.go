package awsfiles

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// Realistic, correct files must not draw errors or warnings: every rule is tested for silence here as
// well as for firing in testdata/rules. Files are checked with LF and with CRLF line endings.
func TestCleanFilesDrawNoErrorsOrWarnings(t *testing.T) {
	paths, _ := filepath.Glob("testdata/clean/*.txtar")
	if len(paths) == 0 {
		t.Fatal("no clean cases")
	}
	for _, path := range paths {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files := map[string]string{}
		for _, f := range ar.Files {
			files[f.Name] = string(f.Data)
		}
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
