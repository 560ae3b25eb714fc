package handlers

import (
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// Secrets: the values of secret keys (awsfiles.IsSecret: aws_secret_access_key, aws_session_token, a
// stored password) never leave the server in a hover, a symbol, a completion, a code action or a log line.
// Access key IDs are shown masked. The editor sent the text itself, but a verbose LSP trace logs every
// message: nothing but rolecall-ls.credentials, rolecall-ls.endpoint and rolecall-ls.console, each for
// its one purpose, may carry a secret.

// shownValue is an entry's value as the server may show it: masked for an access key ID, hidden for a
// secret (awsfiles.ShownValue, the one policy).
func shownValue(e *awsfiles.Entry) string { return awsfiles.ShownValue(e.Name(), e.Value()) }

// secretValues collects the secret values written in a pair's files, to keep them out of replies that
// would otherwise copy file text (the edits of a quick fix).
func secretValues(p *filePair) []string {
	var out []string
	for _, fs := range p.files() {
		for _, sec := range fs.File.Sections {
			for _, e := range sec.Entries {
				if awsfiles.IsSecret(e.Name()) && len(e.Value()) >= 4 {
					out = append(out, e.Value())
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
