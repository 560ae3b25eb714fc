package rules

import (
	"fmt"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// The header rules compare what botocore and aws-sdk-go-v2 make of each [section] header (spec §2.3) with
// what the model reads (header.go, which follows intent), and report each header where a tool reads
// something else, or nothing at all.

// headerKind is what a tool makes of a header line.
type headerKind uint8

const (
	readProfile    headerKind = iota // a profile
	readSSOSession                   // an [sso-session]
	readServices                     // a [services] section
	readOther                        // a section that is not a profile (botocore keeps it aside; aws-sdk-go-v2 drops it)
	readInert                        // aws-sdk-go-v2: [DEFAULT] and [Default] are kept as sections no profile uses
	readDefaults                     // botocore: [DEFAULT], configparser's defaults that every section inherits
	readVanished                     // the section is read and then dropped: no name botocore can split, or an empty one
	readNoHeader                     // the tool does not read the line as a header
)

// headerReading is one tool's reading of a header line.
type headerReading struct {
	kind headerKind
	name string
}

// botoHeader reads a header as botocore does: configparser names the section by everything between the
// first "[" and the last "]" as written (spaces included), and build_profile_map splits a name that starts
// with "profile", "sso-session" or "services" with shlex, keeping it only when that yields two words.
func botoHeader(f *awsfiles.File, kind awsfiles.FileKind, l *awsfiles.Line) headerReading {
	inner := f.LineSpanText(l, l.Inner())
	switch {
	case inner == "":
		return headerReading{kind: readNoHeader}
	case inner == "DEFAULT":
		return headerReading{readDefaults, inner}
	case kind == awsfiles.CredentialsFile:
		return headerReading{readProfile, inner}
	}
	for _, t := range []struct {
		prefix string
		kind   headerKind
	}{{"profile", readProfile}, {"sso-session", readSSOSession}, {"services", readServices}} {
		if strings.HasPrefix(inner, t.prefix) {
			words, ok := shlexSplit(inner)
			if !ok || len(words) != 2 {
				return headerReading{readVanished, inner}
			}
			return headerReading{t.kind, words[1]}
		}
	}
	if inner == "default" {
		return headerReading{readProfile, inner}
	}
	return headerReading{readOther, inner}
}

// sdkHeader reads a header line as aws-sdk-go-v2 does (asProfile, processConfigSections,
// processCredentialsSections).
func sdkHeader(kind awsfiles.FileKind, text string) headerReading {
	name, ok := sdkSectionName(text)
	switch {
	case !ok:
		return headerReading{kind: readNoHeader}
	case name == "":
		return headerReading{kind: readVanished}
	case kind == awsfiles.CredentialsFile && strings.HasPrefix(name, "profile "):
		return headerReading{readOther, name}
	case kind == awsfiles.CredentialsFile:
		return headerReading{readProfile, name}
	case strings.HasPrefix(name, "profile "):
		return headerReading{readProfile, name[len("profile "):]}
	case strings.HasPrefix(name, "sso-session "):
		return headerReading{readSSOSession, name[len("sso-session "):]}
	case strings.HasPrefix(name, "services "):
		return headerReading{readServices, name[len("services "):]}
	case name == "default":
		return headerReading{readProfile, name}
	case strings.EqualFold(name, "default"):
		return headerReading{readInert, name}
	}
	return headerReading{readOther, name}
}

// sdkBracketed is asProfile's test: the line, cut at the first "#" and then the first ";" and trimmed,
// must be "[...]". It returns the trimmed text between the brackets.
func sdkBracketed(text string) (string, bool) {
	if i := strings.IndexByte(text, '#'); i >= 0 {
		text = text[:i]
	}
	if i := strings.IndexByte(text, ';'); i >= 0 {
		text = text[:i]
	}
	t := strings.TrimSpace(text)
	if len(t) < 2 || t[0] != '[' || t[len(t)-1] != ']' {
		return "", false
	}
	return strings.TrimSpace(t[1 : len(t)-1]), true
}

// sdkSectionName is the section name aws-sdk-go-v2 gives a header line: the first run of blanks between
// the type and the name becomes one space (splitProfile).
func sdkSectionName(text string) (string, bool) {
	inner, ok := sdkBracketed(text)
	if !ok {
		return "", false
	}
	first := 0
	for i, r := range inner {
		if r == ' ' || r == '\t' {
			if first == 0 {
				first = i
			}
		} else if first != 0 {
			return inner[:first] + " " + inner[i:], true
		}
	}
	return inner, true
}

// shlexSplit is Python's shlex.split (POSIX mode, no comments), which botocore applies to typed headers:
// blanks separate words, quotes group and disappear, a backslash escapes (inside double quotes only a
// quote or a backslash). ok is false where shlex raises ValueError: an unclosed quote or a final backslash.
func shlexSplit(s string) (words []string, ok bool) {
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\r', '\n':
			if inWord {
				words, inWord = append(words, cur.String()), false
				cur.Reset()
			}
		case '\\':
			if i+1 >= len(s) {
				return nil, false
			}
			i++
			cur.WriteByte(s[i])
			inWord = true
		case '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, false
			}
			cur.WriteString(s[i+1 : i+1+j])
			i, inWord = i+1+j, true
		case '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, false
			}
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, true
}

// sectionNoun names a profile, sso-session or services reading.
func sectionNoun(r headerReading) string {
	switch r.kind {
	case readSSOSession:
		return fmt.Sprintf("sso-session %q", r.name)
	case readServices:
		return fmt.Sprintf("services section %q", r.name)
	}
	return fmt.Sprintf("profile %q", r.name)
}

// describeBoto and describeSDK say what a tool does with a header, as a verb phrase. prev is the section
// aws-sdk-go-v2 puts the keys below in when it skips the line.
func describeBoto(r headerReading) string {
	switch r.kind {
	case readProfile, readSSOSession, readServices:
		return "reads " + sectionNoun(r)
	case readOther:
		return fmt.Sprintf("reads a section %q that is not a profile", r.name)
	case readDefaults:
		return "reads its defaults section, whose keys every profile and section inherits"
	case readVanished:
		return "drops the section, as shlex does not split its name into a type and one name"
	}
	return "does not read a header here"
}

func describeSDK(r headerReading, prev string) string {
	switch r.kind {
	case readProfile, readSSOSession, readServices:
		return "reads " + sectionNoun(r)
	case readOther:
		return "drops the section"
	case readInert:
		return fmt.Sprintf("reads a section %q that only AWS_PROFILE=%s would use", r.name, r.name)
	case readVanished:
		return "reads a section without a name and ignores the keys under it"
	}
	if prev == "" {
		return "skips the line and ignores the keys below it"
	}
	return fmt.Sprintf("skips the line, so the keys below it belong to [%s] there", prev)
}

// readings composes the part of a message that says what each tool does with a header.
func readings(b, g headerReading, prev string) string {
	switch {
	case b == g && b.kind <= readServices:
		return "both tools read " + sectionNoun(b)
	case b.kind == readVanished && g.kind == readOther:
		return "both tools drop the section"
	}
	return fmt.Sprintf("the AWS CLI (botocore) %s, but aws-sdk-go-v2 %s", describeBoto(b), describeSDK(g, prev))
}
