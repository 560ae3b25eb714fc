package assume

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/internal/safetext"
)

// keysLoseTo are the settings that make the AWS tools get a profile's credentials from somewhere other
// than its aws_access_key_id, so that a session written under that profile's name would never be used:
// botocore tries the assume-role, web-identity, login and SSO providers before the shared keys (and
// aws-sdk-go-v2 assumes role_arn with whatever the keys give), and a profile with credential_process or
// credential_source is one a person set up that way on purpose.
var keysLoseTo = []string{
	"web_identity_token_file", "credential_source", "credential_process", "login_session",
	"sso_session", "sso_start_url", "sso_account_id", "sso_role_name", "sso_region", "role_arn",
} // the most specific first: role_arn goes with web_identity_token_file and credential_source too

// WriteTargetError refuses a profile name to write a session under: it is on the assumed profile's own
// chain, or the AWS tools would use another setting of that profile instead of the session's keys.
type WriteTargetError struct {
	Target string
	// OnChain is the chain of the assumed profile when Target is one of its profiles (keys there would
	// change how that very profile resolves); then nothing overrides the refusal.
	OnChain []string
	// Setting and Where name the setting that wins over written keys ("role_arn", "config:3").
	Setting, Where string
	Suggestion     string // a name that would do, e.g. "dev-session"
}

func (e *WriteTargetError) Error() string {
	if len(e.OnChain) > 0 {
		return fmt.Sprintf("cannot write the session to [%s]: it is on the chain of the assumed profile (%s), which keys "+
			"there would change; choose another name, such as %s", safetext.Escape(e.Target), safetext.Escape(strings.Join(e.OnChain, " → ")),
			safetext.Escape(e.Suggestion))
	}
	return fmt.Sprintf("cannot write the session to [%s]: the AWS tools would use its %s (%s) and ignore the keys; "+
		"choose another name, such as %s", safetext.Escape(e.Target), e.Setting, e.Where, safetext.Escape(e.Suggestion))
}
func (e *WriteTargetError) Reason() string       { return ReasonProfileInvalid }
func (e *WriteTargetError) Data() map[string]any { return map[string]any{"profile": e.Target} }

// Overridable reports whether the caller may write anyway on the user's explicit word (the session would
// be written, and the AWS tools would still use the other setting until the user removes it).
func (e *WriteTargetError) Overridable() bool { return len(e.OnChain) == 0 }

// CheckWriteTarget says whether a session of profile may be written under [target] in the credentials file
// so that `--profile target` uses it: nil when it may, else a *WriteTargetError, or the error writing
// would meet (*awsfiles.NotManagedError for a section Rolecall did not write).
func CheckWriteTarget(m *awsfiles.Model, profile, target string) error {
	suggestion := profile + "-session"
	if p := m.Profile(profile); p != nil {
		if names := m.Chain(p).Names(); slices.Contains(names, target) {
			return &WriteTargetError{Target: target, OnChain: names, Suggestion: suggestion}
		}
	}
	if _, err := awsfiles.SetManagedProfile(m.Credentials, target, nil); err != nil {
		return err // a section Rolecall did not write, a duplicate, a name the file cannot hold: refused now, not after STS
	}
	t := m.Profile(target)
	if t == nil {
		return nil
	}
	for _, key := range keysLoseTo {
		if set := t.Get(key); set != nil {
			where := fmt.Sprintf("%s:%d", set.File().Path, set.Entry.Line.Num()+1)
			if target == suggestion {
				suggestion = target + "-2"
			}
			return &WriteTargetError{Target: target, Setting: key, Where: where, Suggestion: suggestion}
		}
	}
	return nil
}

// WriteSessionProfile writes the session under [target] in the credentials file at path: its keys and
// its region, so that the profile works on its own. Only that section changes, under a lock and by
// atomic replacement (awsfiles.UpdateFile); a section Rolecall did not write is refused.
func WriteSessionProfile(path, target string, creds SessionCredentials) error {
	values := []awsfiles.KeyValue{
		{Key: "aws_access_key_id", Value: creds.AccessKeyID},
		{Key: "aws_secret_access_key", Value: creds.SecretAccessKey},
		{Key: "aws_session_token", Value: creds.SessionToken},
	}
	if creds.Region != "" {
		values = append(values, awsfiles.KeyValue{Key: "region", Value: creds.Region})
	}
	return awsfiles.UpdateFile(path, 0o600, func(old []byte) ([]byte, error) {
		return awsfiles.SetManagedProfile(awsfiles.Parse(awsfiles.CredentialsFile, path, old), target, values)
	})
}
