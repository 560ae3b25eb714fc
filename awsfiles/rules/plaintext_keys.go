package rules

import (
	"strconv"

	"github.com/rolecall/rolecall/awsfiles"
)

// Long-term keys in the credentials file are legal and what `aws configure` writes; a quiet hint says
// they can live in the OS keychain instead. Never louder than a hint: nothing is wrong, and editors can
// turn it off (the rolecall.hints.plaintextKeys setting).

// CodePlaintextKeys is the code of that hint; the language server offers "Move these keys to the
// keychain" on it.
const CodePlaintextKeys = "plaintext-keys"

func checkPlaintextKeys(c *checker, p *awsfiles.Profile) {
	s := p.SectionIn(awsfiles.CredentialsFile)
	if s == nil || s.Managed() {
		return
	}
	id, secret := s.Lookup("aws_access_key_id"), s.Lookup("aws_secret_access_key")
	if id == nil || secret == nil || id.Value() == "" || secret.Value() == "" ||
		s.Lookup("aws_session_token") != nil || s.Lookup("aws_security_token") != nil {
		return // incomplete pairs are partial-keys'; temporary keys expire on their own
	}
	c.report(s.File, id.Line.Key(), SeverityHint, CodePlaintextKeys, "Profile "+strconv.Quote(p.Name)+
		" keeps long-term access keys in plaintext in the credentials file. To keep them in the OS keychain "+
		"instead, run `rolecall keys import "+awsfiles.ShellQuote(p.Name)+"` (or use the quick fix); every AWS tool keeps working.")
}
