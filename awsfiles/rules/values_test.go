package rules

import (
	"strings"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
)

// valueCase is one pair of files and the diagnostics of one code they must draw (FILE:LINE:COL-LINE:COL
// SEVERITY CODE, as in testdata/rules), nothing more and nothing less of that code.
type valueCase struct {
	name          string
	config, creds string
	want          []string
}

func runValueCases(t *testing.T, code string, cases []valueCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, d := range Check(model(tc.config, tc.creds)) {
				if d.Code == code {
					got = append(got, format(d))
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

const (
	exID     = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
	exSecret = "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
)

func TestPartialKeysFollowsBothToolsAcrossFiles(t *testing.T) {
	runValueCases(t, "partial-keys", []valueCase{
		{name: "a lone key ID in the credentials file breaks the config file's pair",
			config: "[profile a]\n" + exID + exSecret, creds: "[a]\n" + exID,
			want: []string{"credentials:2:1-2:18 error partial-keys"}},
		{name: "a lone secret in the credentials file breaks aws-sdk-go-v2",
			config: "[profile a]\n" + exID + exSecret, creds: "[a]\n" + exSecret,
			want: []string{"credentials:2:1-2:22 error partial-keys"}},
		{name: "a lone secret in the config file",
			config: "[profile a]\n" + exSecret,
			want:   []string{"config:2:1-2:22 error partial-keys"}},
		{name: "a credentials section without keys does not complete the config file's lone key",
			config: "[profile a]\n" + exID, creds: "[a]\nregion = eu-west-1\n",
			want: []string{"config:2:1-2:18 error partial-keys"}},
		{name: "a complete pair in the credentials file covers a lone key in the config file",
			config: "[profile a]\n" + exID, creds: "[a]\n" + exID + exSecret},
		{name: "presence counts, not the value: an empty secret still completes the pair",
			creds: "[a]\n" + exID + "aws_secret_access_key =\n"},
		{name: "a session token in the credentials file, keys in the config file",
			config: "[profile a]\n" + exID + exSecret, creds: "[a]\naws_session_token = EXAMPLETOKEN\n",
			want: []string{"credentials:2:1-2:18 warning partial-keys"}},
		{name: "a session token without any keys",
			creds: "[a]\naws_session_token = EXAMPLETOKEN\n",
			want:  []string{"credentials:2:1-2:18 warning partial-keys"}},
		{name: "both token names next to the pair",
			creds: "[a]\n" + exID + exSecret + "aws_session_token = EXAMPLETOKEN\naws_security_token = EXAMPLETOKEN\n"},
		{name: "a key pair in an sso-session section is not a profile's",
			config: "[sso-session s]\n" + exID},
	})
}

func TestPartialKeysMessagesNeverHoldSecrets(t *testing.T) {
	m := model("[profile a]\n"+exSecret+"aws_session_token = EXAMPLETOKENVALUE\n", "[a]\n"+exID)
	for _, d := range Check(m) {
		for _, secret := range []string{"wJalrXUtnFEMI", "EXAMPLETOKENVALUE", "AKIAIOSFODNN7EXAMPLE"} {
			if strings.Contains(d.Message, secret) {
				t.Errorf("%s message holds %q: %s", d.Code, secret, d.Message)
			}
		}
	}
}

func TestSecretInConfig(t *testing.T) {
	runValueCases(t, "secret-in-config", []valueCase{
		{name: "legacy token name", config: "[default]\naws_security_token = EXAMPLETOKEN\n",
			want: []string{"config:2:1-2:19 warning secret-in-config"}},
		{name: "an empty secret holds nothing", config: "[default]\naws_secret_access_key =\n"},
		{name: "an access key ID alone is not a secret", config: "[default]\n" + exID},
		{name: "secrets in the credentials file are where they belong", creds: "[default]\n" + exID + exSecret},
		{name: "a secret in a non-profile section leaks just as well", config: "[DEFAULT]\n" + exSecret,
			want: []string{"config:2:1-2:22 warning secret-in-config"}},
	})
}

func TestRegionInvalid(t *testing.T) {
	runValueCases(t, "region-invalid", []valueCase{
		{name: "upper case", config: "[default]\nregion = US-EAST-1\n",
			want: []string{"config:2:10-2:19 warning region-invalid"}},
		{name: "all digits fails botocore's pattern", config: "[default]\nregion = 123\n",
			want: []string{"config:2:10-2:13 error region-invalid"}},
		{name: "leading hyphen", config: "[default]\nregion = -eu-west-1\n",
			want: []string{"config:2:10-2:20 error region-invalid"}},
		{name: "nothing close", config: "[default]\nregion = mars-north-1\n",
			want: []string{"config:2:10-2:22 warning region-invalid"}},
		{name: "other partitions and global pseudo-regions",
			config: "[profile a]\nregion = us-gov-west-1\n[profile b]\nregion = cn-northwest-1\n[profile c]\nregion = eusc-de-east-1\n" +
				"[profile d]\nregion = us-isob-east-1\n[profile e]\nregion = aws-global\n"},
		{name: "a credentials-only profile", creds: "[a]\nregion = eu-wst-1\n",
			want: []string{"credentials:2:10-2:18 warning region-invalid"}},
		{name: "a config region overridden in the credentials file is read by neither tool",
			config: "[profile a]\nregion = nowhere-1\n", creds: "[a]\nregion = eu-west-1\n"},
		{name: "a valid region with an inline comment or quotes is other rules' business",
			config: "[profile a]\nregion = us-east-1 # home\n[profile b]\nregion = 'eu-west-1'\n"},
		{name: "legacy sso_region in a profile", config: "[profile a]\nsso_region = us-east-l\n",
			want: []string{"config:2:14-2:23 warning region-invalid"}},
		{name: "empty is empty-value's", config: "[profile a]\nregion =\n"},
	})
}

func TestRegionInvalidOffersTheSuggestionAsPreferredFix(t *testing.T) {
	m := model("[default]\r\nregion = us-east1\r\n", "")
	for _, d := range Check(m) {
		if d.Code != "region-invalid" {
			continue
		}
		if len(d.Fixes) != 1 || !d.Fixes[0].Preferred {
			t.Fatalf("fixes = %+v", d.Fixes)
		}
		out, err := awsfiles.ApplyEdits(m.Config.Src(), d.Fixes[0].Edits)
		if err != nil || string(out) != "[default]\r\nregion = us-east-1\r\n" {
			t.Fatalf("fixed = %q, %v", out, err)
		}
		return
	}
	t.Fatal("no region-invalid")
}

func TestEmptyValue(t *testing.T) {
	const role = "role_arn = arn:aws:iam::111122223333:role/R\n"
	runValueCases(t, "empty-value", []valueCase{
		{name: "credential_source beside role_arn", config: "[profile a]\n" + role + "credential_source =\n",
			want: []string{"config:3:1-3:18 error empty-value"}},
		{name: "credential_source without role_arn is ignored by both", config: "[profile a]\ncredential_source =\n"},
		{name: "an empty pair of quotes is empty", config: "[profile a]\nregion = \"\"\n",
			want: []string{"config:2:1-2:7 error empty-value"}},
		{name: "an empty region in the credentials file hides the config file's",
			config: "[profile a]\nregion = eu-west-1\n", creds: "[a]\nregion =\n",
			want: []string{"credentials:2:1-2:7 error empty-value"}},
		{name: "an empty config region overridden in the credentials file",
			config: "[profile a]\nregion =\n", creds: "[a]\nregion = eu-west-1\n"},
		{name: "an sso-session", config: "[sso-session s]\nsso_start_url =\nsso_region = us-east-1\n",
			want: []string{"config:2:1-2:14 error empty-value"}},
		{name: "typed settings one tool refuses", config: "[default]\ndefaults_mode =\ndisable_request_compression =\n",
			want: []string{"config:2:1-2:14 error empty-value", "config:3:1-3:28 error empty-value"}},
		{name: "settings where empty is harmless", config: "[default]\noutput =\ncli_pager =\nendpoint_url =\nca_bundle =\nrole_session_name =\n"},
		{name: "a nested block parent", config: "[default]\ns3 =\n  addressing_style = path\n"},
	})
}

func TestEmptyValueFixRemovesTheLine(t *testing.T) {
	m := model("[profile a]\nrole_arn = arn:aws:iam::111122223333:role/R\nsource_profile = b\nexternal_id =\nregion = eu-west-1\n", "[b]\n"+exID+exSecret)
	for _, d := range Check(m) {
		if d.Code != "empty-value" {
			continue
		}
		if len(d.Fixes) != 1 || !d.Fixes[0].Preferred {
			t.Fatalf("fixes = %+v", d.Fixes)
		}
		out, _ := awsfiles.ApplyEdits(m.Config.Src(), d.Fixes[0].Edits)
		if want := "[profile a]\nrole_arn = arn:aws:iam::111122223333:role/R\nsource_profile = b\nregion = eu-west-1\n"; string(out) != want {
			t.Fatalf("fixed = %q", out)
		}
		return
	}
	t.Fatal("no empty-value")
}

func TestUnknownKey(t *testing.T) {
	runValueCases(t, "unknown-key", []valueCase{
		{name: "spaces for underscores", config: "[default]\naws access key id = x\n",
			want: []string{"config:2:1-2:18 warning unknown-key"}},
		{name: "case is uppercase-key's business", config: "[default]\nRegion = us-east-1\n"},
		{name: "tool families", config: "[default]\nadfs_config.role_arn = x\ngranted_registry_url = x\nazure_default_username = jo\ncommon_fate_generated_from = x\n"},
		{name: "a hyphenated service identifier", config: "[services s]\nelastic-beanstalk =\n  endpoint_url = http://localhost:1\n",
			want: []string{"config:2:1-2:18 warning unknown-key"}},
		{name: "an unknown service with no close match", config: "[services s]\nquantumledgerx =\n  endpoint_url = http://localhost:1\n",
			want: []string{"config:2:1-2:15 information unknown-key"}},
		{name: "sections that are not profiles", config: "[plugins]\ncli_legacy_plugin_path = /x\n", creds: "[profile x]\nfoo = bar\n"},
		{name: "api_versions takes any service", config: "[default]\napi_versions =\n  ec2 = 2015-03-01\n"},
		{name: "an indented key after a value is a key to aws-sdk-go-v2", config: "[default]\nregion = us-east-1\n  outptu = json\n",
			want: []string{"config:3:3-3:9 warning unknown-key"}},
		{name: "a profile setting in an sso-session", config: "[sso-session s]\nregion = us-east-1\n",
			want: []string{"config:2:1-2:7 warning unknown-key"}},
		{name: "a role setting in the credentials file", creds: "[a]\nrole_arn = arn:aws:iam::111122223333:role/R\n",
			want: []string{"credentials:2:1-2:9 information unknown-key"}},
		{name: "tool keys in the credentials file", creds: "[a]\nmanager = awsume\nexpiration = 2030-01-01 00:00:00\naws_expiration = x\ntoken_expiration = x\n"},
	})
}

func TestUnknownKeyRenameFix(t *testing.T) {
	m := model("[default]\nsource-profile = base\n", "")
	for _, d := range Check(m) {
		if d.Code == "unknown-key" {
			out, _ := awsfiles.ApplyEdits(m.Config.Src(), d.Fixes[0].Edits)
			if string(out) != "[default]\nsource_profile = base\n" || !d.Fixes[0].Preferred {
				t.Fatalf("fixed = %q", out)
			}
			return
		}
	}
	t.Fatal("no unknown-key")
}

func TestCredentialsKeyIgnored(t *testing.T) {
	runValueCases(t, "credentials-key-ignored", []valueCase{
		{name: "aws_account_id beside a config section", config: "[profile a]\n", creds: "[a]\naws_account_id = 111122223333\n",
			want: []string{"credentials:2:1-2:15 warning credentials-key-ignored"}},
		{name: "a credentials-only profile", creds: "[a]\naws_account_id = 111122223333\n"},
		{name: "copied settings", config: "[profile a]\n", creds: "[a]\nregion = eu-west-1\nrole_arn = arn:aws:iam::111122223333:role/R\nmfa_serial = GAHT12345678\n"},
		{name: "settings Go never reads", config: "[profile a]\n", creds: "[a]\ncli_pager = less\n"},
		{name: "[default] in both files", config: "[default]\nregion = eu-west-1\n", creds: "[default]\nsdk_ua_app_id = tool\n",
			want: []string{"credentials:2:1-2:14 warning credentials-key-ignored"}},
	})
}

func TestCredentialsKeyIgnoredMovesTheLine(t *testing.T) {
	m := model("[profile a]\r\nregion = eu-west-1\r\ns3 =\r\n  addressing_style = path\r\n[profile b]\r\n", "[a]\naws_account_id = 111122223333\n")
	var found bool
	for _, d := range Check(m) {
		if d.Code != "credentials-key-ignored" {
			continue
		}
		found = true
		config, creds := m.Config.Src(), m.Credentials.Src()
		for _, e := range d.Fixes[0].Edits {
			if e.File.Kind == awsfiles.ConfigFile {
				config, _ = awsfiles.ApplyEdits(config, []awsfiles.Edit{e})
			} else {
				creds, _ = awsfiles.ApplyEdits(creds, []awsfiles.Edit{e})
			}
		}
		if want := "[profile a]\r\nregion = eu-west-1\r\ns3 =\r\n  addressing_style = path\r\naws_account_id = 111122223333\r\n[profile b]\r\n"; string(config) != want {
			t.Errorf("config = %q", config)
		}
		if string(creds) != "[a]\n" {
			t.Errorf("credentials = %q", creds)
		}
	}
	if !found {
		t.Fatal("no credentials-key-ignored")
	}
	// No move when the config section sets the key already: that would make a duplicate.
	m = model("[profile a]\naws_account_id = 444455556666\n", "[a]\naws_account_id = 111122223333\n")
	for _, d := range Check(m) {
		if d.Code == "credentials-key-ignored" && len(d.Fixes) != 0 {
			t.Errorf("a move was offered although the config file has the key: %+v", d.Fixes)
		}
	}
}

func TestValueInvalid(t *testing.T) {
	runValueCases(t, "value-invalid", []valueCase{
		{name: "case of an enumeration both tools compare exactly", config: "[default]\nretry_mode = Standard\n",
			want: []string{"config:2:14-2:22 error value-invalid"}},
		{name: "hex max_attempts: Go reads it, botocore does not", config: "[default]\nmax_attempts = 0x3\n",
			want: []string{"config:2:16-2:19 error value-invalid"}},
		{name: "a leading zero reads differently", config: "[default]\nmax_attempts = 010\n",
			want: []string{"config:2:16-2:19 warning value-invalid"}},
		{name: "zero attempts", config: "[default]\nmax_attempts = 0\n",
			want: []string{"config:2:16-2:17 error value-invalid"}},
		{name: "case-insensitive enumerations", config: "[default]\ndefaults_mode = In-Region\nec2_metadata_service_endpoint_mode = ipv4\nresponse_checksum_validation = When_Supported\n"},
		{name: "an unknown defaults_mode", config: "[default]\ndefaults_mode = fast\n",
			want: []string{"config:2:17-2:21 error value-invalid"}},
		{name: "compression sizes each tool accepts", config: "[default]\nrequest_min_compression_size_bytes = 2000000\n[profile b]\nrequest_min_compression_size_bytes = 20000000\n[profile c]\nrequest_min_compression_size_bytes = 4096\n",
			want: []string{"config:2:38-2:45 error value-invalid", "config:4:38-4:46 error value-invalid"}},
		{name: "a strict boolean", config: "[default]\ndisable_request_compression = yes\n",
			want: []string{"config:2:31-2:34 error value-invalid"}},
		{name: "lenient booleans", config: "[default]\nparameter_validation = no\ntcp_keepalive = TRUE\n",
			want: []string{"config:2:24-2:26 warning value-invalid"}},
		{name: "output and timestamps", config: "[default]\noutput = jsn\ncli_timestamp_format = none\n",
			want: []string{"config:2:10-2:13 error value-invalid"}},
		{name: "a non-integer metadata timeout", config: "[default]\nmetadata_service_timeout = 1.5\n",
			want: []string{"config:2:28-2:31 error value-invalid"}},
		{name: "a copied setting in the credentials file is the one both tools read",
			config: "[profile a]\nretry_mode = standard\n", creds: "[a]\nretry_mode = legacy\n",
			want: []string{"credentials:2:14-2:20 error value-invalid"}},
		{name: "a quoted value is checked without its quotes", config: "[default]\nretry_mode = \"adaptive\"\n"},
	})
}

func TestValueInvalidFixes(t *testing.T) {
	cases := map[string]struct {
		fixed     string
		preferred bool
	}{
		"[default]\nretry_mode = Standard\n":               {"[default]\nretry_mode = standard\n", true},
		"[default]\nretry_mode = legacy\n":                 {"[default]\nretry_mode = standard\n", false},
		"[default]\nuse_dualstack_endpoint = 1\n":          {"[default]\nuse_dualstack_endpoint = true\n", true},
		"[default]\nendpoint_url = localhost:4566\n":       {"[default]\nendpoint_url = http://localhost:4566\n", true},
		"[default]\nmax_attempts = 0x5\n":                  {"[default]\nmax_attempts = 5\n", true},
		"[default]\noutput = tabel\n":                      {"[default]\noutput = table\n", true},
		"[default]\naccount_id_endpoint_mode = REQUIRED\n": {"[default]\naccount_id_endpoint_mode = required\n", true},
	}
	for in, want := range cases {
		m := model(in, "")
		var ok bool
		for _, d := range Check(m) {
			if d.Code != "value-invalid" {
				continue
			}
			ok = true
			if len(d.Fixes) != 1 || d.Fixes[0].Preferred != want.preferred {
				t.Errorf("%q: fixes %+v", in, d.Fixes)
				continue
			}
			if out, _ := awsfiles.ApplyEdits(m.Config.Src(), d.Fixes[0].Edits); string(out) != want.fixed {
				t.Errorf("%q fixed to %q, want %q", in, out, want.fixed)
			}
		}
		if !ok {
			t.Errorf("%q: no value-invalid", in)
		}
	}
}

func TestPythonIntValue(t *testing.T) {
	for in, want := range map[string]int64{"3": 3, "+3": 3, "-2": -2, "010": 10, "1_000": 1000} {
		if got, ok := valPythonIntValue(in); !ok || got != want {
			t.Errorf("int(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "0x3", "1__0", "_1", "1_", "3.0", "1h", "+"} {
		if _, ok := valPythonIntValue(in); ok {
			t.Errorf("int(%q) accepted; Python raises ValueError", in)
		}
	}
}
