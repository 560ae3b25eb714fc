package awsfiles

import "strings"

// The one secret policy: which settings hold a secret, and how an access key ID is shown. The rules, the
// language server and the assume engine all ask here.

// IsSecret reports whether a setting's value is a secret that Rolecall never shows: a key the keys table
// marks secret (aws_secret_access_key, aws_session_token, a stored password), or a key the table does
// not know whose name says secret, token or password (a misspelt aws_secret_access_key is still a
// secret). Keys are compared case-insensitively, as a typo in case does not make a secret public.
func IsSecret(key string) bool {
	name := strings.ToLower(key)
	if k, ok := keyTable().top[name]; ok {
		return k.Secret
	}
	return strings.Contains(name, "secret") || strings.Contains(name, "token") || strings.Contains(name, "password")
}

// minMaskedKeyID is the length of the shortest access key ID AWS issues: a shorter value would give away
// too much of itself in its first and last four characters, so it is not shown at all.
const minMaskedKeyID = 16

// MaskAccessKeyID shows an access key ID as its first four and last four characters (AKIA…WXYZ): the
// prefix says what kind of key it is and the end tells keys apart, the rest stays hidden. A value
// shorter than any real key ID is shown as "…" alone.
func MaskAccessKeyID(id string) string {
	r := []rune(id)
	if len(r) < minMaskedKeyID {
		return "…"
	}
	return string(r[:4]) + "…" + string(r[len(r)-4:])
}

// IsAccessKeyID reports the setting whose value MaskAccessKeyID shows.
func IsAccessKeyID(key string) bool { return strings.EqualFold(key, "aws_access_key_id") }

// ShownValue is a setting's value as Rolecall may show it anywhere: "(hidden)" for a secret, masked for an
// access key ID, itself otherwise.
func ShownValue(key, value string) string {
	switch {
	case IsSecret(key):
		return "(hidden)"
	case IsAccessKeyID(key):
		return MaskAccessKeyID(value)
	}
	return value
}
