package cli

import (
	"errors"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/internal/sessionshare"
	"github.com/rolecall/rolecall/keychain"
)

// EnvSessions set to "memory" keeps every session (MFA and role sessions) in the process that got it:
// nothing goes to the keychain and nothing is shared with the user's other Rolecall processes.
const EnvSessions = "ROLECALL_SESSIONS"

// EnvSessionDir moves the directory the user's Rolecall processes share sessions through (default:
// sessionshare.DefaultDir).
const EnvSessionDir = "ROLECALL_SESSION_DIR"

// sessionSharing is how this process shares its sessions with the user's other Rolecall processes
// (docs/secrets.md): MFA sessions and role sessions through the OS keychain, the share's index and
// locks in a directory only the user can open. Both are nil with ROLECALL_SESSIONS=memory; the share is
// nil when its directory cannot be used safely, and why is then the reason.
func sessionSharing(env Env) (mfa assume.MFASessionKeeper, share assume.SessionShare, why error) {
	if v, _ := env.Getenv(EnvSessions); v == "memory" {
		return nil, nil, nil
	}
	getenv := func(name string) string { v, _ := env.Getenv(name); return v }
	mfa = assume.KeychainMFASessions(getenv)
	dir := getenv(EnvSessionDir)
	if dir == "" && (env.Home != "" || getenv("XDG_RUNTIME_DIR") != "") {
		dir = sessionshare.DefaultDir(getenv, env.Home)
	}
	if dir == "" {
		return mfa, nil, errors.New("no home directory to share sessions in: set " + EnvSessionDir)
	}
	s, err := sessionshare.Open(dir, func() (*keychain.Keychain, error) { return keychain.OpenForSessions(getenv) })
	if err != nil {
		return mfa, nil, err
	}
	return mfa, s, nil
}
