package rules

import (
	"go/build"
	"slices"
	"strings"
	"testing"
)

// The layering docs/architecture.md promises, held by the build: the rules import nothing of the project
// but awsfiles (so a rule can read the files only through awsfiles' exported API), and awsfiles nothing
// but the position conversion (it knows nothing of LSP, STS or the rules).
func TestRulesSeeOnlyAwsfiles(t *testing.T) {
	const project = "github.com/rolecall/rolecall/"
	for dir, allowed := range map[string][]string{
		".":  {project + "awsfiles"},         // awsfiles/rules
		"..": {project + "internal/textpos"}, // awsfiles
	} {
		pkg, err := build.ImportDir(dir, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range pkg.Imports {
			if strings.HasPrefix(imp, project) && !slices.Contains(allowed, imp) {
				t.Errorf("package %s imports %s; of the project it may import only %v", pkg.Name, imp, allowed)
			}
		}
	}
}
