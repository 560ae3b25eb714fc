package handlers_test

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/internal/wire"
	"github.com/rolecall/rolecall/server"
)

// rolecall-ls.profiles lists accounts and roles with exactly the documented fields; unknown values
// are null; broken roles are not valid.
func TestProfilesCommand(t *testing.T) {
	t.Parallel()
	config := sessionConfig +
		"\n[profile sso]\nsso_session = corp\nsso_account_id = 777788889999\nsso_role_name = Dev\n" +
		"[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n" +
		"[profile from-sso]\nrole_arn = arn:aws:iam::777788889999:role/Ops\nsource_profile = sso\nduration_seconds = 7200\n" +
		"[profile dangling]\nrole_arn = " + adminRole + "\nsource_profile = nowhere\n" +
		"[profile hour]\nrole_arn = " + adminRole + "\nsource_profile = base\nduration_seconds = 1h\n"
	f := newSessionFixture(t, config, sessionCredentials, false, nil)
	var raw json.RawMessage
	if err := f.c.ExecuteCommand(wire.CommandProfiles, map[string]any{}, &raw); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Accounts []map[string]any `json:"accounts"`
		Roles    []map[string]any `json:"roles"`
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("result %s: %v", raw, err)
	}
	places := map[string]any{}
	for _, list := range [][]map[string]any{got.Accounts, got.Roles} {
		for _, p := range list {
			places[p["profile"].(string)] = p["definedAt"]
			delete(p, "definedAt")
		}
	}
	wantAccounts := []map[string]any{
		{"profile": "base", "kind": "static-keys", "accountId": "111122223333", "region": "eu-west-1", "mfaSerial": mfaSerial},
		{"profile": "sso", "kind": "sso", "accountId": "777788889999", "region": nil, "mfaSerial": nil},
	}
	if !reflect.DeepEqual(got.Accounts, wantAccounts) {
		t.Errorf("accounts =\n%v\nwant\n%v", got.Accounts, wantAccounts)
	}
	role := func(profile, arn, account string, region, serial, duration, source any, errors float64, chain ...any) map[string]any {
		return map[string]any{"profile": profile, "roleArn": arn, "accountId": account, "region": region, "mfaSerial": serial,
			"durationSeconds": duration, "sourceAccount": source, "chain": chain, "valid": errors == 0 && duration != nil && source != nil,
			"errors": errors}
	}
	wantRoles := []map[string]any{
		role("dev", adminRole, "111122223333", "eu-west-1", nil, 3600.0, "base", 0.0, "dev", "base"),
		role("admin", adminRole, "111122223333", nil, mfaSerial, 1800.0, "base", 0.0, "admin", "base"),
		role("read", readRole, "444455556666", nil, nil, 3600.0, "base", 0.0, "read", "dev", "base"),
		role("from-sso", "arn:aws:iam::777788889999:role/Ops", "777788889999", nil, nil, 7200.0, "sso", 0.0, "from-sso", "sso"),
		role("dangling", adminRole, "111122223333", nil, nil, 3600.0, nil, 1.0, "dangling"),
		role("hour", adminRole, "111122223333", nil, nil, nil, "base", 0.0, "hour", "base"),
	}
	if len(got.Roles) != len(wantRoles) {
		t.Fatalf("roles = %v", got.Roles)
	}
	for i := range wantRoles {
		if !reflect.DeepEqual(got.Roles[i], wantRoles[i]) {
			t.Errorf("role %d =\n%v\nwant\n%v", i, got.Roles[i], wantRoles[i])
		}
	}
	// Each profile links to its section headers (0-based lines), config before credentials.
	config, credentials := fileURI(t, f.home, "config"), fileURI(t, f.home, "credentials")
	for profile, want := range map[string][]any{
		"base": {place(config, 0), place(credentials, 1)},
		"dev":  {place(config, 4)},
		"read": {place(config, 16)},
	} {
		if !reflect.DeepEqual(places[profile], want) {
			t.Errorf("%s is defined at %v, want %v", profile, places[profile], want)
		}
	}
}

func place(uri string, line float64) any { return map[string]any{"uri": uri, "line": line} }

func fileURI(t *testing.T, home, name string) string {
	t.Helper()
	u, ok := server.FileURI(filepath.Join(home, ".aws", name))
	if !ok {
		t.Fatalf("no file URI for %s", name)
	}
	return string(u)
}

// An argument that is not an object is answered with InvalidParams, which shows the expected shape.
func TestProfilesCommandRejectsBadArgument(t *testing.T) {
	t.Parallel()
	f := newSessionFixture(t, sessionConfig, sessionCredentials, false, nil)
	err := f.c.ExecuteCommand(wire.CommandProfiles, "dev", nil)
	invalidArgument(t, err, wire.CommandProfiles, "{}")
}

// A role whose own sections are clean but whose chain goes through a broken profile is offered as
// invalid: the picker offers only what assume accepts.
func TestAProfileChainedThroughABrokenRoleIsNotValid(t *testing.T) {
	t.Parallel()
	config := strings.Replace(sessionConfig, "role_session_name = jo-dev", "duration_seconds = 50000", 1)
	f := newSessionFixture(t, config, sessionCredentials, false, nil)
	var got wire.Profiles
	if err := f.c.ExecuteCommand(wire.CommandProfiles, map[string]any{}, &got); err != nil {
		t.Fatal(err)
	}
	roles := map[string]wire.RoleProfile{}
	for _, r := range got.Roles {
		roles[r.Profile] = r
	}
	if r := roles["read"]; r.Valid || r.Errors != 0 {
		t.Errorf("read goes through dev (duration_seconds over the maximum): valid=%v errors=%d, want invalid with 0 errors of its own", r.Valid, r.Errors)
	}
	if r := roles["admin"]; !r.Valid {
		t.Errorf("admin, on a clean chain, is not valid")
	}
	err := f.c.ExecuteCommand(wire.CommandAssume, map[string]any{"profile": "read"}, nil)
	data := commandFailure(t, err, "profile-invalid")
	// The editor says "Could not assume read: <problem>": the problem names the fix and the line, once.
	want := "it goes through dev, where duration_seconds 50000 is over the 43200 maximum; set it to 3600 or less (config line 8)"
	if data["problem"] != want || data["profile"] != "read" {
		t.Errorf("the refusal's data = %v, want profile read and problem %q", data, want)
	}
}
