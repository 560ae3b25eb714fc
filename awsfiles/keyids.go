package awsfiles

// KeyID numbers the settings that the chains and the rules look up for every profile: Profile.Setting
// finds them by number, without hashing the name.
type KeyID int

const (
	KeyRoleARN KeyID = iota
	KeySourceProfile
	KeyCredentialSource
	KeyWebIdentityTokenFile
	KeyMFASerial
	KeyRegion
	KeyAccessKeyID
	KeySecretAccessKey
	KeyCredentialProcess
	KeySSOSession
	KeySSOAccountID
	KeySSORoleName
	KeySSOStartURL
	KeySSORegion
	KeyDurationSeconds
	KeyRoleSessionName
	KeyExternalID
	// KeyIDCount is the number of KeyIDs: they run from 0 to KeyIDCount-1.
	KeyIDCount
)

// NoKeyID is what KeyIDOf gives for a key that has no number.
const NoKeyID KeyID = -1

var keyIDNames = [KeyIDCount]string{"role_arn", "source_profile", "credential_source", "web_identity_token_file",
	"mfa_serial", "region", "aws_access_key_id", "aws_secret_access_key", "credential_process", "sso_session",
	"sso_account_id", "sso_role_name", "sso_start_url", "sso_region", "duration_seconds", "role_session_name",
	"external_id"}

// Name is the key's name as written in a file, in lower case.
func (k KeyID) Name() string { return keyIDNames[k] }

// KeyIDOf numbers a lower-case key name, or gives NoKeyID.
func KeyIDOf(name string) KeyID {
	switch name {
	case "role_arn":
		return KeyRoleARN
	case "source_profile":
		return KeySourceProfile
	case "credential_source":
		return KeyCredentialSource
	case "web_identity_token_file":
		return KeyWebIdentityTokenFile
	case "mfa_serial":
		return KeyMFASerial
	case "region":
		return KeyRegion
	case "aws_access_key_id":
		return KeyAccessKeyID
	case "aws_secret_access_key":
		return KeySecretAccessKey
	case "credential_process":
		return KeyCredentialProcess
	case "sso_session":
		return KeySSOSession
	case "sso_account_id":
		return KeySSOAccountID
	case "sso_role_name":
		return KeySSORoleName
	case "sso_start_url":
		return KeySSOStartURL
	case "sso_region":
		return KeySSORegion
	case "duration_seconds":
		return KeyDurationSeconds
	case "role_session_name":
		return KeyRoleSessionName
	case "external_id":
		return KeyExternalID
	}
	return NoKeyID
}
