package assume

import (
	"errors"
	"fmt"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/keychain"
)

// KeychainKeys loads the access key pair that `rolecall keys` stored for a profile in the OS keychain.
type KeychainKeys func(profile string) (accessKeyID, secretAccessKey string, err error)

// keychainSource reports whether a credential_process source is Rolecall's own keychain line
// (`rolecall credential-process --from-keychain --profile P`) and for which profile. The engine then reads
// the keychain itself instead of running the line: no dependence on rolecall being on PATH (the editor's
// bundled binary usually is not), and no process to start for every assume.
func keychainSource(src Source) (string, bool) {
	if src.Kind != CredentialProcess {
		return "", false
	}
	return awsfiles.KeychainProcessProfile(src.Process)
}

// keychainCredentials gets the source's keys from the keychain; a failure names the command that fixes it.
func (r *chainRun) keychainCredentials(profile string) (credentials, error) {
	load := r.opts.Keychain
	if load == nil {
		load = defaultKeychainKeys(r.opts.Getenv)
	}
	id, secret, err := load(profile)
	if err == nil {
		return credentials{AccessKeyID: id, SecretAccessKey: secret}, nil
	}
	problem := err.Error()
	if errors.Is(err, keychain.ErrNotFound) {
		problem = fmt.Sprintf("its credential_process reads the keys of %q from the OS keychain, which has none: store them with `rolecall keys add %s`",
			profile, profile)
	}
	src := r.plan.Source
	return credentials{}, &SourceCredentialsError{Profile: r.plan.Profile, SourceProfile: src.Profile,
		File: src.File, Line: src.Line, Problem: problem, err: err}
}

// defaultKeychainKeys opens the keychain the environment names (no passphrase prompt: the engine may run
// in the language server, which has no terminal).
func defaultKeychainKeys(getenv func(string) string) KeychainKeys {
	return func(profile string) (string, string, error) {
		k, err := keychain.Open(keychain.ConfigFromEnv(getenv, nil))
		if err != nil {
			return "", "", err
		}
		keys, err := k.LoadKeys(profile)
		return keys.AccessKeyID, keys.SecretAccessKey, err
	}
}
