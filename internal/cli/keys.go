package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"golang.org/x/term"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/internal/keyops"
	"github.com/rolecall/rolecall/keychain"
)

func init() {
	commands["keys"] = command{summary: "keep long-term access keys in the OS keychain instead of the credentials file", run: runKeys}
}

const keysUsage = `Usage: rolecall keys SUBCOMMAND [flags]

  import PROFILE   move PROFILE's access keys from the credentials file into the keychain
  add PROFILE      store new access keys for PROFILE (asked for on the terminal, or read from stdin)
  list             the profiles whose keys the keychain holds (key IDs masked) and the keychain in use
  remove PROFILE   delete PROFILE's keys from the keychain
  export PROFILE   put PROFILE's keys back into the credentials file in plaintext

Flags of every subcommand: --credentials FILE (default: $AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials)
add also takes --mfa-serial ARN. The keychain: $ROLECALL_KEYCHAIN_BACKEND (docs/secrets.md).
`

func runKeys(env Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		io.WriteString(env.Stderr, keysUsage)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	sub, rest := args[0], args[1:]
	fs := newFlagSet(env, "keys "+sub, "[PROFILE] [--credentials FILE]")
	var files fileFlags
	files.register(fs)
	mfaSerial := ""
	if sub == "add" {
		fs.StringVar(&mfaSerial, "mfa-serial", "", "the MFA device `ARN` to keep with the keys (optional)")
	}
	if code, ok := parseFlags(env, fs, interspersed(rest, "config", "credentials", "mfa-serial")); !ok {
		return code
	}
	wantProfile := sub != "list"
	if wantProfile && fs.NArg() != 1 || !wantProfile && fs.NArg() != 0 {
		return usageError(env, fs, "give "+map[bool]string{true: "exactly one PROFILE", false: "no arguments"}[wantProfile])
	}
	loc, err := files.locations(env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall keys %s: %v\n", sub, err)
		return ExitUsage
	}
	credentials := loc.Credentials
	switch sub {
	case "import", "add", "remove", "export", "list":
	default:
		fmt.Fprintf(env.Stderr, "rolecall keys: unknown subcommand %q: use import, add, list, remove or export\n", sub)
		return ExitUsage
	}
	k, err := keychain.Open(keychain.ConfigFromEnv(getenv(env), passphrasePrompt(env)))
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall keys %s: %v\n", sub, err)
		return ExitFail
	}
	if sub == "list" {
		return keysList(env, k, credentials)
	}
	profile := fs.Arg(0)
	var res keyops.Result
	switch sub {
	case "import":
		res, err = keyops.Import(k, credentials, profile)
	case "add":
		var keys keychain.AccessKeys
		if keys, err = readKeys(env); err == nil {
			keys.MFASerial = mfaSerial
			res, err = keyops.Add(k, credentials, profile, keys)
		}
	case "remove":
		res, err = keyops.Remove(k, credentials, profile)
	case "export":
		res, err = keyops.Export(k, credentials, profile)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall keys %s: %v\n", sub, err)
		return ExitFail
	}
	reportKeys(env, sub, res)
	return ExitOK
}

func getenv(env Env) func(string) string {
	return func(name string) string { v, _ := env.Getenv(name); return v }
}

// reportKeys says on stdout what changed, naming the file and the keychain, never a secret.
func reportKeys(env Env, sub string, res keyops.Result) {
	switch sub {
	case "import":
		fmt.Fprintf(env.Stdout, "Moved the keys of %q (%s) into the %s.\n%s now runs `%s` instead of holding them.\n",
			res.Profile, res.KeyID, res.Keychain, res.File, awsfiles.KeychainProcess(res.Profile))
		warnIfNotOnPath(env)
	case "add":
		fmt.Fprintf(env.Stdout, "Stored the keys of %q (%s) in the %s.\n", res.Profile, res.KeyID, res.Keychain)
		if res.File != "" {
			fmt.Fprintf(env.Stdout, "%s now runs `%s` for profile %q.\n", res.File, awsfiles.KeychainProcess(res.Profile), res.Profile)
		}
		warnIfNotOnPath(env)
	case "remove":
		fmt.Fprintf(env.Stdout, "Removed the keys of %q from the %s.\n", res.Profile, res.Keychain)
		if res.File != "" {
			fmt.Fprintf(env.Stdout, "Removed its credential_process line from %s; the [%s] section stays.\n", res.File, res.Profile)
		}
	case "export":
		fmt.Fprintf(env.Stdout, "Wrote the keys of %q (%s) back into %s in plaintext and removed them from the %s.\n",
			res.Profile, res.KeyID, res.File, res.Keychain)
	}
}

// warnIfNotOnPath: the AWS CLI and the SDKs run credential_process by name.
func warnIfNotOnPath(env Env) {
	if _, err := exec.LookPath("rolecall"); err != nil {
		fmt.Fprintln(env.Stderr, "rolecall keys: rolecall is not on PATH, so the AWS CLI cannot run the credential_process line: "+
			"put the rolecall binary on PATH (Rolecall itself reads the keychain directly)")
	}
}

