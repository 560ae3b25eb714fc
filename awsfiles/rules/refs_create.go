package rules

import (
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// createProfileFixes are the fixes for a source_profile that names no profile and nothing close to one:
// a new, empty section for it at the end of the credentials file or of the config file. The section
// holds a comment saying what to add, and no made-up keys: a placeholder value would look like a real
// setting to every tool.
func createProfileFixes(m *awsfiles.Model, name string, ends fileEnds) []diagOption {
	if !plainProfileName(name) {
		return nil // a name a header cannot hold as written: let the person choose
	}
	return []diagOption{
		fix("Create ["+name+"] in credentials", false, ends.appendSection(m.Credentials, "["+name+"]",
			"# Add aws_access_key_id and aws_secret_access_key for "+name+" (or run aws configure --profile "+name+").")),
		fix("Create [profile "+name+"] in config", false, ends.appendSection(m.Config, "[profile "+name+"]",
			"# Say where "+name+" gets credentials: sso_session, credential_process, or keys in the credentials file.")),
	}
}

// plainProfileName reports a name made only of the characters the AWS documentation allows in a
// profile name, so that a header can hold it as written.
func plainProfileName(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_-/.%@:+", c) >= 0) {
			return false
		}
	}
	return name != ""
}
