package cli

import (
	"flag"
	"time"

	"github.com/rolecall/rolecall/assume"
)

// envYKMan names the ykman program when it is not "ykman" on PATH.
const envYKMan = "ROLECALL_YKMAN"

// mfaHelperFlags are the flags of the commands that assume (assume, exec, console) for the MFA
// helpers: a YubiKey OATH account whose code answers when one is needed, and how long a helper (the
// profile's mfa_process, or ykman) may take. A profile's mfa_process needs no flag.
type mfaHelperFlags struct {
	yubikey string
	timeout time.Duration
}

// mfaHelperValueFlags are the flags above that take a value, for interspersed and splitCommand.
var mfaHelperValueFlags = []string{"yubikey", "mfa-timeout"}

func (m *mfaHelperFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&m.yubikey, "yubikey", "", "get MFA codes from this YubiKey OATH `account` (ykman oath accounts code --single ACCOUNT)")
	fs.DurationVar(&m.timeout, "mfa-timeout", assume.DefaultMFAHelperTimeout, "how long mfa_process or ykman may take to give a code")
}

// apply puts the helpers' settings into the engine's options.
func (m *mfaHelperFlags) apply(env Env, opts assume.Options) assume.Options {
	opts.YubiKeyAccount, opts.MFAHelperTimeout = m.yubikey, m.timeout
	if path, ok := env.Getenv(envYKMan); ok {
		opts.YKManPath = path
	}
	return opts
}
