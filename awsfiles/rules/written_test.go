package rules

import (
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
)

// What Rolecall itself writes into a user's files draws no diagnostic: a managed Identity Center block,
// and the line a keychain import leaves.

// A block `rolecall sso setup` writes, beside the user's own sections, is clean.
func TestManagedBlockDrawsNoDiagnostic(t *testing.T) {
	before := "# my settings\n[default]\nregion  =  eu-west-1\n\n[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n"
	var block []awsfiles.BlockSection
	for _, role := range []string{"Admin", "ReadOnly"} {
		block = append(block, awsfiles.BlockSection{Header: "profile " + role, Values: []awsfiles.KeyValue{{Key: "sso_session", Value: "corp"},
			{Key: "sso_account_id", Value: "111122223333"}, {Key: "sso_role_name", Value: role}}})
	}
	out, err := awsfiles.SetManagedBlock(awsfiles.Parse(awsfiles.ConfigFile, "config", []byte(before)), "sso-session corp", block)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range Check(model(string(out)+"\n[profile mine]\nregion = us-east-1\n", "")) {
		if d.Severity <= SeverityWarning {
			t.Errorf("the written file draws %s: %s", format(d), d.Message)
		}
	}
}

// A profile whose keys `rolecall keys import` moved into the keychain is clean: the credential_process
// line it leaves in the credentials file is there on purpose.
func TestImportedProfileDrawsNoDiagnostic(t *testing.T) {
	creds := "[base]\n# managed by rolecall: keys in keychain\ncredential_process = rolecall credential-process --from-keychain --profile base\n"
	if diags := Check(model("[default]\nregion = eu-west-1\n", creds)); len(diags) != 0 {
		t.Errorf("an imported profile draws %d diagnostics, the first: %s %s", len(diags), diags[0].Code, diags[0].Message)
	}
}
