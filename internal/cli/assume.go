package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/internal/wire"
)

func init() {
	commands["assume"] = command{summary: "assume a role and print its short-lived credentials", run: runAssume}
}

const assumeUsage = "PROFILE [--mfa-code CODE] [--format env|json|process] [--write-profile NAME [--force-write-profile]]\n" +
	"                       [--region R] [--config FILE] [--credentials FILE] [--no-cli-cache] [--mfa-session-hours N]\n" +
	"                       [--yubikey ACCOUNT] [--mfa-timeout D]"

// assumeFlags are the flags of `rolecall assume`.
type assumeFlags struct {
	files           fileFlags
	mfaCode         string
	format          string
	writeProfile    string
	forceWrite      bool
	noCLICache      bool
	mfaSessionHours int
	region          string
	mfaHelpers      mfaHelperFlags
}

func runAssume(env Env, args []string) int {
	fs := newFlagSet(env, "assume", assumeUsage)
	var f assumeFlags
	f.files.register(fs)
	fs.StringVar(&f.mfaCode, "mfa-code", "", "the six-digit `code` of the profile's MFA device (asked for on a terminal when needed)")
	fs.StringVar(&f.format, "format", "env", "output `format`: env (export lines), json, or process (credential_process JSON)")
	fs.StringVar(&f.writeProfile, "write-profile", "", "also write the session to [`NAME`] in the credentials file")
	fs.BoolVar(&f.forceWrite, "force-write-profile", false, "write to --write-profile NAME even where the AWS tools would use NAME's role_arn, SSO or other settings instead")
	fs.BoolVar(&f.noCLICache, "no-cli-cache", false, "neither read nor write the AWS CLI's cache (~/.aws/cli/cache)")
	fs.IntVar(&f.mfaSessionHours, "mfa-session-hours", 12, "lifetime of the MFA session asked for on long-term keys, 1 to 36 `hours`")
	fs.StringVar(&f.region, "region", "", "the `region` for the STS calls and the printed AWS_REGION (default: the profile's)")
	f.mfaHelpers.register(fs)
	if code, ok := parseFlags(env, fs, interspersed(args, append(mfaHelperValueFlags, "mfa-code", "format", "write-profile", "config", "credentials", "mfa-session-hours", "region")...)); !ok {
		return code
	}
	if msg := f.problem(fs.Args()); msg != "" {
		return usageError(env, fs, msg)
	}
	profile := fs.Arg(0)
	loc, err := f.files.locations(env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall assume: %v\n", err)
		return ExitUsage
	}
	m, plan, code := loadPlan(env, "assume", loc, profile)
	if code != ExitOK {
		return code
	}
	plan = withRegion(plan, f.region)
	if f.writeProfile != "" {
		if msg := writeTargetProblem(m, profile, f.writeProfile, f.forceWrite); msg != "" {
			fmt.Fprintf(env.Stderr, "rolecall assume: %s\n", msg)
			return ExitUsage
		}
	}
	store := assume.NewStore(f.mfaHelpers.apply(env, engineOptions(env, f.noCLICache, f.mfaSessionHours)), nil)
	defer store.Close()
	st, creds, err := assumeInteractive(env, store, plan, f.mfaCode)
	if err != nil {
		return reportAssumeError(env, "assume", profile, err)
	}
	if f.writeProfile != "" {
		if err := assume.WriteSessionProfile(loc.Credentials, f.writeProfile, creds); err != nil {
			fmt.Fprintf(env.Stderr, "rolecall assume: %v\n", err)
			return ExitUsage
		}
	}
	if err := printCredentials(env.Stdout, f.format, st, creds); err != nil {
		fmt.Fprintf(env.Stderr, "rolecall assume: cannot write the credentials: %v\n", err)
		return ExitUsage
	}
	printStatusLine(env.Stderr, st, time.Now())
	if f.writeProfile != "" {
		fmt.Fprintf(env.Stderr, "Wrote the session to [%s] in %s: use it with --profile %s\n", f.writeProfile, loc.Credentials, f.writeProfile)
	}
	return ExitOK
}

