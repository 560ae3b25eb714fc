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
	"                        [--credentials FILE] [--no-cli-cache]"

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
	if code, ok := parseFlags(env, fs, interspersed(args, "region", "destination", "mfa-code", "config", "credentials")); !ok {
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
	if why := notFederatable(plan); why != "" {
		fmt.Fprintf(env.Stderr, "rolecall console: %s\n", why)
		return ExitFail
	}
	store := assume.NewStore(engineOptions(env, f.noCLICache, 12), nil)
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

// notFederatable explains why a plan's credentials cannot open the console, "" when they can: the
// federation endpoint takes role sessions, not an IAM user's keys or the MFA session made from them.
func notFederatable(plan assume.Plan) string {
	if len(plan.Roles) > 0 || plan.Source.Kind != assume.StaticKeys {
		return ""
	}
	return fmt.Sprintf("profile %q holds an IAM user's access keys and assumes no role, and the console sign-in takes only "+
		"role sessions: use a profile with role_arn, or sign in with the user's password (Rolecall does not call "+
		"GetFederationToken, which could make a console session from user keys)", plan.Profile)
}

// consoleSessionDuration is the console session length to ask for: the longest (12 hours) for a role
// assumed straight from an IAM user's keys; none for a role-chained session (or one whose source may
// be a role), which the federation endpoint refuses with a length and limits to what is left of it.
func consoleSessionDuration(plan assume.Plan) time.Duration {
	if len(plan.Roles) == 1 && plan.Source.Kind == assume.StaticKeys && plan.Source.SessionToken == "" {
		return console.MaxSessionDuration
	}
	return 0
}
