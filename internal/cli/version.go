package cli

import "fmt"

// Version is set at build time with -ldflags "-X github.com/rolecall/rolecall/internal/cli.Version=…".
var Version = "0.1.0-dev"

func init() {
	commands["version"] = command{summary: "print the version", run: runVersion}
}

func runVersion(env Env, args []string) int {
	fs := newFlagSet(env, "version", "")
	if code, ok := parseFlags(env, fs, args); !ok {
		return code
	}
	if problem := argsProblem("version", fs.Args()); problem != "" {
		return usageError(env, fs, problem)
	}
	fmt.Fprintf(env.Stdout, "rolecall %s\n", Version)
	return ExitOK
}