// problem says what is wrong with the arguments, "" when nothing is.
func (f *assumeFlags) problem(args []string) string {
	switch {
	case len(args) == 0:
		return "name the profile to assume"
	case len(args) > 1:
		return fmt.Sprintf("assume takes one profile, and was given %d (%s)", len(args), strings.Join(args, " "))
	case formatProblem(f.format, "env", "json", "process") != "":
		return formatProblem(f.format, "env", "json", "process")
	case f.forceWrite && f.writeProfile == "":
		return "--force-write-profile goes with --write-profile NAME"
	case f.mfaSessionHours < 1 || f.mfaSessionHours > 36:
		return fmt.Sprintf("--mfa-session-hours %d is outside 1 to 36 (the range STS allows an IAM user's session)", f.mfaSessionHours)
	}
	return regionProblem(f.region)
}

// loadPlan reads the files and resolves the profile. A file that cannot be read is exit code 2; a
// profile that does not exist or cannot be assumed is 1, with the reason.
func loadPlan(env Env, cmd string, loc awsfiles.Locations, profile string) (*awsfiles.Model, assume.Plan, int) {
	m, err := awsfiles.Load(loc)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall %s: %v\n", cmd, err)
		return nil, assume.Plan{}, ExitUsage
	}
	plan, err := assume.FromProfile(m, profile, assume.LookupEnv(env.Getenv))
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall %s: %v\n", cmd, err)
		return nil, assume.Plan{}, ExitFail
	}
	return m, plan, ExitOK
}

// engineOptions are the engine's settings for one command-line run: no auto-refresh (the process ends
// right away), the AWS CLI's cache under the same home the files were found in.
func engineOptions(env Env, noCLICache bool, mfaSessionHours int) assume.Options {
	opts := assume.Options{DisableAutoRefresh: true, DisableCLICache: noCLICache,
		MFASessionDuration: time.Duration(mfaSessionHours) * time.Hour,
		Getenv:             func(name string) string { v, _ := env.Getenv(name); return v }}
	opts.MFASessions, opts.Share, _ = sessionSharing(env)
	if env.Home != "" {
		opts.CLICacheDir = filepath.Join(env.Home, ".aws", "cli", "cache")
		opts.SSOCacheDir = filepath.Join(env.Home, ".aws", "sso", "cache")
	}
	return opts
}

