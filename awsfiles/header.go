package awsfiles

import "strings"

// readHeader gives a header's intended meaning. Where botocore and aws-sdk-go-v2 read a header differently
// (spec §2.3) the intended reading is the one a person most likely meant; the section-header rules report
// every such header, so the model can follow intent without hiding the disagreement.
func readHeader(kind FileKind, inner string) Header {
	h := Header{Type: SectionOther}
	t := strings.TrimSpace(inner)
	typ, name := splitHeader(t)
	if kind == CredentialsFile {
		if typ == "profile" && name != "" {
			// Neither tool reads [profile x] in the credentials file as profile x.
			h.Name = name
			return h
		}
		h.Type, h.Name = SectionProfile, t
		return h
	}
	switch {
	case t == "default" && name == "":
		h.Type, h.Name = SectionProfile, "default"
	case name == "":
		h.Name = t
	case typ == "profile" || sloppyPrefix(typ, "profile"):
		h.Type, h.Name = SectionProfile, unquote(name)
	case typ == "sso-session" || sloppyPrefix(typ, "sso-session"):
		h.Type, h.Name = SectionSSOSession, unquote(name)
	case typ == "services" || sloppyPrefix(typ, "services"):
		h.Type, h.Name = SectionServices, unquote(name)
	default:
		h.Name = t
	}
	return h
}

// splitHeader splits trimmed header text at its first run of spaces or tabs, as aws-sdk-go-v2 does.
func splitHeader(t string) (typ, name string) {
	i := strings.IndexAny(t, " \t")
	if i < 0 {
		return t, ""
	}
	return t[:i], strings.TrimSpace(t[i:])
}

// sloppyPrefix reports a type word that botocore accepts only because it tests with startswith:
// [profiles x], [profile-x y], [profileX y].
func sloppyPrefix(typ, want string) bool {
	return strings.HasPrefix(typ, want) && typ != want
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

// splitFields splits header text into its whitespace-separated words.
func splitFields(s string) []string { return strings.Fields(s) }
