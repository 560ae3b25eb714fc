package assume

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
)

const (
	testConfigPath = "/home/jo/.aws/config"
	testCredsPath  = "/home/jo/.aws/credentials"
)

func testModel(config, credentials string) *awsfiles.Model {
	return awsfiles.NewModel(awsfiles.Parse(awsfiles.ConfigFile, testConfigPath, []byte(config)),
		awsfiles.Parse(awsfiles.CredentialsFile, testCredsPath, []byte(credentials)))
}

func envOf(vars map[string]string) LookupEnv {
	return func(name string) (string, bool) { v, ok := vars[name]; return v, ok }
}

const baseCredentials = "# keys\n[base]\naws_access_key_id = " + exampleKeyID + "\naws_secret_access_key = " + exampleSecret + "\n"

// fromProfileCase is one profile resolved from file text.
type fromProfileCase struct {
	name, config, credentials string
	env                       map[string]string
	profile                   string
	want                      Plan
}

func TestFromProfile(t *testing.T) {
	staticBase := Source{Kind: StaticKeys, Profile: "base", File: testCredsPath, Line: 3,
		AccessKeyID: exampleKeyID, SecretAccessKey: exampleSecret}
	cases := []fromProfileCase{
		{name: "two hops with every setting", profile: "dev", credentials: baseCredentials,
			config: "[profile mid]\nrole_arn = arn:aws:iam::111122223333:role/Mid\nsource_profile = base\nexternal_id = ext-EXAMPLE\n" +
				"mfa_serial = " + mfaSerial + "\nduration_seconds = 1800\nrole_session_name = mid-session\nregion = us-west-2\n\n" +
				"[profile dev]\nrole_arn = " + adminRole + "\nsource_profile = mid\nrole_session_name = jo\nduration_seconds = 900\nregion = eu-west-1\n",
			want: Plan{Profile: "dev", Source: staticBase, Region: "eu-west-1", Roles: []RoleHop{
				{Profile: "mid", RoleArn: "arn:aws:iam::111122223333:role/Mid", ExternalID: "ext-EXAMPLE", SessionName: "mid-session",
					MFASerial: mfaSerial, DurationSeconds: 1800},
				{Profile: "dev", RoleArn: adminRole, SessionName: "jo", DurationSeconds: 900}}}},
		{name: "keys with a session token, role that is its own source", profile: "self",
			credentials: "[self]\naws_access_key_id = " + exampleKeyID + "\naws_secret_access_key = " + exampleSecret +
				"\naws_session_token = token-EXAMPLE\nrole_arn = " + adminRole + "\nsource_profile = self\n",
			want: Plan{Profile: "self", Source: Source{Kind: StaticKeys, Profile: "self", File: testCredsPath, Line: 2,
				AccessKeyID: exampleKeyID, SecretAccessKey: exampleSecret, SessionToken: "token-EXAMPLE"},
				Roles: []RoleHop{{Profile: "self", RoleArn: adminRole}}}},
		{name: "keys with MFA and no role: an MFA session", profile: "base",
			credentials: baseCredentials + "mfa_serial = " + mfaSerial + "\n",
			want:        Plan{Profile: "base", Source: withMFA(staticBase)}},
		{name: "credential source", profile: "ec2",
			config: "[profile ec2]\nregion = eu-central-1\nrole_arn = " + adminRole + "\ncredential_source = Ec2InstanceMetadata\n",
			want: Plan{Profile: "ec2", Region: "eu-central-1", Source: Source{Kind: CredentialSource, Profile: "ec2",
				File: testConfigPath, Line: 4, CredentialSource: "Ec2InstanceMetadata"}, Roles: []RoleHop{{Profile: "ec2", RoleArn: adminRole}}}},
		{name: "credential process", profile: "r",
			config: "[profile proc]\ncredential_process = /opt/bin/creds --json\n[profile r]\nrole_arn = " + adminRole + "\nsource_profile = proc\n",
			want: Plan{Profile: "r", Source: Source{Kind: CredentialProcess, Profile: "proc", File: testConfigPath, Line: 2,
				Process: "/opt/bin/creds --json"}, Roles: []RoleHop{{Profile: "r", RoleArn: adminRole}}}},
		{name: "SSO through an sso-session", profile: "r",
			config: "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n" +
				"[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n" +
				"[profile r]\nrole_arn = " + adminRole + "\nsource_profile = sso\n",
			want: Plan{Profile: "r", Source: Source{Kind: SSO, Profile: "sso", File: testConfigPath, Line: 5,
				SSO: SSOSettings{SessionName: "corp", StartURL: "https://corp.awsapps.com/start", Region: "eu-west-1",
					AccountID: "111122223333", RoleName: "Dev"}}, Roles: []RoleHop{{Profile: "r", RoleArn: adminRole}}}},
		{name: "legacy SSO", profile: "old",
			config: "[profile old]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-2\nsso_account_id = 111122223333\nsso_role_name = Ro\n",
			want: Plan{Profile: "old", Source: Source{Kind: SSO, Profile: "old", File: testConfigPath, Line: 2,
				SSO: SSOSettings{StartURL: "https://old.awsapps.com/start", Region: "us-east-2", AccountID: "111122223333", RoleName: "Ro"}}}},
		{name: "web identity, and a role on top of it", profile: "top",
			config: "[profile wi]\nrole_arn = arn:aws:iam::111122223333:role/Web\nweb_identity_token_file = /var/run/token\nrole_session_name = ci\n" +
				"[profile top]\nrole_arn = " + adminRole + "\nsource_profile = wi\nexternal_id = ext-2\n",
			want: Plan{Profile: "top", Source: Source{Kind: WebIdentity, Profile: "wi", File: testConfigPath, Line: 3,
				WebIdentityTokenFile: "/var/run/token", WebIdentityRoleArn: "arn:aws:iam::111122223333:role/Web", WebIdentitySessionName: "ci"},
				Roles: []RoleHop{{Profile: "top", RoleArn: adminRole, ExternalID: "ext-2"}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkFromProfile(t, tc) })
	}
}

func withMFA(s Source) Source { s.MFASerial = mfaSerial; return s }

func checkFromProfile(t *testing.T, tc fromProfileCase) {
	t.Helper()
	got, err := FromProfile(testModel(tc.config, tc.credentials), tc.profile, envOf(tc.env))
	if err != nil {
		t.Fatalf("FromProfile(%q): %v", tc.profile, err)
	}
	if !reflect.DeepEqual(got, tc.want) {
		t.Errorf("FromProfile(%q) =\n%s\nwant\n%s", tc.profile, dumpPlan(got), dumpPlan(tc.want))
	}
}

// dumpPlan prints a plan with every field, secrets included (they are EXAMPLE values), for diffs.
func dumpPlan(p Plan) string {
	s := p.Source
	out := fmt.Sprintf("profile=%s region=%q endpoint=%q\nsource kind=%s profile=%s %s:%d key=%s secret=%s token=%s mfa=%s process=%q cs=%q sso=%+v wi=%q/%q/%q\n",
		p.Profile, p.Region, p.Endpoint, s.Kind, s.Profile, s.File, s.Line, s.AccessKeyID, s.SecretAccessKey, s.SessionToken,
		s.MFASerial, s.Process, s.CredentialSource, s.SSO, s.WebIdentityTokenFile, s.WebIdentityRoleArn, s.WebIdentitySessionName)
	for _, h := range p.Roles {
		out += fmt.Sprintf("  hop %+v\n", h)
	}
	return out
}

// Region: AWS_REGION, then AWS_DEFAULT_REGION, then the profile's (as aws-sdk-go-v2 and the CLI read it).
func TestFromProfileRegion(t *testing.T) {
	config := "[profile r]\nrole_arn = " + adminRole + "\nsource_profile = base\nregion = eu-west-1\n[profile bare]\nrole_arn = " +
		adminRole + "\nsource_profile = base\n"
	cases := []struct {
		profile string
		env     map[string]string
		want    string
	}{
		{"r", nil, "eu-west-1"},
		{"r", map[string]string{"AWS_DEFAULT_REGION": "us-west-1"}, "us-west-1"},
		{"r", map[string]string{"AWS_DEFAULT_REGION": "us-west-1", "AWS_REGION": "ap-south-1"}, "ap-south-1"},
		{"r", map[string]string{"AWS_REGION": ""}, "eu-west-1"},
		{"bare", nil, ""},
		{"bare", map[string]string{"AWS_DEFAULT_REGION": "ca-central-1"}, "ca-central-1"},
	}
	m := testModel(config, baseCredentials)
	for _, tc := range cases {
		got, err := FromProfile(m, tc.profile, envOf(tc.env))
		if err != nil || got.Region != tc.want {
			t.Errorf("profile %s with env %v: region %q (%v), want %q", tc.profile, tc.env, got.Region, err, tc.want)
		}
	}
}

// The STS endpoint, in aws-sdk-go-v2's order.
func TestFromProfileEndpoint(t *testing.T) {
	config := "[profile r]\nrole_arn = " + adminRole + "\nsource_profile = base\nservices = local\nendpoint_url = http://profile.example\n" +
		"[services local]\nsts =\n  endpoint_url = http://sts.example:4566\ns3 =\n  endpoint_url = http://s3.example\n" +
		"[profile plain]\nrole_arn = " + adminRole + "\nsource_profile = base\nendpoint_url = http://profile.example\n" +
		"[profile ignoring]\nrole_arn = " + adminRole + "\nsource_profile = base\nservices = local\nignore_configured_endpoint_urls = true\n"
	cases := []struct {
		profile string
		env     map[string]string
		want    string
	}{
		{"r", nil, "http://sts.example:4566"},
		{"plain", nil, "http://profile.example"},
		{"r", map[string]string{"AWS_ENDPOINT_URL": "http://global.example"}, "http://global.example"},
		{"r", map[string]string{"AWS_ENDPOINT_URL": "http://global.example", "AWS_ENDPOINT_URL_STS": "http://env-sts.example"}, "http://env-sts.example"},
		{"ignoring", map[string]string{"AWS_ENDPOINT_URL_STS": "http://env-sts.example"}, ""},
		{"ignoring", map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"}, "http://sts.example:4566"},
		{"r", map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}, ""},
	}
	m := testModel(config, baseCredentials)
	for _, tc := range cases {
		got, err := FromProfile(m, tc.profile, envOf(tc.env))
		if err != nil || got.Endpoint != tc.want {
			t.Errorf("profile %s with env %v: endpoint %q (%v), want %q", tc.profile, tc.env, got.Endpoint, err, tc.want)
		}
	}
}

// Profiles that cannot be assumed give errors that name the diagnostic, its code and its line.
func TestFromProfileErrors(t *testing.T) {
	config := "[profile dangling]\nrole_arn = " + adminRole + "\nsource_profile = bsae\n" +
		"[profile a]\nrole_arn = " + adminRole + "\nsource_profile = b\n[profile b]\nrole_arn = " + adminRole + "\nsource_profile = a\n" +
		"[profile hour]\nrole_arn = " + adminRole + "\nsource_profile = base\nduration_seconds = 1h\n" +
		"[profile nosess]\nsso_session = gone\nsso_account_id = 111122223333\nsso_role_name = Dev\n" +
		"[profile lonely]\nrole_arn = " + adminRole + "\n"
	m := testModel(config, baseCredentials)
	cases := []struct{ profile, want string }{
		{"dangling", `[source-profile-missing] (/home/jo/.aws/config:3)`},
		{"a", `[source-profile-cycle]`},
		{"hour", `[duration-invalid] (/home/jo/.aws/config:13)`},
		{"nosess", `[sso-session-missing] (/home/jo/.aws/config:15)`},
		{"lonely", `[role-without-source]`},
	}
	for _, tc := range cases {
		_, err := FromProfile(m, tc.profile, envOf(nil))
		var pe *PlanError
		if !errors.As(err, &pe) || pe.Reason() != ReasonProfileInvalid || pe.Profile != tc.profile {
			t.Errorf("profile %s: error %v (%T), want a PlanError for it", tc.profile, err, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), fmt.Sprintf("profile %q cannot be assumed", tc.profile)) {
			t.Errorf("profile %s: %q does not name %s", tc.profile, err, tc.want)
		}
	}
	if _, err := FromProfile(m, "dangling", envOf(nil)); !strings.Contains(err.Error(), `"base"`) {
		t.Errorf("the missing source's error does not suggest \"base\": %v", err)
	}
}

func TestFromProfileNotFound(t *testing.T) {
	m := testModel("[profile dev-admin]\nregion = eu-west-1\n[profile prod]\nregion = eu-west-1\n", baseCredentials)
	_, err := FromProfile(m, "dev_admn", envOf(nil))
	reason, data, ok := ErrorData(err)
	if !ok || reason != ReasonProfileNotFound || data["profile"] != "dev_admn" || data["suggestion"] != "dev-admin" {
		t.Errorf("error %v: reason %q data %v, want profile-not-found suggesting dev-admin", err, reason, data)
	}
	_, err = FromProfile(m, "zzzzzz", envOf(nil))
	if _, data, _ := ErrorData(err); data["suggestion"] != nil {
		t.Errorf("nothing is close to zzzzzz, yet %v was suggested", data["suggestion"])
	}
}

// Nothing about a plan error or a not-found error carries a secret, even when the source has keys.
func TestFromProfileErrorsHoldNoSecret(t *testing.T) {
	m := testModel("[profile r]\nrole_arn = \nsource_profile = base\n", baseCredentials)
	_, err := FromProfile(m, "r", envOf(nil))
	if err == nil {
		t.Fatal("an empty role_arn was accepted")
	}
	assertNoSecret(t, "plan error", err.Error())
}
