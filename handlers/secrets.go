package handlers

import (
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// Secrets: the values of secret keys (aws_secret_access_key, aws_session_token, a stored password) never
// leave the server in a hover, a symbol, a completion, a code action or a log line. Access key IDs are
// shown masked. The editor sent the text itself, but a verbose LSP trace logs every message: nothing but
// the rolecall-ls.credentials command may carry a secret.

// isSecretKey reports whether a key's value is a secret.
func isSecretKey(name string) bool {
	switch name {
	case "aws_secret_access_key", "aws_session_token", "aws_security_token":
		return true
	}
	k, ok := awsfiles.LookupKey(name)
	return ok && k.Secret
}

// maskKeyID shows an access key ID as its first four and last four characters (AKIA…MPLE); a value too
// short to mask safely is not shown at all.
func maskKeyID(id string) string {
	if len(id) < 12 {
		return "…"
	}
	return id[:4] + "…" + id[len(id)-4:]
}

// shownValue is an entry's value as the server may show it: masked for an access key ID, hidden for a
// secret.
func shownValue(e *awsfiles.Entry) string {
	switch {
	case isSecretKey(e.Name):
		return "(hidden)"
	case e.Name == "aws_access_key_id":
		return maskKeyID(e.Value)
	}
	return e.Value
}

// secretValues collects the secret values written in a pair's files, to keep them out of replies that
// would otherwise copy file text (the edits of a quick fix).
func secretValues(p *filePair) []string {
	var out []string
	for _, fs := range p.files() {
		for _, sec := range fs.File.Sections {
			for _, e := range sec.Entries {
				if isSecretKey(e.Name) && len(e.Value) >= 4 {
					out = append(out, e.Value)
				}
			}
		}
	}
	return out
}

// carriesSecret reports whether text contains one of the secrets.
func carriesSecret(text string, secrets []string) bool {
	for _, s := range secrets {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}
