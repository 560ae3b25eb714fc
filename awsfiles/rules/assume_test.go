package rules

import (
	"strings"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
)

func TestRoleARNShapes(t *testing.T) {
	valid := []string{
		"arn:aws:iam::111122223333:role/Admin",
		"arn:aws:iam::111122223333:role/team/sub/Admin",
		"arn:aws-us-gov:iam::111122223333:role/GovAdmin",
		"arn:aws-iso-b:iam::111122223333:role/A+b=c,d.e@f_g-h",
		"arn:aws-eusc:iam::111122223333:role/" + strings.Repeat("n", 64),
	}
	for _, v := range valid {
		if pr := roleARNProblem(v); pr != nil {
			t.Errorf("roleARNProblem(%q) = %q, want valid", v, pr.msg)
		}
	}
	cases := []struct{ value, on, says, fix string }{
		{"arn:aws:iam::111122223333:user/jo", "user", "a user's ARN; name a role", ""},
		{"arn:aws:iam::111122223333:instance-profile/Web", "instance-profile", "instance profile's ARN", ""},
		{"arn:aws:iam::111122223333:group/Admins", "group", "must start with role/", ""},
		{"arn:aws:iam:us-east-1:111122223333:role/A", "us-east-1", "IAM ARNs have no region", "arn:aws:iam::111122223333:role/A"},
		{"arn:aws:iam::1111 2222 3333:role/A", "1111 2222 3333", "separators; write 111122223333", "arn:aws:iam::111122223333:role/A"},
		{"arn:aws:iam::0111122223333:role/A", "0111122223333", "has 13 digits", ""},
		{"arn:aws:iam::my-alias:role/A", "my-alias", "account alias", ""},
		{"arn:aws:iam:::role/A", ":", "account ID is missing", ""},
		{"arn:AWS:iam::111122223333:role/A", "AWS", `did you mean "aws"?`, "arn:aws:iam::111122223333:role/A"},
		{"arn:amazon:iam::111122223333:role/A", "amazon", "not an AWS partition", ""},
		{"arn:aws:s3::111122223333:role/A", "s3", "must be iam", ""},
		{"arn:aws:iam::111122223333:role/", "role/", "role name is missing", ""},
		{"arn:aws:iam::111122223333:role/Admin Role", " ", `not " "`, ""},
		{"arn:aws:iam::111122223333:role/" + strings.Repeat("n", 65), strings.Repeat("n", 65), "at most 64", ""},
		{"arn:aws:iam::111122223333:role/pa th/A", " ", "printable ASCII", ""},
		{"arn:aws:iam::111122223333", "arn:aws:iam::111122223333", "not an ARN", ""},
		{"Admin", "Admin", "a name, not an ARN", ""},
		{"arn:aws:sts::111122223333:assumed-role/Admin/jo", "arn:aws:sts::111122223333:assumed-role/Admin/jo", "assumed-role session", ""},
	}
	for _, c := range cases {
		config := "[profile p]\nrole_arn = " + c.value + "\ncredential_source = Environment\n"
		d := expectOne(t, config, "", "role-arn-invalid", c.on, c.says, "STS rejects it")
		if c.fix != "" {
			if f := preferredFix(t, d); f.Edits[0].NewText != c.fix {
				t.Errorf("%q: fix writes %q, want %q", c.value, f.Edits[0].NewText, c.fix)
			}
		}
	}
	expectNone(t, "[profile p]\nrole_arn =\n", "", "role-arn-invalid") // empty-value's
	expectNone(t, "[profile p]\nrole_arn =\n", "", "role-without-source")
}

