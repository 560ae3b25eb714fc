package assume

import (
	"os"
	"os/user"
	"path/filepath"
	"time"
)

// Options are the engine's and store's settings. The zero value means every default, so a caller sets
// only what the user changed.
type Options struct {
	// DisableAutoRefresh turns off renewing sessions RefreshBefore their expiry (auto-refresh is on by default).
	DisableAutoRefresh bool
	// RefreshBefore is how long before expiry auto-refresh renews a session (default 5 minutes).
	RefreshBefore time.Duration
	// ExpiryWarning is how long before expiry a session that will not be refreshed turns `expiring`
	// (default 10 minutes; the expiryWarningMinutes setting).
	ExpiryWarning time.Duration
	// MFASessionDuration is the lifetime asked of GetSessionToken for an MFA session (default 12 hours;
	// STS accepts 15 minutes to 36 hours for IAM users).
	MFASessionDuration time.Duration
	// DisableCLICache stops reading and writing the AWS CLI's assume-role cache.
	DisableCLICache bool
	// CLICacheDir is the AWS CLI's cache directory (default ~/.aws/cli/cache, from $HOME as the CLI does).
	CLICacheDir string
	// SSOCacheDir is the SSO token cache shared with the AWS CLI (default ~/.aws/sso/cache).
	SSOCacheDir string
	// CallTimeout bounds each STS call, retries included (default 10 seconds).
	CallTimeout time.Duration
	// UserName goes into the default role session name rolecall-<user>-<unix time> (default: the
	// operating system's user name).
	UserName string
	// MFAHelperTimeout bounds one run of an MFA helper, mfa_process or ykman (default 1 minute).
	MFAHelperTimeout time.Duration
	// YubiKeyAccount names the YubiKey OATH account whose code answers when an MFA code is needed and
	// neither the caller nor the profile's mfa_process gives one ("" = never ask ykman).
	YubiKeyAccount string
	// YKManPath is the ykman program (default "ykman" on PATH).
	YKManPath string
	// Getenv reads the environment for credential_source = Environment and EcsContainer (default os.Getenv).
	Getenv func(string) string
	// Keychain loads the keys of a profile whose credential_process is `rolecall credential-process
	// --from-keychain` (default: the keychain the environment names, see keychain.ConfigFromEnv).
	Keychain KeychainKeys
	// MFASessions keeps MFA sessions beyond this process (KeychainMFASessions); nil keeps them in memory.
	MFASessions MFASessionKeeper
	// Share shares role sessions with the user's other Rolecall processes (internal/sessionshare); nil
	// keeps them in this process. Only the value given to NewStore counts.
	Share SessionShare
}

// Defaults of Options.
const (
	DefaultRefreshBefore      = 5 * time.Minute
	DefaultExpiryWarning      = 10 * time.Minute
	DefaultMFASessionDuration = 12 * time.Hour
	DefaultCallTimeout        = 10 * time.Second
	// cacheMinRemaining is the AWS CLI's rule: a cached entry is used only while at least 15 minutes
	// remain (botocore DEFAULT_EXPIRY_WINDOW_SECONDS). Rolecall uses the same rule for its in-memory
	// intermediate hops and for reusing a session it already holds.
	cacheMinRemaining = 15 * time.Minute
)

// withDefaults fills the zero fields.
func (o Options) withDefaults() Options {
	if o.RefreshBefore <= 0 {
		o.RefreshBefore = DefaultRefreshBefore
	}
	if o.ExpiryWarning <= 0 {
		o.ExpiryWarning = DefaultExpiryWarning
	}
	if o.MFASessionDuration <= 0 {
		o.MFASessionDuration = DefaultMFASessionDuration
	}
	if o.CallTimeout <= 0 {
		o.CallTimeout = DefaultCallTimeout
	}
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	if o.UserName == "" {
		o.UserName = currentUserName()
	}
	return o
}

// cliCacheDir is the directory of the AWS CLI's assume-role cache, "" when it cannot be known.
func (o Options) cliCacheDir() string {
	if o.CLICacheDir != "" {
		return o.CLICacheDir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".aws", "cli", "cache")
}

func currentUserName() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if name := os.Getenv("USER"); name != "" {
		return name
	}
	return "user"
}
