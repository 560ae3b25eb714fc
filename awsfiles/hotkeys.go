package awsfiles

// hotKey numbers the settings that the chains and the rules look up for every profile.
type hotKey int

const (
	hotRoleARN hotKey = iota
	hotSourceProfile
	hotCredentialSource
	hotWebIdentityTokenFile
	hotMFASerial
	hotRegion
	hotAccessKeyID
	hotSecretAccessKey
	hotCredentialProcess
	hotSSOSession
	hotSSOAccountID
	hotSSORoleName
	hotSSOStartURL
	hotSSORegion
	hotDurationSeconds
	hotRoleSessionName
	hotExternalID
	numHot
)

var hotKeyNames = [numHot]string{"role_arn", "source_profile", "credential_source", "web_identity_token_file",
	"mfa_serial", "region", "aws_access_key_id", "aws_secret_access_key", "credential_process", "sso_session",
	"sso_account_id", "sso_role_name", "sso_start_url", "sso_region", "duration_seconds", "role_session_name",
	"external_id"}

// hotKeyOf numbers a hot key, or gives -1.
func hotKeyOf(name string) hotKey {
	switch name {
	case "role_arn":
		return hotRoleARN
	case "source_profile":
		return hotSourceProfile
	case "credential_source":
		return hotCredentialSource
	case "web_identity_token_file":
		return hotWebIdentityTokenFile
	case "mfa_serial":
		return hotMFASerial
	case "region":
		return hotRegion
	case "aws_access_key_id":
		return hotAccessKeyID
	case "aws_secret_access_key":
		return hotSecretAccessKey
	case "credential_process":
		return hotCredentialProcess
	case "sso_session":
		return hotSSOSession
	case "sso_account_id":
		return hotSSOAccountID
	case "sso_role_name":
		return hotSSORoleName
	case "sso_start_url":
		return hotSSOStartURL
	case "sso_region":
		return hotSSORegion
	case "duration_seconds":
		return hotDurationSeconds
	case "role_session_name":
		return hotRoleSessionName
	case "external_id":
		return hotExternalID
	}
	return -1
}
