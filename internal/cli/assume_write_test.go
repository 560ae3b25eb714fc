package cli

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// --write-profile NAME must write a profile the AWS tools will use. A config profile that sets role_arn,
// SSO, credential_process, web identity, credential_source or login_session keeps getting its credentials
// from there whatever keys the credentials file holds, so Rolecall refuses it, before any request, and
// says why and what to do; --force-write-profile writes anyway.
func TestAssumeWriteProfileRefusesProfilesTheAWSToolsResolveOtherwise(t *testing.T) {
	t.Parallel()
	others := map[string]string{
		"role_arn":                "role_arn = " + adminRole + "\nsource_profile = base",
		"sso_session":             "sso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev",
		"sso_start_url":           "sso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 111122223333\nsso_role_name = Dev",
		"credential_process":      "credential_process = /usr/local/bin/get-creds",
		"web_identity_token_file": "web_identity_token_file = /var/run/token\nrole_arn = " + adminRole,
		"credential_source":       "credential_source = Environment\nrole_arn = " + adminRole,
		"login_session":           "login_session = arn:aws:iam::111122223333:user/jo",
	}
	config := twoHopConfig + "\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n"
	for key, body := range others {
		config += "\n[profile t-" + strings.ReplaceAll(key, "_", "-") + "]\n" + body + "\n"
	}
	f := newCLIFixture(t, config, baseCredentials)
	for key := range others {
		target := "t-" + strings.ReplaceAll(key, "_", "-")
		code, out, errOut := f.run("", "assume", "plain", "--write-profile", target)
		first, _, _ := strings.Cut(errOut, ";")
		want := "rolecall assume: cannot write the session to [" + target + "]: the AWS tools would use its " + key + " (" + f.path("config") + ":"
		if code != ExitUsage || out != "" || !strings.HasPrefix(first, want) {
			t.Errorf("--write-profile %s: exit %d, stdout %q, stderr %q; want 2 and a first sentence starting %q", target, code, out, errOut, want)
		}
		if !strings.Contains(errOut, "choose another name, such as plain-session") || !strings.Contains(errOut, "--force-write-profile") {
			t.Errorf("--write-profile %s: stderr does not say what to do: %q", target, errOut)
		}
	}
	if data, _ := os.ReadFile(f.path("credentials")); string(data) != baseCredentials {
		t.Errorf("a refused --write-profile changed the credentials file:\n%s", data)
	}
	if n := len(f.proxy.Calls("")); n != 0 {
		t.Errorf("%d STS requests for refused --write-profile targets", n)
	}

	f.mustRun("assume", "plain", "--write-profile", "t-credential-process", "--force-write-profile")
	if data, _ := os.ReadFile(f.path("credentials")); !strings.Contains(string(data), "[t-credential-process]\n# Managed by rolecall") {
		t.Errorf("--force-write-profile did not write the section:\n%s", data)
	}
}

// The written profile works on its own: the AWS CLI takes its keys from the credentials file and its
// region from the section, and STS knows the session as the assumed role.
func TestAWSCLIUsesTheWrittenProfileWithItsRegion(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	_, errOut := f.mustRun("assume", "dev", "--mfa-code", "123456", "--write-profile", "dev-session")
	if !strings.Contains(errOut, "use it with --profile dev-session") {
		t.Errorf("stderr: %q", errOut)
	}
	data, _ := os.ReadFile(f.path("credentials"))
	if !strings.Contains(string(data), "\nregion = eu-west-1\n") {
		t.Errorf("the written section has no region:\n%s", data)
	}
	delete(f.env, "AWS_ENDPOINT_URL_STS") // the profile alone must be enough; the endpoint is passed explicitly
	listing, err := f.awsCLI("configure", "list", "--profile", "dev-session")
	if err != nil {
		t.Fatalf("aws configure list: %v\n%s", err, listing)
	}
	for _, want := range []string{"shared-credentials-file", "eu-west-1"} {
		if !strings.Contains(listing, want) {
			t.Errorf("aws configure list --profile dev-session lacks %q:\n%s", want, listing)
		}
	}
	id, err := f.awsCLI("sts", "get-caller-identity", "--profile", "dev-session", "--endpoint-url", f.proxy.URL)
	if err != nil {
		t.Fatalf("aws sts get-caller-identity: %v\n%s", err, id)
	}
	var who struct{ Arn string }
	if json.Unmarshal([]byte(id), &who) != nil || !strings.Contains(who.Arn, ":assumed-role/Admin/") {
		t.Errorf("the AWS CLI is not the assumed role with --profile dev-session: %s", id)
	}
}