func keysList(env Env, k *keychain.Keychain, credentialsPath string) int {
	creds, err := awsfiles.ReadFile(awsfiles.CredentialsFile, credentialsPath)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall keys list: %v\n", err)
		return ExitUsage
	}
	stored, err := keyops.List(k, creds)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall keys list: %v\n", err)
		return ExitFail
	}
	fmt.Fprintf(env.Stdout, "Keychain: %s\n", k.Describe())
	if len(stored) == 0 {
		fmt.Fprintln(env.Stdout, "No keys stored. Move a profile's keys in with `rolecall keys import PROFILE`.")
		return ExitOK
	}
	for _, s := range stored {
		note := "used by " + credentialsPath
		if !s.InFile {
			note = "not used: " + credentialsPath + " has no credential_process line for it"
		}
		if s.Err != nil {
			note = "unreadable: " + s.Err.Error()
		}
		mfa := ""
		if s.MFASerial != "" {
			mfa = "  mfa " + s.MFASerial
		}
		fmt.Fprintf(env.Stdout, "  %-24s %s%s  (%s)\n", s.Profile, s.KeyID, mfa, note)
	}
	return ExitOK
}

// readKeys reads a new key pair: asked for on the terminal (the secret is not echoed), or two lines on
// stdin for scripts. Never from the command line, so the secret stays out of shell history and ps.
func readKeys(env Env) (keychain.AccessKeys, error) {
	var keys keychain.AccessKeys
	if f, ok := env.Stdin.(*os.File); ok && stdinIsTerminal(env.Stdin) {
		fmt.Fprint(env.Stderr, "AWS access key ID: ")
		line, err := bufio.NewReader(f).ReadString('\n')
		if err != nil && line == "" {
			return keys, errors.New("no access key ID was typed: run the command again and type it")
		}
		keys.AccessKeyID = strings.TrimSpace(line)
		fmt.Fprint(env.Stderr, "AWS secret access key (not shown): ")
		secret, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(env.Stderr)
		if err != nil {
			return keys, fmt.Errorf("cannot read the secret access key from the terminal: %v", err)
		}
		keys.SecretAccessKey = strings.TrimSpace(string(secret))
	} else {
		in := bufio.NewScanner(env.Stdin)
		for _, dst := range []*string{&keys.AccessKeyID, &keys.SecretAccessKey} {
			if in.Scan() {
				*dst = strings.TrimSpace(in.Text())
			}
		}
	}
	if keys.AccessKeyID == "" || keys.SecretAccessKey == "" {
		return keys, errors.New("both the access key ID and the secret access key are needed: type them when asked, " +
			"or give them on stdin as two lines (ID, then secret)")
	}
	if strings.ContainsAny(keys.AccessKeyID, " \t=") || len(keys.AccessKeyID) < 16 {
		return keys, fmt.Errorf("%q does not look like an access key ID (AKIA… , 16 or more characters): give the ID first, then the secret",
			awsfiles.MaskAccessKeyID(keys.AccessKeyID))
	}
	return keys, nil
}

// passphrasePrompt asks for the encrypted file backend's passphrase on the terminal, not echoed; nil
// when stdin is not a terminal (ROLECALL_FILE_PASSPHRASE is then the only way).
func passphrasePrompt(env Env) func(string) (string, error) {
	f, ok := env.Stdin.(*os.File)
	if !ok || !stdinIsTerminal(env.Stdin) {
		return nil
	}
	return func(prompt string) (string, error) {
		fmt.Fprintf(env.Stderr, "%s (not shown): ", prompt)
		p, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(env.Stderr)
		return string(p), err
	}
}

// usesKeychainFlag reports a `credential-process --from-keychain` command line.
func usesKeychainFlag(args []string) bool {
	for _, a := range args {
		if a == awsfiles.KeychainFlag {
			return true
		}
	}
	return false
}

// runKeychainProcess serves `credential_process = rolecall credential-process --from-keychain --profile P`:
// it prints P's keys from the keychain as the credential_process JSON. It never reads the AWS files, so a
// profile whose own definition is this line cannot make it call itself.
func runKeychainProcess(env Env, args []string) int {
	fs := newFlagSet(env, "credential-process", awsfiles.KeychainFlag+" --profile PROFILE")
	profile := fs.String("profile", "", "the `profile` whose keys to print")
	fs.Bool(strings.TrimPrefix(awsfiles.KeychainFlag, "--"), true, "read the keys from the OS keychain")
	var files fileFlags
	files.register(fs) // accepted and ignored, so the line may carry them like any credential-process line
	if code, ok := parseFlags(env, fs, interspersed(args, "profile", "config", "credentials")); !ok {
		return code
	}
	if *profile == "" || fs.NArg() > 0 {
		return usageError(env, fs, "name the profile with --profile PROFILE (and nothing else)")
	}
	k, err := keychain.Open(keychain.ConfigFromEnv(getenv(env), passphrasePrompt(env)))
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall credential-process: %v\n", err)
		return ExitFail
	}
	keys, err := k.LoadKeys(*profile)
	if errors.Is(err, keychain.ErrNotFound) {
		fmt.Fprintf(env.Stderr, "rolecall credential-process: the %s has no keys for profile %q: store them with `rolecall keys add %s`\n",
			k.Describe(), *profile, *profile)
		return ExitFail
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall credential-process: %v\n", err)
		return ExitFail
	}
	out, _ := json.Marshal(struct {
		Version         int    `json:"Version"`
		AccessKeyID     string `json:"AccessKeyId"`
		SecretAccessKey string `json:"SecretAccessKey"`
	}{1, keys.AccessKeyID, keys.SecretAccessKey})
	fmt.Fprintf(env.Stdout, "%s\n", out)
	return ExitOK
}
