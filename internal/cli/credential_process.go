package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/awsfiles"
)

func init() {
	commands["credential-process"] = command{summary: "print a profile's credentials for credential_process (never prompts)", run: runCredentialProcess}
}

// runCredentialProcess is what a `credential_process = rolecall credential-process --profile dev` line
// runs: the AWS SDKs and the CLI call it whenever they need credentials and read its stdout as the
// credential_process JSON. It never prompts (the SDK gives the process no terminal to prompt on): it
// reuses a valid session from the AWS CLI's cache (the entry `rolecall assume` and `aws` write) or
// assumes the role when no MFA code is needed, and otherwise exits 1 saying how to start a session.
func runCredentialProcess(env Env, args []string) int {
	if usesKeychainFlag(args) {
		return runKeychainProcess(env, args) // keys.go: long-term keys from the OS keychain
	}
	fs := newFlagSet(env, "credential-process", "--profile PROFILE [--region R] [--config FILE] [--credentials FILE]")
	var files fileFlags
	files.register(fs)
	profile := fs.String("profile", "", "the `profile` whose credentials to print")
	region := fs.String("region", "", "the `region` for the STS calls (default: the profile's)")
	if code, ok := parseFlags(env, fs, interspersed(args, "profile", "config", "credentials", "region")); !ok {
		return code
	}
	if msg := regionProblem(*region); msg != "" {
		return usageError(env, fs, msg)
	}
	if problem := argsProblem("credential-process", fs.Args()); problem != "" {
		return usageError(env, fs, problem+" (name the profile with --profile PROFILE)")
	}
	if *profile == "" {
		return usageError(env, fs, "name the profile with --profile PROFILE")
	}
	loc, err := files.locations(env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall credential-process: %v\n", err)
		return ExitUsage
	}
	_, plan, code := loadPlan(env, "credential-process", loc, *profile)
	if code != ExitOK {
		return code
	}
	plan = withRegion(plan, *region)
	if callsItself(plan) {
		fmt.Fprintf(env.Stderr, "rolecall credential-process: profile %q gets its credentials from `rolecall credential-process --profile %s` "+
			"itself, which would never end: point credential_process at a different profile (the role to assume)\n", plan.Source.Profile, *profile)
		return ExitFail
	}
	store := assume.NewStore(engineOptions(env, false, 12), nil)
	defer store.Close()
	if _, err := store.Assume(env.Context, plan, ""); err != nil {
		return reportProcessError(env, *profile, err)
	}
	creds, err := store.Credentials(*profile)
	if err != nil {
		return reportProcessError(env, *profile, err)
	}
	out, err := creds.ProcessOutput()
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall credential-process: %v\n", err)
		return ExitFail
	}
	fmt.Fprintf(env.Stdout, "%s\n", out)
	return ExitOK
}

// callsItself reports a profile whose chain starts with a credential_process that runs this very
// command for the same profile.
func callsItself(plan assume.Plan) bool {
	if plan.Source.Kind != assume.CredentialProcess {
		return false
	}
	if _, ok := awsfiles.KeychainProcessProfile(plan.Source.Process); ok {
		return false // the keychain line never reads the files, and the engine reads the keychain itself
	}
	fields := strings.Fields(plan.Source.Process)
	for i, f := range fields {
		if f == "credential-process" {
			rest := strings.Join(fields[i+1:], " ")
			return strings.Contains(" "+rest+" ", " --profile "+plan.Profile+" ") ||
				strings.Contains(" "+rest+" ", " --profile="+plan.Profile+" ")
		}
	}
	return false
}

// reportProcessError explains on stderr (the SDK shows it to the user) why there are no credentials.
func reportProcessError(env Env, profile string, err error) int {
	var need *assume.MFARequiredError
	if errors.As(err, &need) {
		fmt.Fprintf(env.Stderr, "rolecall credential-process: profile %q needs an MFA code for %s and no cached session is valid; "+
			"start one with `rolecall assume %s --mfa-code CODE` (or `aws sts get-caller-identity --profile %s` in a terminal), then run the command again\n",
			profile, need.Serial, profile, profile)
		return ExitFail
	}
	fmt.Fprintf(env.Stderr, "rolecall credential-process: cannot assume profile %q: %v\n", profile, err)
	return ExitFail
}
