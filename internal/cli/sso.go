package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/sso"
)

func init() {
	commands["sso"] = command{summary: "sign in to IAM Identity Center, list its accounts and roles, generate profiles", run: runSSO}
}

const ssoUsage = `SUBCOMMAND [flags]

Subcommands:
  login     [--sso-session NAME | --profile P] [--use-device-code] [--no-browser]
  logout    [--sso-session NAME | --profile P]
  accounts  [--sso-session NAME | --profile P] [--format text|json] [--refresh]
  profiles  [--sso-session NAME | --profile P] [--write] [--prefix P] [--template T] [--region R]

Every subcommand also takes --config FILE and --credentials FILE.`

func runSSO(env Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintf(env.Stderr, "Usage: rolecall sso %s\n", ssoUsage)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	sub, ok := map[string]func(Env, []string) int{
		"login": runSSOLogin, "logout": runSSOLogout, "accounts": runSSOAccounts, "profiles": runSSOProfiles,
	}[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "rolecall sso: unknown subcommand %q\n\nUsage: rolecall sso %s\n", args[0], ssoUsage)
		return ExitUsage
	}
	return sub(env, args[1:])
}

// ssoFlags are the flags every sso subcommand shares: which session, and which files.
type ssoFlags struct {
	files   fileFlags
	session string
	profile string
}

func (f *ssoFlags) register(fs *flag.FlagSet) {
	f.files.register(fs)
	fs.StringVar(&f.session, "sso-session", "", "the [sso-session `NAME`] (default: the only one)")
	fs.StringVar(&f.profile, "profile", "", "the SSO `profile` whose session to use (a legacy profile with sso_start_url too)")
}

// parseSSO parses a subcommand's flags; ok is false when the command must stop with code.
func parseSSO(env Env, name string, args []string, f *ssoFlags, fs *flag.FlagSet, valueFlags ...string) (code int, ok bool) {
	if code, ok := parseFlags(env, fs, interspersed(args, append(valueFlags, "sso-session", "profile", "config", "credentials")...)); !ok {
		return code, false
	}
	if problem := argsProblem("sso "+name, fs.Args()); problem != "" {
		return usageError(env, fs, problem), false
	}
	if f.session != "" && f.profile != "" {
		return usageError(env, fs, "name the session with --sso-session or --profile, not both"), false
	}
	return ExitOK, true
}

// ssoSession finds the session the flags name (or the only one; on a terminal, asks which when there
// are several). A session that does not exist, or a file that cannot be read, is exit code 2.
func ssoSession(env Env, cmd string, f *ssoFlags) (*awsfiles.Model, sso.Session, int) {
	loc, err := f.files.locations(env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall sso %s: %v\n", cmd, err)
		return nil, sso.Session{}, ExitUsage
	}
	m, err := awsfiles.Load(loc)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall sso %s: %v\n", cmd, err)
		return nil, sso.Session{}, ExitUsage
	}
	lookup := awsfiles.Env(env.Getenv)
	var s sso.Session
	switch {
	case f.profile != "":
		s, err = sso.SessionOfProfile(m, f.profile, lookup)
	case f.session != "":
		s, err = sso.SessionNamed(m, f.session, lookup)
	default:
		s, err = sso.OnlySession(m, lookup)
		var choose *sso.ChooseSessionError
		if errors.As(err, &choose) && stdinIsTerminal(env.Stdin) {
			s, err = askSession(env, m, choose.Names)
		}
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall sso %s: %v\n", cmd, err)
		return nil, sso.Session{}, ExitUsage
	}
	return m, s, ExitOK
}

// askSession asks on the terminal which of several sessions to use.
func askSession(env Env, m *awsfiles.Model, names []string) (sso.Session, error) {
	for i, n := range names {
		fmt.Fprintf(env.Stderr, "  %d) %s\n", i+1, n)
	}
	fmt.Fprintf(env.Stderr, "Which sso-session (1-%d)? ", len(names))
	line, _ := bufio.NewReader(env.Stdin).ReadString('\n')
	line = strings.TrimSpace(line)
	if i, err := strconv.Atoi(line); err == nil && i >= 1 && i <= len(names) {
		line = names[i-1]
	}
	return sso.SessionNamed(m, line, awsfiles.Env(env.Getenv))
}