func TestMFASerialShapes(t *testing.T) {
	for _, v := range []string{"arn:aws:iam::111122223333:mfa/jo", "arn:aws-cn:iam::111122223333:mfa/path/jo.doe", "GAHT12345678", "SMS-MFA-123456"} {
		if pr := mfaSerialProblem(v); pr != nil {
			t.Errorf("mfaSerialProblem(%q) = %q, want valid", v, pr.msg)
		}
	}
	cases := []struct{ value, on, says string }{
		{"arn:aws:iam::111122223333:user/jo", "user", "change user/ to mfa/"},
		{"arn:aws:iam::111122223333:u2f/root/Key", "u2f", "FIDO security key"},
		{"arn:aws:iam::111122223333:mfa/", "mfa/", "device name is missing"},
		{"arn:aws:iam::11112222333:mfa/jo", "11112222333", "has 11 digits"},
		{"arn:aws:iam::111122223333", "arn:aws:iam::111122223333", "not a complete ARN"},
		{"GAHT 12345678", " ", `not " "`},
		{"jo:12345678", "jo:12345678", "neither a device ARN"},
		{"123456", "123456", "6 characters long"},
	}
	for _, c := range cases {
		expectOne(t, "[profile p]\n"+testRole+"credential_source = Environment\nmfa_serial = "+c.value+"\n", "", "mfa-serial-invalid", c.on, c.says)
	}
}

func TestDurationReadings(t *testing.T) {
	cases := []struct {
		value string
		sev   Severity // 0: no diagnostic
		fix   string   // preferred fix, "" for none
		says  string
	}{
		{"900", 0, "", ""},
		{"960", 0, "", ""},
		{"43200", 0, "", ""},
		{"899", SeverityError, "900", "The AWS CLI refuses it"},
		{"901", SeverityWarning, "", "aws-sdk-go-v2 requests 900 s"},
		{"43201", SeverityError, "3600", "over the 43200 maximum"},
		{"99999999999", SeverityError, "3600", "over the 43200 maximum"},
		{"01200", SeverityWarning, "1200", "reads 640 and requests 900 s"},
		{"0900", SeverityWarning, "900", "cannot read it"},
		{"0600", SeverityError, "900", "reads 600 and refuses it"},
		{"0x384", SeverityWarning, "900", "ignores it (STS then grants 3600 s)"},
		{"0x1C20", SeverityWarning, "7200", "requests 7200 s"},
		{"2h", SeverityWarning, "7200", "cannot read it"},
		{"10m", SeverityWarning, "900", "ignores it"},
		{"3600.0", SeverityWarning, "3600", "cannot read it"},
		{"+3600", SeverityInformation, "3600", "reads 3600"},
		{"3_600", SeverityInformation, "3600", "requests 3600 s"},
		{"-5", SeverityError, "900", "reads -5 and refuses it"},
		{"one hour", SeverityWarning, "", "write seconds from 900 to 43200"},
	}
	for _, c := range cases {
		config := "[profile p]\n" + testRole + "credential_source = Environment\nduration_seconds = " + c.value + "\n"
		ds := codeDiags(config, "", "duration-invalid")
		if c.sev == 0 {
			if len(ds) > 0 {
				t.Errorf("%q: %s", c.value, dump(ds))
			}
			continue
		}
		if len(ds) != 1 || ds[0].Severity != c.sev || !strings.Contains(ds[0].Message, c.says) || rangeText(ds[0]) != c.value {
			t.Errorf("%q: got\n%s want one %s saying %q", c.value, dump(ds), c.sev, c.says)
			continue
		}
		var got string
		for _, f := range ds[0].Fixes {
			if f.Preferred {
				got = f.Edits[0].NewText
			}
		}
		if got != c.fix {
			t.Errorf("%q: preferred fix writes %q, want %q", c.value, got, c.fix)
		}
	}
}

