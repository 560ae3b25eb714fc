package cli

import "fmt"

// Version is set at build time with -ldflags "-X github.com/rolecall/rolecall/internal/cli.Version=…".
var Version = "0.1.0-dev"

func init() {
	commands["version"] = command{summary: "print the version", run: func(env Env, _ []string) int {
		fmt.Fprintf(env.Stdout, "rolecall %s\n", Version)
		return ExitOK
	}}
}
