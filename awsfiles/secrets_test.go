package awsfiles

import (
	"encoding/json"
	"os"
	"testing"
)

// One table for the whole secret policy: what is a secret, and what a shown value looks like.
func TestSecretPolicy(t *testing.T) {
	for _, c := range []struct{ key, value, shown string }{
		{"aws_secret_access_key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "(hidden)"},
		{"AWS_Secret_Access_Key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "(hidden)"}, // a key in the wrong case
		{"aws_secret_acess_key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "(hidden)"},  // misspelt
		{"aws_session_token", "FwoGZXIvYXdzEXAMPLE", "(hidden)"},
		{"aws_security_token", "FwoGZXIvYXdzEXAMPLE", "(hidden)"},
		{"azure_default_password", "hunter2", "(hidden)"},
		{"okta_password", "hunter2", "(hidden)"}, // a tool's key the table does not list
		{"web_identity_token_file", "/var/run/token", "/var/run/token"},
		{"region", "eu-west-1", "eu-west-1"},
		{"aws_access_key_id", "AKIAIOSFODNN7EXAMPLE", "AKIA…MPLE"},
		{"AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "AKIA…MPLE"},
		{"aws_access_key_id", "AKIA0123456789AB", "AKIA…89AB"}, // the shortest real key ID: 16 characters
		{"aws_access_key_id", "AKIA0123456789A", "…"},          // shorter: the ends would give away too much
		{"aws_access_key_id", "AKIA", "…"},
		{"aws_access_key_id", "", "…"},
		{"aws_access_key_id", "ÄKIAIOSFODNN7EXAMPLÉ", "ÄKIA…MPLÉ"}, // characters, not bytes: never half a character
	} {
		if got := ShownValue(c.key, c.value); got != c.shown {
			t.Errorf("ShownValue(%q, %q) = %q, want %q", c.key, c.value, got, c.shown)
		}
		if secret := c.shown == "(hidden)"; IsSecret(c.key) != secret {
			t.Errorf("IsSecret(%q) = %v, want %v", c.key, !secret, secret)
		}
	}
}

// The mask is one rule, written down once as data: the extension's test reads the same file, so the
// editor never shows more of a key than the CLI or the server does.
func TestMaskedKeyIDsAsEveryPartShowsThem(t *testing.T) {
	var table struct {
		Cases []struct{ ID, Shown string }
	}
	data, err := os.ReadFile("testdata/masked-key-ids.json")
	if err == nil {
		err = json.Unmarshal(data, &table)
	}
	if err != nil || len(table.Cases) == 0 {
		t.Fatalf("testdata/masked-key-ids.json: %v", err)
	}
	for _, c := range table.Cases {
		if got := MaskAccessKeyID(c.ID); got != c.Shown {
			t.Errorf("MaskAccessKeyID(%q) = %q, want %q", c.ID, got, c.Shown)
		}
	}
}
