package awsfiles

import (
	"fmt"
	"path/filepath"
	"strings"
)

// A profile whose keys live in the OS keychain keeps, in the credentials file, two lines that Rolecall
// wrote in place of its aws_access_key_id and aws_secret_access_key:
//
//	# managed by rolecall: keys in the keychain (`rolecall keys export dev` puts them back)
//	credential_process = rolecall credential-process --from-keychain --profile dev
//
// The credential_process line lives in the credentials file, where the keys were: botocore merges the
// credentials file's settings into the profile, and aws-sdk-go-v2 reads credential_process there too
// (also when the config file has the profile: it is one of the settings the SDK copies over). So the
// config file is never touched, and everything outside these lines stays byte for byte.

// KeychainMarker starts the comment line above such a credential_process line.
const KeychainMarker = "# managed by rolecall: keys in the keychain"

// KeychainFlag marks the credential-process command line that reads the keychain.
const KeychainFlag = "--from-keychain"

// KeychainProcess is the credential_process command that serves a profile's keys from the keychain.
func KeychainProcess(profile string) string {
	return "rolecall credential-process " + KeychainFlag + " --profile " + ShellQuote(profile)
}

// KeychainProcessProfile reports whether a credential_process command line is Rolecall serving keys from
// the keychain, and for which profile. The program may be named by a path (/usr/local/bin/rolecall).
func KeychainProcessProfile(command string) (string, bool) {
	fields, ok := shellFields(command)
	if !ok || len(fields) < 2 {
		return "", false
	}
	prog := strings.TrimSuffix(filepath.Base(strings.ReplaceAll(fields[0], `\`, "/")), ".exe")
	if prog != "rolecall" || fields[1] != "credential-process" {
		return "", false
	}
	profile, keychain := "", false
	for i := 2; i < len(fields); i++ {
		switch f := fields[i]; {
		case f == KeychainFlag:
			keychain = true
		case f == "--profile" && i+1 < len(fields):
			profile = fields[i+1]
			i++
		case strings.HasPrefix(f, "--profile="):
			profile = strings.TrimPrefix(f, "--profile=")
		}
	}
	return profile, keychain && profile != ""
}

// ShellQuote quotes a word for both readers of credential_process: sh -c (aws-sdk-go-v2) and botocore's
// POSIX shlex split agree on single quotes.
func ShellQuote(s string) string {
	safe := s != ""
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_.@+/:=", c)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// shellFields splits a command line on blanks with POSIX single and double quotes and backslashes, enough
// to read back what KeychainProcess wrote; ok is false for an unterminated quote.
func shellFields(s string) ([]string, bool) {
	var fields []string
	var cur strings.Builder
	in, quote, escaped := false, byte(0), false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case escaped:
			cur.WriteByte(c)
			escaped = false
		case quote == '\'':
			if c == '\'' {
				quote = 0
			} else {
				cur.WriteByte(c)
			}
		case quote == '"':
			switch c {
			case '"':
				quote = 0
			case '\\':
				escaped = true
			default:
				cur.WriteByte(c)
			}
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == '\\':
			escaped, in = true, true
		case c == ' ' || c == '\t':
			if in {
				fields, in = append(fields, cur.String()), false
				cur.Reset()
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if in {
		fields = append(fields, cur.String())
	}
	return fields, quote == 0 && !escaped
}

// StaticKeys are a profile's access key pair as read from the credentials file.
type StaticKeys struct{ AccessKeyID, SecretAccessKey string }

// credentialsSection finds the one [profile] section of a credentials file.
func credentialsSection(f *File, profile string) (*Section, error) {
	var found []*Section
	for _, s := range f.Sections {
		if s.Header != nil && s.Head.Type == SectionProfile && s.Head.Name == profile {
			found = append(found, s)
		}
	}
	switch len(found) {
	case 0:
		return nil, nil
	case 1:
		return found[0], nil
	}
	return nil, fmt.Errorf("[%s] appears %d times in %s: merge the sections first (rolecall check shows them), then run the command again",
		profile, len(found), f.Path)
}

// onlyEntry returns the single top-level entry with a key, nil when there is none.
func onlyEntry(s *Section, name string) (*Entry, error) {
	var found *Entry
	for _, e := range s.Entries {
		if e.Name() != name || e.Parent() != nil {
			continue
		}
		if found != nil {
			return nil, fmt.Errorf("[%s] in %s sets %s twice (lines %d and %d): delete one, then run the command again",
				s.Head.Name, s.File.Path, name, found.Line.Num()+1, e.Line.Num()+1)
		}
		found = e
	}
	return found, nil
}

// MoveKeysToKeychain returns the credentials file's new bytes with [profile]'s aws_access_key_id line
// replaced by the keychain marker and credential_process line and its aws_secret_access_key line removed,
// and the keys it removed. Every other byte stays. It refuses a profile whose keys are incomplete,
// temporary (aws_session_token) or already beside a credential_process.
func MoveKeysToKeychain(f *File, profile string) ([]byte, StaticKeys, error) {
	s, err := credentialsSection(f, profile)
	if err != nil {
		return nil, StaticKeys{}, err
	}
	if s == nil {
		return nil, StaticKeys{}, fmt.Errorf("%s has no [%s] section: give a profile whose keys are in that file, or store new keys with `rolecall keys add %s`",
			f.Path, profile, profile)
	}
	id, err := onlyEntry(s, "aws_access_key_id")
	if err != nil {
		return nil, StaticKeys{}, err
	}
	secret, err := onlyEntry(s, "aws_secret_access_key")
	if err != nil {
		return nil, StaticKeys{}, err
	}
	switch {
	case id == nil && secret == nil:
		if p, ok := KeychainProcessProfile(s.entryValue("credential_process")); ok && p == profile {
			return nil, StaticKeys{}, fmt.Errorf("the keys of [%s] are already in the keychain: nothing to import (`rolecall keys list` shows them)", profile)
		}
		return nil, StaticKeys{}, fmt.Errorf("[%s] in %s has no aws_access_key_id and aws_secret_access_key: nothing to import", profile, f.Path)
	case id == nil || secret == nil || id.Value() == "" || secret.Value() == "":
		return nil, StaticKeys{}, fmt.Errorf("[%s] in %s has only part of a key pair: complete it (both aws_access_key_id and aws_secret_access_key), then import",
			profile, f.Path)
	case s.Lookup("aws_session_token") != nil || s.Lookup("aws_security_token") != nil:
		return nil, StaticKeys{}, fmt.Errorf("[%s] in %s holds temporary credentials (aws_session_token): only long-term keys belong in the keychain", profile, f.Path)
	case s.Lookup("credential_process") != nil:
		return nil, StaticKeys{}, fmt.Errorf("[%s] in %s already has credential_process beside its keys: remove one of the two, then import", profile, f.Path)
	}
	eol := id.Line.EOL()
	if eol == "" {
		eol = f.dominantEOL()
	}
	replacement := KeychainMarker + " (`rolecall keys export " + ShellQuote(profile) + "` puts them back)" + eol +
		"credential_process = " + KeychainProcess(profile) + id.Line.EOL()
	edits := []Edit{{File: f, Span: id.Line.SpanWithEOL(), NewText: replacement}, {File: f, Span: secret.Line.SpanWithEOL()}}
	if secret.Line.EOL() == "" && id.Line.Num() < secret.Line.Num() {
		// The secret is the last line and has no terminator: drop the terminator before it instead, so
		// the file does not end with an empty line it did not have.
		prev := f.Line(secret.Line.Num() - 1)
		edits[1].Span = Span{prev.Span().End, secret.Line.Span().End}
		if prev == id.Line {
			edits = []Edit{{File: f, Span: Span{id.Line.Span().Start, secret.Line.Span().End}, NewText: strings.TrimSuffix(replacement, id.Line.EOL())}}
		}
	}
	out, err := ApplyEdits(f.src, edits)
	return out, StaticKeys{AccessKeyID: id.Value(), SecretAccessKey: secret.Value()}, err
}

func (s *Section) entryValue(name string) string {
	if e := s.Lookup(name); e != nil {
		return e.Value()
	}
	return ""
}

// keychainLines finds the credential_process line that serves [profile] from the keychain and the marker
// comment right above it (nil when the user deleted it).
func keychainLines(s *Section, profile string) (marker *Line, process *Entry) {
	for _, e := range s.Entries {
		if e.Name() == "credential_process" && e.Parent() == nil {
			if p, ok := KeychainProcessProfile(e.Value()); ok && p == profile {
				process = e
			}
		}
	}
	if process == nil {
		return nil, nil
	}
	if n := process.Line.Num(); n > 0 {
		if l := s.File.Line(n - 1); l.Kind == LineComment && strings.HasPrefix(strings.TrimSpace(s.File.LineText(l)), KeychainMarker) {
			marker = l
		}
	}
	return marker, process
}

// PointsAtKeychain reports whether [profile] in the credentials file gets its keys from the keychain.
func PointsAtKeychain(f *File, profile string) bool {
	s, err := credentialsSection(f, profile)
	if err != nil || s == nil {
		return false
	}
	_, p := keychainLines(s, profile)
	return p != nil
}

// PointAtKeychain returns the credentials file's new bytes with [profile] getting its keys from the
// keychain: a new section at the end when there is none, the two lines after the header when the section
// has neither keys nor credential_process, the bytes unchanged when it already points there.
func PointAtKeychain(f *File, profile string) ([]byte, error) {
	if err := checkWritable(profile, nil); err != nil {
		return nil, err
	}
	s, err := credentialsSection(f, profile)
	if err != nil {
		return nil, err
	}
	eol := f.dominantEOL()
	lines := KeychainMarker + " (`rolecall keys export " + ShellQuote(profile) + "` puts them back)" + eol +
		"credential_process = " + KeychainProcess(profile) + eol
	switch {
	case s == nil:
		return ApplyEdits(f.src, []Edit{f.appendSection(profile, lines, eol)})
	case PointsAtKeychain(f, profile):
		return f.src, nil
	case s.Lookup("aws_access_key_id") != nil || s.Lookup("aws_secret_access_key") != nil:
		return nil, fmt.Errorf("[%s] in %s holds plaintext keys: move them with `rolecall keys import %s` instead", profile, f.Path, profile)
	case s.Lookup("credential_process") != nil:
		return nil, fmt.Errorf("[%s] in %s already has a credential_process of its own: remove it first, or store the keys under another profile name",
			profile, f.Path)
	}
	at := s.Header.SpanWithEOL().End
	if s.Header.EOL() == "" {
		lines = eol + strings.TrimSuffix(lines, eol)
	}
	return ApplyEdits(f.src, []Edit{{File: f, Span: Span{at, at}, NewText: lines}})
}

// RemoveKeychainLines returns the credentials file's new bytes without the marker and credential_process
// lines of [profile], and with keys in their place when keys is not nil (export). found is false when the
// section does not point at the keychain (the bytes are then unchanged).
func RemoveKeychainLines(f *File, profile string, keys *StaticKeys) (out []byte, found bool, err error) {
	s, err := credentialsSection(f, profile)
	if err != nil || s == nil {
		return f.src, false, err
	}
	marker, process := keychainLines(s, profile)
	if process == nil {
		return f.src, false, nil
	}
	span := process.Line.SpanWithEOL()
	if marker != nil {
		span.Start = marker.Span().Start
	}
	text := ""
	if keys != nil {
		if strings.ContainsAny(keys.AccessKeyID+keys.SecretAccessKey, "\r\n") {
			return nil, true, fmt.Errorf("the keys in the keychain hold a line break, which the credentials file cannot: fix them with `rolecall keys add %s`", profile)
		}
		eol := process.Line.EOL()
		if eol == "" {
			eol = f.dominantEOL()
		}
		text = "aws_access_key_id = " + keys.AccessKeyID + eol + "aws_secret_access_key = " + keys.SecretAccessKey + process.Line.EOL()
	}
	out, err = ApplyEdits(f.src, []Edit{{File: f, Span: span, NewText: text}})
	return out, true, err
}
