package awsfiles

import "strconv"

// Long-term keys in the credentials file are legal and what `aws configure` writes; a quiet hint says
// they can live in the OS keychain instead. Never louder than a hint: nothing is wrong, and editors can
// turn it off (the rolecall.hints.plaintextKeys setting).

// CodePlaintextKeys is the code of that hint; the language server offers "Move these keys to the
// keychain" on it.
const CodePlaintextKeys = "plaintext-keys"

func checkPlaintextKeys(c *checker, p *Profile) {
	s := p.SectionIn(CredentialsFile)
	if s == nil || isManaged(s) {
		return
	}
	id, secret := s.Lookup("aws_access_key_id"), s.Lookup("aws_secret_access_key")
	if id == nil || secret == nil || id.Value() == "" || secret.Value() == "" ||
		s.Lookup("aws_session_token") != nil || s.Lookup("aws_security_token") != nil {
		return // incomplete pairs are partial-keys'; temporary keys expire on their own
	}
	c.report(s.File, id.Line.Key(), SeverityHint, CodePlaintextKeys, "Profile "+strconv.Quote(p.Name)+
		" keeps long-term access keys in plaintext in the credentials file. To keep them in the OS keychain "+
		"instead, run `rolecall keys import "+shellQuote(p.Name)+"` (or use the quick fix); every AWS tool keeps working.")
}

// ProfileAt names the profile whose section holds a 0-based line of a file ("" for lines before the
// first section): for turning a diagnostic back into the profile it is about.
func ProfileAt(f *File, line int) string {
	name := ""
	for _, s := range f.Sections {
		if s.Header == nil {
			continue
		}
		if s.Header.Num() > line {
			break
		}
		name = s.Head.Name
		if s.Head.Type != SectionProfile {
			name = ""
		}
	}
	return name
}