// ssoClient is the sso client for a command-line run, with the token cache under the same home the
// files were found in.
func ssoClient(env Env) *sso.Client {
	opts := sso.Options{}
	if env.Home != "" {
		opts.CacheDir = filepath.Join(env.Home, ".aws", "sso", "cache")
	}
	if ssoTestOptions != nil {
		ssoTestOptions(&opts)
	}
	return sso.New(opts)
}

// ssoTestOptions lets tests shorten waits; nil in the binary.
var ssoTestOptions func(*sso.Options)

// ssoFailed prints an sso error (one sentence that says what to do) and returns exit code 1.
func ssoFailed(env Env, cmd string, err error) int {
	fmt.Fprintf(env.Stderr, "rolecall sso %s: %v\n", cmd, err)
	return ExitFail
}

func runSSOLogin(env Env, args []string) int {
	const usage = "[--sso-session NAME | --profile P] [--use-device-code] [--no-browser] [--config FILE]"
	fs := newFlagSet(env, "sso login", usage)
	var f ssoFlags
	f.register(fs)
	device := fs.Bool("use-device-code", false, "sign in with a code typed on any device (for remote machines) instead of a browser on this one")
	noBrowser := fs.Bool("no-browser", false, "show the sign-in page's URL instead of opening a browser")
	if code, ok := parseSSO(env, "login", args, &f, fs); !ok {
		return code
	}
	_, s, code := ssoSession(env, "login", &f)
	if code != ExitOK {
		return code
	}
	useDevice := *device || !browserAvailable(env)
	open := !*noBrowser && browserAvailable(env)
	st, err := ssoClient(env).Login(env.Context, s, sso.LoginOptions{UseDeviceCode: useDevice, Events: func(e sso.Event) {
		showSignInStep(env, e, open)
	}})
	if err != nil {
		return ssoFailed(env, "login", err)
	}
	fmt.Fprintf(env.Stderr, "Signed in to %s until %s", s.Label(), st.Expires.Local().Format("2006-01-02 15:04"))
	if st.Refreshable {
		fmt.Fprint(env.Stderr, "; renewed automatically while the Identity Center session lasts")
	}
	fmt.Fprintln(env.Stderr, ".")
	return ExitOK
}

// showSignInStep tells the person what to do, on stderr, and opens the browser when it may.
func showSignInStep(env Env, e sso.Event, open bool) {
	switch e.Kind {
	case sso.EventOpen:
		if e.UserCode != "" {
			fmt.Fprintf(env.Stderr, "To sign in to %s, open this page on any device:\n\n  %s\n\nand confirm the code\n\n  %s\n\n"+
				"(or open %s , which fills in the code)\n\n", e.Session, e.VerificationURI, e.UserCode, e.URL)
		} else {
			fmt.Fprintf(env.Stderr, "To sign in to %s, open this page in a browser on this computer:\n\n  %s\n\n"+
				"(on a remote machine, run again with --use-device-code)\n\n", e.Session, e.URL)
		}
		if open {
			if err := openBrowser(env, e.URL); err != nil {
				fmt.Fprintf(env.Stderr, "Could not open a browser (%v): open the page yourself.\n", err)
			}
		}
	case sso.EventWaiting:
		fmt.Fprintf(env.Stderr, "Waiting for approval until %s (Ctrl-C to cancel)…\n", e.ExpiresAt.Local().Format("15:04"))
	}
}

func runSSOLogout(env Env, args []string) int {
	const usage = "[--sso-session NAME | --profile P] [--config FILE]"
	fs := newFlagSet(env, "sso logout", usage)
	var f ssoFlags
	f.register(fs)
	if code, ok := parseSSO(env, "logout", args, &f, fs); !ok {
		return code
	}
	_, s, code := ssoSession(env, "logout", &f)
	if code != ExitOK {
		return code
	}
	if err := ssoClient(env).Logout(env.Context, s); err != nil {
		return ssoFailed(env, "logout", err)
	}
	fmt.Fprintf(env.Stderr, "Signed out of %s; other sessions stay signed in.\n", s.Label())
	return ExitOK
}

