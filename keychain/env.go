package keychain

import "errors"

// The environment variables that choose and unlock the keychain (docs/secrets.md).
const (
	EnvBackend    = "ROLECALL_KEYCHAIN_BACKEND"    // secret-service, keychain, wincred, kwallet or file
	EnvFileDir    = "ROLECALL_KEYCHAIN_DIR"        // the encrypted file backend's directory
	EnvCollection = "ROLECALL_KEYCHAIN_COLLECTION" // the Secret Service collection (default login)
	EnvPassphrase = "ROLECALL_FILE_PASSPHRASE"     // the encrypted file backend's passphrase
)

// ConfigFromEnv reads the keychain settings from the environment. The passphrase comes from
// ROLECALL_FILE_PASSPHRASE, else from prompt (nil where no one can be asked, as in the language server).
func ConfigFromEnv(getenv func(string) string, prompt func(string) (string, error)) Config {
	cfg := Config{Backend: Backend(getenv(EnvBackend)), FileDir: getenv(EnvFileDir), Collection: getenv(EnvCollection)}
	if p := getenv(EnvPassphrase); p != "" {
		cfg.Passphrase = func(string) (string, error) { return p, nil }
	} else if prompt != nil {
		cfg.Passphrase = prompt
	} else {
		cfg.Passphrase = func(string) (string, error) {
			return "", errors.New("the encrypted keychain file needs a passphrase and none can be asked for here: set " + EnvPassphrase)
		}
	}
	return cfg
}
