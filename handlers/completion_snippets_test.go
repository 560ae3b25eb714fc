package handlers

import (
	"regexp"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
)

// A snippet, with its placeholders filled with their defaults, must be a clean profile: a template
// that Rolecall itself would flag is no help.
func TestConfigSnippetsAreClean(t *testing.T) {
	placeholder := regexp.MustCompile(`\$\{\d+:([^}]*)\}|\$\{\d+\|([^,|]*)[^}]*\}`)
	credentials := "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
	for _, s := range configSnippets() {
		body := placeholder.ReplaceAllString(s.Body, "$1$2")
		if strings.Contains(body, "$") {
			t.Fatalf("%s: unexpanded placeholder in %q", s.Label, body)
		}
		m := awsfiles.NewModel(awsfiles.ParseString(awsfiles.ConfigFile, "config", body),
			awsfiles.ParseString(awsfiles.CredentialsFile, "credentials", credentials))
		for _, d := range rules.Check(m) {
			if d.Severity <= rules.SeverityWarning {
				t.Errorf("snippet %q: %s at line %d: %s", s.Label, d.Code, d.Range.Start.Line+1, d.Message)
			}
		}
	}
}