func runSSOAccounts(env Env, args []string) int {
	const usage = "[--sso-session NAME | --profile P] [--format text|json] [--refresh] [--config FILE]"
	fs := newFlagSet(env, "sso accounts", usage)
	var f ssoFlags
	f.register(fs)
	format := fs.String("format", "text", "output `format`: text or json")
	refresh := fs.Bool("refresh", false, "ask the portal again even if a recent answer is cached")
	if code, ok := parseSSO(env, "accounts", args, &f, fs, "format"); !ok {
		return code
	}
	if problem := formatProblem(*format, "text", "json"); problem != "" {
		return usageError(env, fs, problem)
	}
	_, s, code := ssoSession(env, "accounts", &f)
	if code != ExitOK {
		return code
	}
	dir, err := ssoClient(env).Accounts(env.Context, s, *refresh)
	if err != nil {
		return ssoFailed(env, "accounts", err)
	}
	if *format == "json" {
		json.NewEncoder(env.Stdout).Encode(dir)
		return ExitOK
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ACCOUNT ID\tNAME\tEMAIL\tROLES")
	for _, a := range dir.Accounts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.ID, a.Name, a.Email, strings.Join(a.Roles, ", "))
	}
	tw.Flush()
	return ExitOK
}

func runSSOProfiles(env Env, args []string) int {
	const usage = "[--sso-session NAME | --profile P] [--write] [--prefix P] [--template T] [--region R] [--config FILE]"
	fs := newFlagSet(env, "sso profiles", usage)
	var f ssoFlags
	f.register(fs)
	write := fs.Bool("write", false, "write the profiles into the config file (otherwise print the block that would be written)")
	var o sso.ProfileOptions
	fs.StringVar(&o.Prefix, "prefix", "", "put `P` before every profile name")
	fs.StringVar(&o.Template, "template", sso.DefaultTemplate, "profile names: `T` with {account_name}, {account_id}, {role_name}, {sso_session}")
	fs.StringVar(&o.Region, "region", "", "the `region` setting of each profile (default: the session's sso_region)")
	if code, ok := parseSSO(env, "profiles", args, &f, fs, "prefix", "template", "region"); !ok {
		return code
	}
	if err := sso.CheckTemplate(o.Template); err != nil {
		fmt.Fprintf(env.Stderr, "rolecall sso profiles: %v\n", err)
		return ExitUsage
	}
	m, s, code := ssoSession(env, "profiles", &f)
	if code != ExitOK {
		return code
	}
	dir, err := ssoClient(env).Accounts(env.Context, s, false)
	if err != nil {
		return ssoFailed(env, "profiles", err)
	}
	o.Taken = func(name string) bool { return m.Credentials != nil && credentialsHas(m.Credentials, name) }
	loc, err := f.files.locations(env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall sso profiles: %v\n", err)
		return ExitUsage
	}
	path := loc.Config
	var plan sso.ProfilesPlan
	if *write {
		plan, err = sso.WriteProfiles(path, s, dir, o)
	} else {
		plan, err = sso.PlanProfiles(m.Config, s, dir, o)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall sso profiles: %v\n", err)
		return ExitUsage
	}
	if !*write {
		fmt.Fprint(env.Stdout, plan.Block)
		fmt.Fprintf(env.Stderr, "%d profiles for %s (%s); run again with --write to put them in %s.\n",
			len(plan.Profiles), s.Label(), changeCounts(plan), path)
		return ExitOK
	}
	verb := "Wrote"
	if !plan.Changed {
		verb = "Nothing to change:"
	}
	fmt.Fprintf(env.Stderr, "%s %d profiles for %s in %s (%s).\n", verb, len(plan.Profiles), s.Label(), path, changeCounts(plan))
	return ExitOK
}

func changeCounts(p sso.ProfilesPlan) string {
	return fmt.Sprintf("%d added, %d removed, %d kept", len(p.Added), len(p.Removed), len(p.Kept))
}

// credentialsHas reports whether the credentials file has a profile of that name: a generated
// profile of the same name would merge with it.
func credentialsHas(f *awsfiles.File, name string) bool {
	for _, s := range f.Sections {
		if s.Header != nil && s.Head.Type == awsfiles.SectionProfile && strings.EqualFold(s.Head.Name, name) {
			return true
		}
	}
	return false
}