func TestPythonIntMatchesBotocore(t *testing.T) {
	cases := map[string]int64{"1200": 1200, "01200": 1200, "+5": 5, "-5": -5, "1_000": 1000, "0": 0}
	for in, want := range cases {
		if got, ok := pythonInt(in); !ok || got != want {
			t.Errorf("pythonInt(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "_1", "1_", "1__0", "0x10", "1h", "3600.0", "+-1", "--1"} {
		if got, ok := pythonInt(in); ok {
			t.Errorf("pythonInt(%q) = %d, want a ValueError", in, got)
		}
	}
}

func TestDurationChainedSaysWhichHop(t *testing.T) {
	keys := "[base]\n" + testKeys
	three := "[profile a]\n" + testRole + "source_profile = base\n[profile b]\n" + testRole + "source_profile = a\n" +
		"[profile c]\n" + testRole + "source_profile = b\nduration_seconds = 7200\n"
	expectOne(t, three, keys, "duration-chained", "7200", `session of role profile "b"`, "hop 3 of 3 in c → b → a → base")
	// The first hop from keys is not chained, whatever its duration.
	expectNone(t, "[profile a]\n"+testRole+"source_profile = base\nduration_seconds = 43200\n", keys, "duration-chained")
	expectNone(t, "[profile a]\n"+testRole+"credential_source = Environment\nduration_seconds = 7200\n", "", "duration-chained")
	// Instance credentials are a role session: a warning, not an error.
	d := expectOne(t, "[profile a]\n"+testRole+"credential_source = Ec2InstanceMetadata\nduration_seconds = 7200\n", "", "duration-chained", "7200", "Ec2InstanceMetadata")
	if d.Severity != SeverityWarning {
		t.Errorf("severity %s, want warning", d.Severity)
	}
	// Only aws-sdk-go-v2 chains through a source with keys and role_arn.
	d = expectOne(t, "[profile src]\n"+testRole+"source_profile = src\n[profile a]\n"+testRole+"source_profile = src\nduration_seconds = 7200\n",
		"[src]\n"+testKeys, "duration-chained", "7200", "aws-sdk-go-v2 first assumes the role of source profile \"src\"")
	if d.Severity != SeverityWarning {
		t.Errorf("severity %s, want warning", d.Severity)
	}
}

func TestSessionNameAndExternalID(t *testing.T) {
	base := "[profile p]\n" + testRole + "credential_source = Environment\n"
	for _, ok := range []string{"jo", "jo.doe@example.com", "a+b=c,d.e@f_g-h", strings.Repeat("s", 64), ""} {
		expectNone(t, base+"role_session_name = "+ok+"\n", "", "session-name-invalid")
	}
	d := expectOne(t, base+"role_session_name = jo/doe\n", "", "session-name-invalid", "/", `not contain "/"`)
	if f := preferredFix(t, d); f.Edits[0].NewText != "jo-doe" {
		t.Errorf("fix = %q", f.Edits[0].NewText)
	}
	expectOne(t, base+"role_session_name = "+strings.Repeat("s", 65)+"\n", "", "session-name-invalid", strings.Repeat("s", 65), "at most 64")
	for _, ok := range []string{"partner-42", "urn:a/b+c=d,e.f@g", strings.Repeat("x", 1224)} {
		expectNone(t, base+"external_id = "+ok+"\n", "", "external-id-invalid")
	}
	expectOne(t, base+"external_id = a b\n", "", "external-id-invalid", " ", "trust policy")
	expectOne(t, base+"external_id = "+strings.Repeat("x", 1225)+"\n", "", "external-id-invalid", strings.Repeat("x", 1225), "at most 1224")
	// Empty values, quoted or not, are empty-value's.
	for _, empty := range []string{"", `""`} {
		for key, code := range map[string]string{"external_id": "external-id-invalid", "mfa_serial": "mfa-serial-invalid",
			"credential_source": "credential-source-invalid", "role_session_name": "session-name-invalid", "role_arn": "role-arn-invalid"} {
			if _, ok := codes[code]; !ok {
				t.Fatalf("no code %s", code)
			}
			expectNone(t, base+key+" = "+empty+"\n", "", code)
		}
	}
}

func TestSourceCombinations(t *testing.T) {
	keys := "[base]\n" + testKeys
	// Web identity with a source: web-identity-conflict, not source-conflict.
	webBoth := "[profile w]\n" + testRole + "web_identity_token_file = /tmp/t\nsource_profile = base\ncredential_source = Environment\n"
	expectNone(t, webBoth, keys, "source-conflict")
	if n := len(codeDiags(webBoth, keys, "web-identity-conflict")); n != 2 {
		t.Errorf("web-identity-conflict fired %d times, want 2", n)
	}
	expectNone(t, webBoth, keys, "role-without-source")
	// role_arn + SSO settings and no source.
	expectOne(t, "[profile s]\n"+testRole+"sso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 111122223333\nsso_role_name = R\n",
		"", "role-without-source", "role_arn", "on top of the SSO settings")
	// Empty values count as unset for aws-sdk-go-v2: no source-without-role.
	expectNone(t, "[profile p]\nsource_profile =\ncredential_source =\n", "", "source-without-role")
	// source_profile in the credentials file without role_arn anywhere.
	d := expectOne(t, "", "[p]\nsource_profile = base\n"+keys, "source-without-role", "source_profile", "credential type source_profile requires role_arn")
	if d.File.Kind != awsfiles.CredentialsFile {
		t.Errorf("reported in %s", d.File.Kind)
	}
	// A profile with keys and role_arn that is no one's source: the AWS CLI's own problem is
	// role-without-source; source-has-role-and-keys needs a user.
	expectNone(t, "[profile k]\n"+testRole+"source_profile = k\n", "[k]\n"+testKeys, "source-has-role-and-keys")
	// role-without-source's preferred fix (a self-reference) makes both tools agree.
	d = expectOne(t, "[profile k]\n"+testRole+"region = eu-west-1", "[k]\n"+testKeys, "role-without-source", "role_arn", "own keys")
	if f := preferredFix(t, d); f.Edits[0].NewText != "\nsource_profile = k" {
		t.Errorf("fix = %q", f.Edits[0].NewText)
	}
}

func TestCredentialSourceFixes(t *testing.T) {
	for in, want := range map[string]string{"ENVIRONMENT": "Environment", "ec2instancemetadata": "Ec2InstanceMetadata", "Ec2InstanceMetdata": "Ec2InstanceMetadata", "ecs_container": "EcsContainer"} {
		d := expectOne(t, "[profile p]\n"+testRole+"credential_source = "+in+"\n", "", "credential-source-invalid", in, `did you mean "`+want+`"?`)
		if f := preferredFix(t, d); f.Edits[0].NewText != want {
			t.Errorf("%s: fix %q", in, f.Edits[0].NewText)
		}
	}
	for _, ok := range credentialSources {
		expectNone(t, "[profile p]\n"+testRole+"credential_source = "+ok+"\n", "", "credential-source-invalid")
	}
}

func TestSSOIncompleteVariants(t *testing.T) {
	session := "[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n"
	use := "[profile p]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = R\n"
	expectNone(t, use+"sso_region = eu-west-1\nsso_start_url = https://example.awsapps.com/start\n"+session, "", "sso-incomplete")
	expectOne(t, use+"sso_start_url = https://other.awsapps.com/start\n"+session, "", "sso-incomplete",
		"https://other.awsapps.com/start", "sso_start_url in profile \"p\" must match")
	// A profile that only names the session (for `aws sso login` or bearer tokens) is complete.
	expectNone(t, "[profile login]\nsso_session = corp\n"+session, "", "sso-incomplete")
	// A session without both settings.
	expectOne(t, "[sso-session bare]\nsso_registration_scopes = sso:account:access\n", "", "sso-incomplete", "bare", "no sso_start_url and sso_region")
}

func TestRefsAndAssumeMessagesNeverHoldSecrets(t *testing.T) {
	config := "[profile a]\nrole_arn = arn:aws:iam::1:user/x\nsource_profile = b\nduration_seconds = 1h\nmfa_serial = x\nexternal_id = a b\n" +
		"[profile b]\n" + testRole + "source_profile = a\ncredential_source = env\n"
	creds := "[b]\n" + testKeys + "aws_session_token = FwoGZXIvYXdzEXAMPLETOKEN\n[a]\n" + testKeys
	for _, d := range Check(model(config, creds)) {
		for _, secret := range []string{"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAIOSFODNN7EXAMPLE", "FwoGZXIvYXdzEXAMPLETOKEN"} {
			if strings.Contains(d.Message, secret) {
				t.Errorf("%s leaks a secret: %s", d.Code, d.Message)
			}
		}
	}
}
