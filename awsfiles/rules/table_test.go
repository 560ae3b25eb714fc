package rules

import (
	"path/filepath"
	"strings"
	"testing"
)

// The rule table is the contract between the rules and everything that lists them (docs, `Codes`, the
// LSP's code descriptions): each row must be whole, each code must belong to one rule, and a rule must
// report no code but its own.
func TestEveryRuleInTheTableIsWhole(t *testing.T) {
	names := map[string]bool{}
	owner := map[string]string{}
	for i, r := range ruleTable {
		if r.name == "" || names[r.name] {
			t.Errorf("row %d: the name %q is empty or taken", i, r.name)
		}
		names[r.name] = true
		if r.runs.byProfile() != (r.profile != nil) || r.runs.byProfile() == (r.whole != nil) {
			t.Errorf("rule %s: runs %d, but whole set = %v and profile set = %v", r.name, r.runs, r.whole != nil, r.profile != nil)
		}
		if len(r.codes) == 0 {
			t.Errorf("rule %s declares no code", r.name)
		}
		for _, c := range r.codes {
			if other, taken := owner[c.code]; taken {
				t.Errorf("code %s is declared by both %s and %s", c.code, other, r.name)
			}
			owner[c.code] = r.name
			if c.summary == "" || c.severity < SeverityError || c.severity > SeverityHint {
				t.Errorf("code %s: a summary and a severity are required", c.code)
			}
		}
	}
}

func TestEachRuleReportsOnlyItsOwnCodes(t *testing.T) {
	paths, _ := filepath.Glob("testdata/rules/*.txtar")
	fired := map[string]bool{}
	for _, path := range paths {
		files := readCase(t, path)
		checkers, _ := checkEachRule(model(files["config"], files["credentials"]))
		for i, c := range checkers {
			for _, d := range c.diags {
				fired[ruleTable[i].name] = true
				if codes[d.Code].rule != ruleTable[i].name {
					t.Errorf("%s: rule %s reported %s, which the table gives to %q", filepath.Base(path),
						ruleTable[i].name, d.Code, codes[d.Code].rule)
				}
			}
		}
	}
	var silent []string
	for _, r := range ruleTable {
		if !fired[r.name] {
			silent = append(silent, r.name)
		}
	}
	if len(silent) > 0 {
		t.Errorf("no rule case makes these rules report anything: %s", strings.Join(silent, ", "))
	}
}
