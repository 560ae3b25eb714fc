package sso

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
)

func names(ps []GeneratedProfile) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return strings.Join(out, " ")
}

var corp = Session{Name: "corp", StartURL: testStartURL, Region: "eu-west-1"}

// Names read well, are safe in a section header, and collide never: two accounts with one name get
// their account ids, a name used outside the block is avoided, and "default" is never generated.
func TestGeneratedProfileNames(t *testing.T) {
	dir := Directory{Accounts: []Account{
		{ID: "111111111111", Name: "Prod (EU)", Roles: []string{"ReadOnly", "Admin+Ops"}},
		{ID: "222222222222", Name: "dev", Roles: []string{"ReadOnly"}},
		{ID: "333333333333", Name: "DEV", Roles: []string{"ReadOnly"}},
		{ID: "444444444444", Name: "mine", Roles: []string{"Admin"}},
		{ID: "555555555555", Name: "  ", Roles: []string{"x/y"}},
	}}
	ps, err := GenerateProfiles(dir, corp, ProfileOptions{Taken: func(n string) bool { return n == "mine-Admin" }})
	if err != nil {
		t.Fatal(err)
	}
	want := "555555555555-x-y DEV-ReadOnly-333333333333 Prod-EU-Admin-Ops Prod-EU-ReadOnly " +
		"dev-ReadOnly-222222222222 mine-Admin-444444444444"
	if got := names(ps); got != want {
		t.Errorf("names\n%s\nwant\n%s", got, want)
	}
	ps, _ = GenerateProfiles(dir, corp, ProfileOptions{Template: "{sso_session}.{account_id}.{role_name}", Prefix: "sso/"})
	if got := names(ps); !strings.HasPrefix(got, "sso-corp.111111111111.Admin-Ops ") {
		t.Errorf("template and prefix: %s", got)
	}
	ps, _ = GenerateProfiles(Directory{Accounts: []Account{{ID: "111111111111", Name: "def", Roles: []string{"ault"}}}}, corp,
		ProfileOptions{Template: "{account_name}{role_name}"})
	if names(ps) != "default-111111111111" {
		t.Errorf("a profile named default: got %s", names(ps))
	}
	for _, bad := range []string{"{account}-{role_name}", "{role_name}", "{account_name}-{role_name", "fixed"} {
		if _, err := GenerateProfiles(dir, corp, ProfileOptions{Template: bad}); err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("template %q: %v", bad, err)
		}
	}
}

// Writing the profiles: one block that rolecall check finds clean, a re-run that removes what is no
// longer granted and keeps the rest, and the file's other text and mode untouched.
func TestWriteProfiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config")
	own := "[default]\nregion = eu-west-1\n\n[sso-session corp]\nsso_start_url = " + testStartURL + "\nsso_region = eu-west-1\n" +
		"sso_registration_scopes = sso:account:access\n\n[profile development-ReadOnlyAccess]\nregion = us-east-1\ncredential_process = /bin/true\n"
	os.WriteFile(path, []byte(own), 0o640)
	dir := Directory{Accounts: []Account{
		{ID: "111111111111", Name: "development", Roles: []string{"AdministratorAccess", "ReadOnlyAccess"}},
		{ID: "222222222222", Name: "production", Roles: []string{"ReadOnlyAccess"}},
	}}
	plan, err := WriteProfiles(path, corp, dir, ProfileOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(plan.Added, " "); got != "development-AdministratorAccess development-ReadOnlyAccess-111111111111 production-ReadOnlyAccess" {
		t.Errorf("added %s", got)
	}
	data, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(data), own) {
		t.Errorf("the user's text changed:\n%s", data)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", fi.Mode().Perm())
	}
	m, _ := awsfiles.Load(awsfiles.Locations{Config: path, Credentials: filepath.Join(filepath.Dir(path), "credentials")})
	for _, d := range rules.Check(m) {
		if d.Severity <= rules.SeverityWarning {
			t.Errorf("rolecall check: %s %s", d.Code, d.Message)
		}
	}
	if p := m.Profile("production-ReadOnlyAccess"); p == nil || p.Kind() != awsfiles.KindSSO || !m.Chain(p).OK() {
		t.Errorf("generated profile does not resolve to SSO")
	}

	dir.Accounts = dir.Accounts[:1]
	plan, err = WriteProfiles(path, corp, dir, ProfileOptions{})
	if err != nil || strings.Join(plan.Removed, " ") != "production-ReadOnlyAccess" || len(plan.Kept) != 2 || len(plan.Added) != 0 {
		t.Errorf("re-run: %+v, %v", plan, err)
	}
	again, _ := WriteProfiles(path, corp, dir, ProfileOptions{})
	if again.Changed {
		t.Error("a run with the same grants changed the file")
	}
}
