package floor

import (
	"bytes"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/internal/conformance"
)

// The floor counts what the real parser finds in the benchmark's files: the same profiles and the same
// key = value lines. A floor that skipped part of the files would make the targets look easier.
func TestTheFloorSeesWhatTheParserSees(t *testing.T) {
	for _, n := range []int{100, 10000} {
		g := conformance.Generate(n)
		cfg := awsfiles.Parse(awsfiles.ConfigFile, "config", g.Config)
		creds := awsfiles.Parse(awsfiles.CredentialsFile, "credentials", g.Credentials)
		m := awsfiles.NewModel(cfg, creds)
		properties := 0
		for _, f := range m.Files() {
			for l := range f.Lines(0, f.NumLines()) {
				if l.Kind == awsfiles.LineProperty || l.Kind == awsfiles.LineSubProperty {
					properties++
				}
			}
		}
		want := Result{Profiles: len(m.Profiles), Properties: properties}
		if got := Check(g.Config, g.Credentials); got != want {
			t.Errorf("%d roles: the floor found %+v, the parser %+v", n, got, want)
		}
		if got := CheckOnTwoCores(g.Config, g.Credentials); got != want {
			t.Errorf("%d roles: the floor on two cores found %+v, the parser %+v", n, got, want)
		}
	}
}

// Each of the four checks can fail: a floor whose checks never ran would cost less than one that does.
func TestTheFloorChecksEachProfile(t *testing.T) {
	g := conformance.Generate(100)
	broken := g.Config
	for _, edit := range []struct{ from, to string }{
		{"role_arn = arn:aws:iam::", "role_arn = arn:aws:iam::12"}, // 14 digits: not the shape
		{"source_profile = ", "source_profile = nowhere-"},         // a profile that is not there
		{"region = us-east-1", "region = US-East-1"},               // capitals
		{"mfa_serial = arn:aws:iam::", "mfa_serial = aws:iam::"},   // no arn: prefix
	} {
		if !bytes.Contains(broken, []byte(edit.from)) {
			t.Fatalf("the generated config has no %q", edit.from)
		}
		broken = bytes.Replace(broken, []byte(edit.from), []byte(edit.to), 1)
	}
	if got := Check(broken, g.Credentials).Problems; got != 4 {
		t.Errorf("the floor found %d problems in a config with 4, one of each check", got)
	}
	if got := CheckOnTwoCores(broken, g.Credentials).Problems; got != 4 {
		t.Errorf("the floor on two cores found %d problems in a config with 4, one of each check", got)
	}
	if got := Check(g.Config, g.Credentials).Problems; got != 0 {
		t.Errorf("the floor found %d problems in the clean generated files", got)
	}
}
