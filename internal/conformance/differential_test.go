package conformance

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
)

// TestDifferential feeds every corpus case to the awsfiles model, to aws-sdk-go-v2 and to botocore, and
// compares what each listed profile resolves to. Where all readers agree nothing is asked of the rules.
// Where they differ, or a tool fails to load the profile or the file, rules.Check must say so: the
// case lists the codes that prove it, and each must fire on the profile's lines (or the file). Where the
// model differs from two tools that agree with each other, the model is wrong (a known-bug section
// skips the case until it is fixed).
func TestDifferential(t *testing.T) {
	cases := loadCorpus(t)
	dir := t.TempDir()
	req := botocoreRequest{Home: filepath.Join(dir, "home")}
	if err := os.Mkdir(req.Home, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		config, credentials, err := c.writeFiles(dir)
		if err != nil {
			t.Fatal(err)
		}
		req.Cases = append(req.Cases, botocoreRequestCase{Name: c.Name, Config: config,
			Credentials: credentials, Profiles: c.Profiles})
	}
	boto, reason, err := runBotocore(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("botocore", func(t *testing.T) {
		if boto == nil {
			t.Skipf("botocore comparison skipped: %s; the model is still compared with aws-sdk-go-v2", reason)
		}
		t.Logf("comparing with botocore %s", boto.Version)
	})
	for i, c := range cases {
		rc := req.Cases[i]
		t.Run(c.Name, func(t *testing.T) {
			r := newCaseRun(t, c, rc.Config, rc.Credentials, boto)
			r.check()
		})
	}
}

// reader names, in the order they are printed.
const (
	readerModel    = "model"
	readerSDK      = "aws-sdk-go-v2"
	readerBotocore = "botocore"
)

// caseRun holds everything known about one case while it is checked.
type caseRun struct {
	t       *testing.T
	c       *corpusCase
	model   *awsfiles.Model
	diags   []rules.Diagnostic
	boto    *botocoreResult
	obs     map[string]map[string]observation // profile → reader → observation
	pending map[string]bool                   // expected codes that no rule declares yet
}

func newCaseRun(t *testing.T, c *corpusCase, configPath, credentialsPath string, boto *botocoreResult) *caseRun {
	m := awsfiles.NewModel(awsfiles.Parse(awsfiles.ConfigFile, configPath, c.Config),
		awsfiles.Parse(awsfiles.CredentialsFile, credentialsPath, c.Credentials))
	r := &caseRun{t: t, c: c, model: m, diags: rules.Check(m), boto: boto,
		obs: map[string]map[string]observation{}, pending: map[string]bool{}}
	for _, name := range c.Profiles {
		o := map[string]observation{
			readerModel: observeModel(m, name),
			readerSDK:   observeSDK(context.Background(), configPath, credentialsPath, name),
		}
		if boto != nil {
			o[readerBotocore] = boto.observe(c.Name, name)
		}
		r.obs[name] = o
	}
	return r
}

func (r *caseRun) readers() []string {
	if r.boto == nil {
		return []string{readerModel, readerSDK}
	}
	return []string{readerModel, readerSDK, readerBotocore}
}

func (r *caseRun) check() {
	t := r.t
	r.checkKnownBug()
	registered := map[string]bool{}
	for _, code := range rules.Codes() {
		registered[code] = true
	}
	r.checkFileErrors(registered)
	for _, name := range r.c.Profiles {
		diffs := r.disagreements(name)
		if bug := r.modelBug(name); bug != "" {
			t.Errorf("profile %q: MODEL BUG: %s\nreport it to the lead and add a -- known-bug -- section to %s.txtar",
				name, bug, r.c.Name)
		}
		if len(diffs) > 0 {
			t.Logf("profile %q: readers disagree:\n  %s", name, strings.Join(diffs, "\n  "))
			r.requireExplained(name, diffs, registered)
		}
	}
	r.checkExpectations(registered)
	r.checkClean()
	if len(r.pending) > 0 {
		t.Skipf("expected codes not registered by awsfiles yet: %s (the rest of the case passed)",
			strings.Join(sortedKeys(r.pending), ", "))
	}
}

// checkKnownBug skips a case whose model bug is still there, and fails one whose bug is gone so that the
// stale section is removed.
func (r *caseRun) checkKnownBug() {
	if r.c.KnownBug == "" {
		return
	}
	if r.boto == nil {
		r.t.Skipf("known model bug (%s); without botocore it cannot be re-checked", r.c.KnownBug)
	}
	for _, name := range r.c.Profiles {
		if bug := r.modelBug(name); bug != "" {
			r.t.Skipf("known model bug (%s): %s", r.c.KnownBug, bug)
		}
	}
	r.t.Errorf("the -- known-bug -- section (%s) is stale: the model now agrees with both tools; remove it", r.c.KnownBug)
}

// disagreements lists the fields on which the readers differ, and every load failure of the profile.
func (r *caseRun) disagreements(name string) []string {
	var diffs []string
	for _, field := range allFields() {
		vals := map[string]string{}
		for _, reader := range r.readers() {
			if v, ok := r.obs[name][reader].Fields[field]; ok {
				vals[reader] = v
			}
		}
		if distinct(vals) > 1 {
			diffs = append(diffs, field+": "+r.describe(vals))
		}
	}
	for _, reader := range r.readers() {
		if e := r.obs[name][reader].Err; e != "" {
			diffs = append(diffs, fmt.Sprintf("%s fails to load it: %s", reader, e))
		}
	}
	return diffs
}

// modelBug describes a field where both tools read the same value and the model another.
func (r *caseRun) modelBug(name string) string {
	if r.boto == nil {
		return ""
	}
	o := r.obs[name]
	for _, field := range allFields() {
		g, okG := o[readerSDK].Fields[field]
		b, okB := o[readerBotocore].Fields[field]
		m, okM := o[readerModel].Fields[field]
		if okG && okB && okM && g == b && m != g {
			return fmt.Sprintf("%s: both tools read %q, the model reads %q", field, g, m)
		}
	}
	return ""
}

func (r *caseRun) describe(vals map[string]string) string {
	var parts []string
	for _, reader := range r.readers() {
		if v, ok := vals[reader]; ok {
			parts = append(parts, fmt.Sprintf("%s=%q", reader, v))
		}
	}
	return strings.Join(parts, " ")
}

func distinct(vals map[string]string) int {
	seen := map[string]bool{}
	for _, v := range vals {
		seen[v] = true
	}
	return len(seen)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
