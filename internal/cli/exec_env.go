package cli

import (
	"os"
	"strings"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/awsfiles"
)

// envProfile names the profile a `rolecall exec` child runs as: for shell prompts, and for the nesting
// check.
const envProfile = "ROLECALL_PROFILE"

// conflictingVariables are removed from the command's environment because the AWS SDKs and the CLI
// would use them instead of (or on top of) the role's credentials (docs/cli.md, "exec"): another
// profile, other keys, another credential endpoint or web identity, and expirations and regions that
// belong to them.
var conflictingVariables = []string{
	"AWS_PROFILE", "AWS_DEFAULT_PROFILE",
	"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
	"AWS_CREDENTIAL_EXPIRATION", "AWS_SESSION_EXPIRATION",
	"AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
	"AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
	"AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
	"AWS_REGION", "AWS_DEFAULT_REGION", envProfile,
}

// childEnvironment is the command's environment without the conflicting variables, plus the region
// (when one is known: the profile's, AWS_REGION's or --region's) and ROLECALL_PROFILE.
func childEnvironment(env Env, profile, region string) []string {
	base := os.Environ()
	if env.Environ != nil {
		base = env.Environ()
	}
	drop := map[string]bool{}
	for _, name := range conflictingVariables {
		drop[name] = true
	}
	out := make([]string, 0, len(base)+8)
	for _, kv := range base {
		name, _, _ := strings.Cut(kv, "=")
		if !drop[name] {
			out = append(out, kv)
		}
	}
	if region != "" {
		out = append(out, "AWS_REGION="+region, "AWS_DEFAULT_REGION="+region)
	}
	return append(out, envProfile+"="+profile)
}

// staticCredentials are the variables that hand the session to the command as fixed values.
func staticCredentials(c assume.SessionCredentials) []string {
	return []string{
		"AWS_ACCESS_KEY_ID=" + c.AccessKeyID,
		"AWS_SECRET_ACCESS_KEY=" + c.SecretAccessKey,
		"AWS_SESSION_TOKEN=" + c.SessionToken,
		"AWS_CREDENTIAL_EXPIRATION=" + c.Expiration.String(),
	}
}

// credentialKeys make a profile a source of credentials for the SDKs: the AWS CLI and aws-sdk-go-v2
// take credentials from the default profile before they ask a container endpoint.
var credentialKeys = []string{"aws_access_key_id", "role_arn", "credential_process", "sso_session", "sso_start_url",
	"web_identity_token_file"}

// endpointShadow says which key of the default profile the SDKs would use before the endpoint of
// `exec --server`, "" when none would.
func endpointShadow(m *awsfiles.Model) string {
	p := m.Profile("default")
	if p == nil {
		return ""
	}
	for _, key := range credentialKeys {
		if p.Value(key) != "" {
			return key
		}
	}
	return ""
}
