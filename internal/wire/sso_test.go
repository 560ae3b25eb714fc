package wire

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/sso"
)

// The IAM Identity Center fixtures (read by the extension's tests too) decode with no field left over
// and encode back to themselves.
func TestSSOFixturesRoundTrip(t *testing.T) {
	for file, v := range map[string]any{
		"sso-session-status.json": &SessionStatus{},
		"sso-sessions.json":       &SSOSessions{},
		"sso-progress.json":       &SSOProgress{},
		"sso-accounts.json":       &SSOAccounts{},
		"sso-profiles.json":       &SSOProfilesPlan{},
	} {
		t.Run(file, func(t *testing.T) {
			data := readFixture(t, file)
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(v); err != nil {
				t.Fatalf("%s does not decode as %T: %v", file, v, err)
			}
			got, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			assertSameJSON(t, got, data)
		})
	}
}

// The engine's values become the fixtures: a legacy session names its profile and no sso-session, a
// session never signed in has a null expiration, a step of the authorization code flow has no code.
func TestSSOConversionsGiveTheFixtures(t *testing.T) {
	corp := sso.Session{Name: "corp", StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1"}
	old := sso.Session{Profile: "old-sso", StartURL: "https://d-0000000000.awsapps.com/start", Region: "us-east-1"}
	exp := time.Date(2026, 11, 27, 11, 0, 0, 0, time.UTC)
	st := assume.SessionStatus{Profile: "corp/111111111111/AdministratorAccess",
		AssumedRoleArn: "arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/jo",
		AccountID:      "111111111111", Region: "eu-west-1", Expiration: exp, State: assume.StateActive, AccessKeyID: "ASIA…MPLE",
		Chain: []string{"corp/111111111111/AdministratorAccess"}, AutoRefresh: true, RefreshAt: exp.Add(-5 * time.Minute),
		ExpiringAt: exp.Add(-10 * time.Minute), Source: assume.SourceSTS, SSO: &corp}
	sessions := SSOSessions{Sessions: []SSOSession{
		NewSSOSession(corp, sso.Status{SignedIn: true, Refreshable: true, Expires: exp.Add(7 * time.Hour)}),
		NewSSOSession(old, sso.Status{}),
	}}
	device := sso.Event{Kind: sso.EventOpen, Flow: sso.FlowDeviceCode, URL: "https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH",
		VerificationURI: "https://device.sso.eu-west-1.amazonaws.com/", UserCode: "ABCD-EFGH", ExpiresAt: exp.Add(-50 * time.Minute),
		Message: "Open https://device.sso.eu-west-1.amazonaws.com/ and confirm the code ABCD-EFGH to sign in to corp."}
	dir := sso.Directory{Session: "corp", FetchedAt: exp.Add(-time.Hour), Accounts: []sso.Account{
		{ID: "111111111111", Name: "development", Email: "dev@example.com", Roles: []string{"AdministratorAccess", "ReadOnlyAccess"}},
		{ID: "222222222222", Name: "production", Email: "prod@example.com", Roles: []string{"ReadOnlyAccess"}},
	}}
	for file, v := range map[string]any{
		"sso-session-status.json": NewSessionStatus(st),
		"sso-sessions.json":       sessions,
		"sso-progress.json":       NewSSOProgress("sign-in-1", device),
		"sso-accounts.json":       NewSSOAccounts(dir),
		"sso-profiles.json":       profilesPlan(t, corp),
	} {
		got, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(file, func(t *testing.T) { assertSameJSON(t, got, readFixture(t, file)) })
	}
	if p := NewSSOProgress("x", sso.Event{Kind: sso.EventWaiting, Flow: sso.FlowAuthCode}); p.UserCode != nil || p.URL != nil || p.ExpiresAt != nil {
		t.Errorf("a step without a page or code: %+v", p)
	}
}

// profilesPlan is the plan of the fixture: one role kept, one added, one no longer granted.
func profilesPlan(t *testing.T, s sso.Session) SSOProfilesPlan {
	t.Helper()
	const head = "[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n\n"
	old := head + "# BEGIN rolecall sso-session corp\n[profile development-AdministratorAccess]\nsso_session = corp\n" +
		"sso_account_id = 111111111111\nsso_role_name = AdministratorAccess\nregion = eu-west-1\n\n[profile staging-ReadOnlyAccess]\n" +
		"sso_session = corp\nsso_account_id = 333333333333\nsso_role_name = ReadOnlyAccess\nregion = eu-west-1\n# END rolecall sso-session corp\n"
	dir := sso.Directory{Accounts: []sso.Account{
		{ID: "111111111111", Name: "development", Roles: []string{"AdministratorAccess"}},
		{ID: "222222222222", Name: "production", Roles: []string{"ReadOnlyAccess"}},
	}}
	plan, err := sso.PlanProfiles(awsfiles.Parse(awsfiles.ConfigFile, "/home/jo/.aws/config", []byte(old)), s, dir, sso.ProfileOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return NewSSOProfilesPlan("corp", "/home/jo/.aws/config", plan, false)
}

// The sign-in error the extension reads offers "Sign in to corp": its data names the sso reason and
// session next to the engine's reason.
func TestSSOErrorFixtureNamesTheSession(t *testing.T) {
	var reply struct {
		Message string         `json:"message"`
		Data    map[string]any `json:"data"`
	}
	if err := json.Unmarshal(readFixture(t, "error-sso-sign-in-required.json"), &reply); err != nil {
		t.Fatal(err)
	}
	if reply.Data["reason"] != assume.ReasonSourceCredentials || reply.Data["ssoReason"] != sso.ReasonSignInRequired ||
		reply.Data["ssoSession"] != "corp" || !strings.Contains(reply.Message, "Sign in to corp") {
		t.Errorf("fixture = %+v", reply)
	}
}

// Every sso argument names one session (login may name none), and a bad template is refused before
// anything runs.
func TestSSOArgsValidate(t *testing.T) {
	for name, tc := range map[string]struct {
		arg  interface{ Validate() error }
		want string
	}{
		"login names none":        {&SSOLoginArgs{}, ""},
		"login names two":         {&SSOLoginArgs{SSOSession: "a", Profile: "b"}, "twice"},
		"logout names none":       {&SSOTarget{}, "needs the sign-in"},
		"accounts by profile":     {&SSOAccountsArgs{Profile: "old-sso"}, ""},
		"assume without the role": {&SSOAssumeArgs{SSOSession: "corp", AccountID: "111111111111"}, "account and role"},
		"assume":                  {&SSOAssumeArgs{SSOSession: "corp", AccountID: "111111111111", RoleName: "R"}, ""},
		"profiles, bad template":  {&SSOProfilesArgs{SSOSession: "corp", Template: "{account}"}, "uses {account}"},
		"profiles":                {&SSOProfilesArgs{SSOSession: "corp"}, ""},
	} {
		err := tc.arg.Validate()
		if (tc.want == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
}
