package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
)

// In a file of many MFA roles the hint comes once, names the count, and points at a bounded number of
// the others: its size does not grow with the file.
func TestTheMFATokenProviderHintComesOncePerFile(t *testing.T) {
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "[profile r%d]\nrole_arn = arn:aws:iam::111122223333:role/R%d\nsource_profile = base\nmfa_serial = arn:aws:iam::111122223333:mfa/jo\nregion = eu-west-1\n", i, i)
	}
	m := awsfiles.NewModel(awsfiles.ParseString(awsfiles.ConfigFile, "config", b.String()), awsfiles.ParseString(awsfiles.CredentialsFile, "credentials",
		"[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"))
	var hints []Diagnostic
	for _, d := range Check(m) {
		if d.Code == "mfa-token-provider" {
			hints = append(hints, d)
		}
	}
	if len(hints) != 1 {
		t.Fatalf("%d mfa-token-provider hints, want 1", len(hints))
	}
	h := hints[0]
	if !strings.HasPrefix(h.Message, `Profile "r0" and 1999 more need an MFA code;`) || len(h.Related) != maxMFARelated || h.Range.Start.Line != 3 {
		t.Errorf("the hint: %q at line %d with %d related, want r0 and 1999 more at line 3 with %d related",
			FirstSentence(h.Message), h.Range.Start.Line, len(h.Related), maxMFARelated)
	}
}
