package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/internal/safetext"
)

// fileFlags are the --config and --credentials flags every file-reading command takes.
type fileFlags struct{ config, credentials string }

func (f *fileFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.config, "config", "", "config `file` (default: $AWS_CONFIG_FILE or ~/.aws/config)")
	fs.StringVar(&f.credentials, "credentials", "", "credentials `file` (default: $AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials)")
}

// locations resolves the two paths: a flag wins, else the AWS tools' own resolution. A file the AWS tools
// find themselves may be missing (it is then empty, as they treat it); a path typed in a flag must exist,
// or a typo would be checked as an empty file and pass.
func (f *fileFlags) locations(env Env) (awsfiles.Locations, error) {
	loc := awsfiles.Locate(awsfiles.Env(env.Getenv), env.Home)
	for _, typed := range []struct {
		flag, value string
		path        *string
		fromEnv     *bool
	}{
		{"--config", f.config, &loc.Config, &loc.ConfigFromEnv},
		{"--credentials", f.credentials, &loc.Credentials, &loc.CredentialsFromEnv},
	} {
		if typed.value == "" {
			continue
		}
		path := expandHome(typed.value, env.Home)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return loc, fmt.Errorf("%s %s: no such file; check the path, or leave the flag out to read the file the AWS tools read",
				typed.flag, path)
		}
		*typed.path, *typed.fromEnv = path, false
	}
	return loc, nil
}

// expandHome expands a leading ~ or ~/ as the AWS CLI does for AWS_CONFIG_FILE, for a path a shell did not
// expand (--config=~/x, or a quoted "~/x"). ~user is left alone.
func expandHome(path, home string) string {
	if path == "~" || strings.HasPrefix(path, "~/") || strings.HasPrefix(path, "~"+string(filepath.Separator)) {
		return filepath.Join(home, path[1:])
	}
	return path
}

// newFlagSet makes a flag set that never exits the process and whose usage goes to stderr. The flag
// package's own error output is dropped: parseFlags prints the error in Rolecall's form, then the usage.
func newFlagSet(env Env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, strings.TrimSpace("Usage: rolecall "+name+" "+usage))
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprint(env.Stderr, "\nFlags:\n")
			fs.SetOutput(env.Stderr)
			fs.PrintDefaults()
			fs.SetOutput(io.Discard)
		}
	}
	return fs
}

// parseFlags parses args; ok is false when the command must stop with code: 0 after -h (usage printed),
// 2 after a bad flag (what was wrong on the first line, then the usage).
func parseFlags(env Env, fs *flag.FlagSet, args []string) (code int, ok bool) {
	usage := fs.Usage
	fs.Usage = func() {} // the flag package prints the usage on its own errors; here it comes after the error
	err := fs.Parse(args)
	fs.Usage = usage
	switch {
	case err == nil:
		return ExitOK, true
	case errors.Is(err, flag.ErrHelp):
		fs.Usage()
		return ExitOK, false
	}
	return usageError(env, fs, err.Error()), false
}

// usageError prints "rolecall CMD: what is wrong", a blank line and the usage, and returns exit code 2.
func usageError(env Env, fs *flag.FlagSet, problem string) int {
	fmt.Fprintf(env.Stderr, "rolecall %s: %s\n\n", fs.Name(), problem)
	fs.Usage()
	return ExitUsage
}

// formatProblem says what is wrong with a --format value, "" when it is one of allowed.
func formatProblem(value string, allowed ...string) string {
	for _, a := range allowed {
		if value == a {
			return ""
		}
	}
	return fmt.Sprintf("--format %s is not one of %s", quoteArg(value), strings.Join(allowed, ", "))
}

// argsProblem says what is wrong with positional arguments a command does not take.
func argsProblem(cmd string, args []string) string {
	if len(args) == 0 {
		return ""
	}
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = quoteArg(a)
	}
	return fmt.Sprintf("unexpected argument %s: %s takes only flags", strings.Join(quoted, " "), cmd)
}

// quoteArg quotes an argument that would not read as one word without quotes.
func quoteArg(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\"'\\") {
		return s
	}
	return safetext.Quote(s)
}

// loadForReport parses the flags shared by the commands that read both files and print a report (check,
// profiles) and loads the model. ok is false when the command must stop with the returned exit code.
func loadForReport(env Env, name string, args []string) (m *awsfiles.Model, format string, code int, ok bool) {
	fs := newFlagSet(env, name, "[--config FILE] [--credentials FILE] [--format text|json]")
	var files fileFlags
	files.register(fs)
	fs.StringVar(&format, "format", "text", "output `format`: text or json")
	if code, ok := parseFlags(env, fs, args); !ok {
		return nil, "", code, false
	}
	problem := argsProblem(name, fs.Args())
	if problem == "" {
		problem = formatProblem(format, "text", "json")
	}
	if problem != "" {
		return nil, "", usageError(env, fs, problem), false
	}
	loc, err := files.locations(env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall %s: %v\n", name, err)
		return nil, "", ExitUsage, false
	}
	m, err = awsfiles.Load(loc)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall %s: %v\n", name, err)
		return nil, "", ExitUsage, false
	}
	return m, format, ExitOK, true
}
