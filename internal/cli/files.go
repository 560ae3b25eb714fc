package cli

import (
	"flag"
	"fmt"

	"github.com/rolecall/rolecall/awsfiles"
)

// fileFlags are the --config and --credentials flags every file-reading command takes.
type fileFlags struct{ config, credentials string }

func (f *fileFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.config, "config", "", "config `file` (default: $AWS_CONFIG_FILE or ~/.aws/config)")
	fs.StringVar(&f.credentials, "credentials", "", "credentials `file` (default: $AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials)")
}

// locations resolves the two paths: a flag wins, else the AWS tools' own resolution.
func (f *fileFlags) locations(env Env) awsfiles.Locations {
	loc := awsfiles.Locate(awsfiles.Env(env.Getenv), env.Home)
	if f.config != "" {
		loc.Config, loc.ConfigFromEnv = f.config, false
	}
	if f.credentials != "" {
		loc.Credentials, loc.CredentialsFromEnv = f.credentials, false
	}
	return loc
}

// newFlagSet makes a flag set whose errors and help go to stderr and never exit the process.
func newFlagSet(env Env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fs.Output().Write([]byte("Usage: rolecall " + name + " " + usage + "\n\nFlags:\n"))
		fs.PrintDefaults()
	}
	return fs
}

// formatFlag validates a --format value against the allowed ones.
func formatFlag(value string, allowed ...string) bool {
	for _, a := range allowed {
		if value == a {
			return true
		}
	}
	return false
}

// loadForReport parses the flags shared by the commands that read both files and print a report (check,
// profiles) and loads the model. ok is false when the command must stop with the returned exit code.
func loadForReport(env Env, name string, args []string) (m *awsfiles.Model, format string, code int, ok bool) {
	fs := newFlagSet(env, name, "[--config FILE] [--credentials FILE] [--format text|json]")
	var files fileFlags
	files.register(fs)
	fs.StringVar(&format, "format", "text", "output `format`: text or json")
	if err := fs.Parse(args); err != nil {
		return nil, "", exitForFlagError(err), false
	}
	if fs.NArg() > 0 || !formatFlag(format, "text", "json") {
		fs.Usage()
		return nil, "", ExitUsage, false
	}
	m, err := awsfiles.Load(files.locations(env))
	if err != nil {
		fmt.Fprintf(env.Stderr, "rolecall %s: %v\n", name, err)
		return nil, "", ExitUsage, false
	}
	return m, format, ExitOK, true
}
