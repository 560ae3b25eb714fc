package cli

import (
	"fmt"
	"time"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/console"
)

func init() {
	commands["console"] = command{summary: "open the AWS console as a profile's role (or print the sign-in URL)", run: runConsole}
}

const consoleUsage = "PROFILE [--print] [--region R] [--destination URL|PATH] [--mfa-code CODE] [--config FILE]\n" +
	"                        [--credentials FILE] [--no-cli-cache] [--yubikey ACCOUNT] [--mfa-timeout D]"

// envFederationEndpoint points the sign-in at a local stand-in of the federation endpoint: for tests
// only, and only a loopback URL is accepted.
const envFederationEndpoint = "ROLECALL_FEDERATION_ENDPOINT"

type consoleFlags struct {
	files       fileFlags
	print       bool
	region      string
	destination string
	mfaCode     string
	noCLICache  bool
	mfaHelpers  mfaHelperFlags
}

func runConsole(env Env, args []string) int {
	fs := newFlagSet(env, "console", consoleUsage)
	var f consoleFlags
	f.files.register(fs)
	fs.BoolVar(&f.print, "print", false, "print the sign-in URL (a secret for 15 minutes) instead of opening a browser")
	fs.StringVar(&f.region, "region", "", "the console's `region` (default: the profile's)")
	fs.StringVar(&f.destination, "destination", "", "the console page to open: a `path` such as s3/home, or an https URL of the console")
	fs.StringVar(&f.mfaCode, "mfa-code", "", "the six-digit `code` of the profile's MFA device (asked for on a terminal when needed)")
	fs.BoolVar(&f.noCLICache, "no-cli-cache", false, "neither read nor write the AWS CLI's cache (~/.aws/cli/cache)")
	f.mfaHelpers.register(fs)
	if code, ok := parseFlags(env, fs, interspersed(args, append(mfaHelperValueFlags, "region", "destination", "mfa-code", "config", "credentials")...)); !ok {
		return code
	}
	msg := regionProblem(f.region)
	if fs.NArg() != 1 {
		msg = "name one profile whose role opens the console"
	}
	if msg != "" {
		return usageError(env, fs, msg)
	}
	profile := fs.Arg(0)
	loc, err := f.files.locations(env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall console: %v\n", err)
		return ExitUsage
	}
	_, plan, code := loadPlan(env, "console", loc, profile)
	if code != ExitOK {
		return code
	}
	plan = withRegion(plan, f.region)
	if why := plan.ConsoleProblem(); why != "" {
		fmt.Fprintf(env.Stderr, "rolecall console: %s\n", why)
		return ExitFail
	}
	store := assume.NewStore(f.mfaHelpers.apply(env, engineOptions(env, f.noCLICache, 12)), nil)
	defer store.Close()
	st, creds, err := assumeInteractive(env, store, plan, f.mfaCode)
	if err != nil {
		return reportAssumeError(env, "console", profile, err)
	}
	override, _ := env.Getenv(envFederationEndpoint)
	signin, err := console.SigninURL(env.Context, console.Request{
		Session: console.Session{AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey,
			SessionToken: creds.SessionToken, Arn: st.AssumedRoleArn, Region: plan.Region},
		Destination: f.destination, SessionDuration: consoleSessionDuration(plan),
	}, console.Options{FederationEndpoint: override})
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall console: %v\n", err)
		return ExitFail
	}
	if f.print {
		fmt.Fprintln(env.Stdout, signin)
		return ExitOK
	}
	if err := openBrowser(env, signin); err != nil {
		fmt.Fprintf(env.Stderr, "rolecall console: cannot open a browser (%v): run again with --print and open the URL yourself\n", err)
		return ExitFail
	}
	fmt.Fprintf(env.Stderr, "Opened the console as %s in the browser (the sign-in link works for 15 minutes)\n", st.AssumedRoleArn)
	return ExitOK
}

// consoleSessionDuration is the console session length to ask for: the longest (12 hours) when the
// federation endpoint allows one (assume.Plan.RoleFromUserKeys), none otherwise.
func consoleSessionDuration(plan assume.Plan) time.Duration {
	if plan.RoleFromUserKeys() {
		return console.MaxSessionDuration
	}
	return 0
}
