package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/credendpoint"
)

func init() {
	commands["exec"] = command{summary: "run a command with a role's credentials (static, or a refreshing endpoint with --server)", run: runExec}
}

const execUsage = "PROFILE [--server] [--region R] [--mfa-code CODE] [--force-nest] [--config FILE] [--credentials FILE]\n" +
	"                     [--no-cli-cache] [--yubikey ACCOUNT] [--mfa-timeout D] -- COMMAND [ARGS...]"

// Exit codes of exec besides the command's own (docs/cli.md): the shell's codes for a command that
// cannot be run.
const (
	ExitCannotRun = 126 // the command was found but could not be started
	ExitNotFound  = 127 // no such command
)

// refreshBeforeForServer renews a session served by `exec --server` 15 minutes before it ends: botocore
// starts asking for new credentials then (its advisory window), aws-sdk-go-v2 5 minutes before.
const refreshBeforeForServer = 15 * time.Minute

type execFlags struct {
	files      fileFlags
	server     bool
	region     string
	mfaCode    string
	forceNest  bool
	noCLICache bool
	mfaHelpers mfaHelperFlags
}

// runExec assumes the profile with the same engine as `rolecall assume` and runs the command with the
// role's credentials. rolecall's own exit codes apply until the command starts; from then on the exit
// status is the command's.
func runExec(env Env, args []string) int {
	fs := newFlagSet(env, "exec", execUsage)
	var f execFlags
	f.files.register(fs)
	fs.BoolVar(&f.server, "server", false, "serve the credentials from a local endpoint that keeps them fresh, instead of static variables")
	fs.StringVar(&f.region, "region", "", "the `region` for the STS calls and the command (default: the profile's)")
	fs.StringVar(&f.mfaCode, "mfa-code", "", "the six-digit `code` of the profile's MFA device (asked for on a terminal when needed)")
	fs.BoolVar(&f.forceNest, "force-nest", false, "run inside another `rolecall exec` for a different profile")
	fs.BoolVar(&f.noCLICache, "no-cli-cache", false, "neither read nor write the AWS CLI's cache (~/.aws/cli/cache)")
	f.mfaHelpers.register(fs)
	own, command := splitCommand(args)
	if code, ok := parseFlags(env, fs, interspersed(own, append(mfaHelperValueFlags, "region", "mfa-code", "config", "credentials")...)); !ok {
		return code
	}
	if msg := f.problem(fs.Args(), command); msg != "" {
		return usageError(env, fs, msg)
	}
	profile := fs.Arg(0)
	if outer, ok := env.Getenv(envProfile); ok && outer != "" && outer != profile && !f.forceNest {
		fmt.Fprintf(env.Stderr, "rolecall exec: already inside `rolecall exec %s` (%s is set): exit that shell first, "+
			"or add --force-nest to run %s from inside it\n", outer, envProfile, profile)
		return ExitUsage
	}
	loc, err := f.files.locations(env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall exec: %v\n", err)
		return ExitUsage
	}
	m, plan, code := loadPlan(env, "exec", loc, profile)
	if code != ExitOK {
		return code
	}
	if key := endpointShadow(m); f.server && key != "" {
		fmt.Fprintf(env.Stderr, "rolecall exec: warning: the default profile sets %s, and the AWS SDKs and CLI use the default "+
			"profile's credentials before the endpoint: the command may run as that profile; run without --server, "+
			"or move those credentials to a named profile\n", key)
	}
	plan = withRegion(plan, f.region)
	opts := f.mfaHelpers.apply(env, engineOptions(env, f.noCLICache, 12))
	if f.server {
		opts.DisableAutoRefresh, opts.RefreshBefore = false, refreshBeforeForServer
	}
	store := assume.NewStore(opts, nil)
	defer store.Close()
	_, creds, err := assumeInteractive(env, store, plan, f.mfaCode)
	if err != nil {
		return reportAssumeError(env, "exec", profile, err)
	}
	path, code := lookCommand(env, command[0])
	if code != ExitOK {
		return code
	}
	childEnv := childEnvironment(env, profile, plan.Region)
	if !f.server {
		childEnv = append(childEnv, staticCredentials(creds)...)
		if canReplaceProcess(env) {
			// Nothing is left to do after the command starts: become it, so that signals, job control
			// and the exit status are the command's own, with no process in between.
			store.Close()
			err := replaceProcess(path, command, childEnv)
			fmt.Fprintf(env.Stderr, "rolecall exec: cannot run %s: %v\n", command[0], err)
			return ExitCannotRun
		}
		return runChild(env, path, command, childEnv)
	}
	srv, err := credendpoint.Start(credendpoint.StoreSource{Store: store, Profile: profile}, credendpoint.Options{})
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall exec: %v\n", err)
		return ExitFail
	}
	defer srv.Close()
	for _, kv := range srv.Env() {
		childEnv = append(childEnv, kv[0]+"="+kv[1])
	}
	return runChild(env, path, command, childEnv)
}

// splitCommand separates rolecall's own arguments from the command: everything after the first "--";
// without one, everything after the first argument that is not a flag (the profile).
func splitCommand(args []string) (own, command []string) {
	for i, a := range args {
		if a == "--" {
			return args[:i], args[i+1:]
		}
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") {
			return args[:i+1], args[i+1:]
		}
		name := strings.TrimLeft(a, "-")
		if !strings.Contains(name, "=") && (slices.Contains(mfaHelperValueFlags, name) || name == "region" || name == "mfa-code" ||
			name == "config" || name == "credentials") {
			i++ // its value
		}
	}
	return args, nil
}

func (f *execFlags) problem(args, command []string) string {
	switch {
	case len(args) == 0:
		return "name the profile whose credentials the command runs with"
	case len(args) > 1:
		return fmt.Sprintf("exec takes one profile before --, and was given %d (%s)", len(args), strings.Join(args, " "))
	case len(command) == 0:
		return "name the command to run after --, as in: rolecall exec " + args[0] + " -- aws sts get-caller-identity"
	}
	return regionProblem(f.region)
}

// lookCommand finds the command on PATH as a shell would, with the shell's exit codes when it cannot.
func lookCommand(env Env, name string) (string, int) {
	path, err := exec.LookPath(name)
	if err == nil {
		return path, ExitOK
	}
	if errors.Is(err, exec.ErrNotFound) || errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(env.Stderr, "rolecall exec: command not found: %s\n", name)
		return "", ExitNotFound
	}
	fmt.Fprintf(env.Stderr, "rolecall exec: cannot run %s: %v\n", name, err)
	return "", ExitCannotRun
}