// stdinIsTerminal reports whether the MFA code can be asked for interactively (tests replace it).
var stdinIsTerminal = func(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// mfaTries is how many codes assume asks for at the terminal before it gives up.
const mfaTries = 3

// assumeInteractive assumes the plan. On a terminal, when an MFA code is needed and none was given, or
// the code was refused (mistyped, not six digits, already used), it asks for one on stderr (stdout stays
// the credentials), up to mfaTries times, saying why it asks again; otherwise it returns the engine's
// error (*MFARequiredError, *MFAInvalidError). A chain with MFA on two hops may ask for each.
func assumeInteractive(env Env, store *assume.Store, plan assume.Plan, code string) (assume.SessionStatus, assume.SessionCredentials, error) {
	var in *bufio.Reader
	st, err := store.Assume(env.Context, plan, code)
	for asked := 0; asked < mfaTries; asked++ {
		serial, retry := codeToAskFor(err)
		if serial == "" || !stdinIsTerminal(env.Stdin) {
			break
		}
		if retry {
			fmt.Fprintf(env.Stderr, "%v\n", err)
		}
		if in == nil {
			in = bufio.NewReader(env.Stdin)
		}
		fmt.Fprintf(env.Stderr, "MFA code for %s: ", serial)
		line, rerr := in.ReadString('\n')
		if strings.TrimSpace(line) == "" && rerr != nil {
			return st, assume.SessionCredentials{}, err
		}
		st, err = store.Assume(env.Context, plan, strings.TrimSpace(line))
	}
	if err != nil {
		return st, assume.SessionCredentials{}, err
	}
	creds, err := store.Credentials(plan.Profile)
	return st, creds, err
}

// codeToAskFor says which device to ask a code for after err ("" when asking would not help), and
// whether a code was just refused.
func codeToAskFor(err error) (serial string, refused bool) {
	var need *assume.MFARequiredError
	var invalid *assume.MFAInvalidError
	switch {
	case errors.As(err, &need):
		return need.Serial, false
	case errors.As(err, &invalid):
		return invalid.Serial, true
	}
	return "", false
}

// reportAssumeError prints why there are no credentials (the engine's message names the profile, the
// file line and what to do, and never a secret) and returns exit code 1.
func reportAssumeError(env Env, cmd, profile string, err error) int {
	var need *assume.MFARequiredError
	if errors.As(err, &need) {
		fmt.Fprintf(env.Stderr, "rolecall %s: MFA code needed for %s: run again with --mfa-code CODE\n", cmd, need.Serial)
		return ExitFail
	}
	fmt.Fprintf(env.Stderr, "rolecall %s: cannot assume profile %q: %v\n", cmd, profile, err)
	return ExitFail
}

// printCredentials writes the session in the chosen format.
func printCredentials(w io.Writer, format string, st assume.SessionStatus, creds assume.SessionCredentials) error {
	switch format {
	case "process":
		out, err := creds.ProcessOutput()
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", out)
		return err
	case "json":
		return json.NewEncoder(w).Encode(sessionJSON(st, creds))
	}
	var b strings.Builder
	for _, kv := range creds.Environment() {
		fmt.Fprintf(&b, "export %s=%s\n", kv[0], shellQuote(kv[1]))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// sessionJSON is the status object with the credentials' fields laid over it: the unmasked access key
// ID, the secret key and the token.
func sessionJSON(st assume.SessionStatus, creds assume.SessionCredentials) map[string]any {
	out := map[string]any{}
	for _, v := range []any{wire.NewSessionStatus(st), wire.NewCredentials(creds)} {
		raw, _ := json.Marshal(v)
		_ = json.Unmarshal(raw, &out)
	}
	return out
}

// shellQuote quotes a value for POSIX shells: single quotes, with any single quote closed, escaped
// and reopened.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// printStatusLine tells the person on stderr who they now are and until when.
func printStatusLine(w io.Writer, st assume.SessionStatus, now time.Time) {
	who := st.AssumedRoleArn
	if who == "" {
		who = st.RoleArn
	}
	left := st.Expiration.Sub(now).Round(time.Minute)
	fmt.Fprintf(w, "Assumed %s as %s, expires %s (in %s)", st.Profile, who, st.Expiration.Local().Format("15:04"), shortDuration(left))
	switch st.Source {
	case assume.SourceCLICache:
		fmt.Fprint(w, " [reused from the AWS CLI cache]")
	case assume.SourceShared:
		fmt.Fprint(w, " [shared by another Rolecall process]")
	}
	fmt.Fprintln(w)
	if st.Note != "" {
		fmt.Fprintf(w, "Note: %s\n", st.Note)
	}
}

// shortDuration prints 59m, 1h0m, 11h59m.
func shortDuration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	h, m := int(d.Hours()), int(d.Minutes())%60
	if h == 0 {
		return fmt.Sprintf("%dm", m)
	}
	return fmt.Sprintf("%dh%dm", h, m)
}

// writeTargetProblem says why the session cannot be written under target ("" when it can): target is on
// profile's own chain, or the AWS tools would use another setting of target than the keys, which
// --force-write-profile overrides.
func writeTargetProblem(m *awsfiles.Model, profile, target string, force bool) string {
	err := assume.CheckWriteTarget(m, profile, target)
	var wt *assume.WriteTargetError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &wt) && wt.Overridable():
		if force {
			return ""
		}
		return err.Error() + " (or add --force-write-profile to write it anyway)"
	}
	return err.Error()
}
