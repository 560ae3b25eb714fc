// Package cli is the rolecall command line: a thin front over awsfiles, the assume engine and the language
// server, like the handlers package is for editors.
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/rolecall/rolecall/internal/safetext"
)

// Exit codes, a public contract (docs/cli.md).
const (
	ExitOK    = 0 // success; `check`: nothing at error severity
	ExitFail  = 1 // `check`: an error-severity diagnostic; `assume`: the role could not be assumed
	ExitUsage = 2 // bad flags or arguments, or a file that cannot be read
)

// Env is the process environment the commands see; tests give their own.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) (string, bool)
	Home           string
	Context        context.Context
	// Environ lists the whole environment a child process starts from (exec); nil means os.Environ.
	Environ func() []string
	// childStdout and childStderr are the streams as given, before terminalSafe escapes them: a child
	// process (exec) writes to them untouched.
	childStdout, childStderr io.Writer
}

// System is the real process environment. Ctrl-C cancels the context so a pending STS call stops cleanly.
func System() Env {
	home, _ := os.UserHomeDir()
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.LookupEnv, Home: home, Context: ctx}
}

type command struct {
	summary string
	run     func(env Env, args []string) int
	// protocolStdout marks a command whose stdout is a wire protocol (serve's JSON-RPC frames) and must
	// reach the peer byte for byte; its stderr is still escaped.
	protocolStdout bool
	// oneShot marks an analysis that reads the files once and exits (see TuneGC).
	oneShot bool
}

var commands = map[string]command{}

// Main runs one command line and returns the exit code.
func Main(args []string, env Env) int {
	if env.Context == nil {
		env.Context = context.Background()
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stdout)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "rolecall: unknown command %q\n\n", args[0])
		usage(env.Stderr)
		return ExitUsage
	}
	return cmd.run(terminalSafe(env, cmd.protocolStdout), args[1:])
}

// terminalSafe wraps the command's output streams so that nothing a command prints (a profile name, a
// value, an error from STS) can send a control character to the terminal: the one place where text from
// a file becomes terminal output.
func terminalSafe(env Env, protocolStdout bool) Env {
	env.childStdout, env.childStderr = env.Stdout, env.Stderr
	if !protocolStdout {
		env.Stdout = safetext.NewWriter(env.Stdout)
	}
	env.Stderr = safetext.NewWriter(env.Stderr)
	return env
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "rolecall: check, explain and assume AWS assume-role profiles")
	fmt.Fprintln(w, "\nUsage: rolecall COMMAND [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-20s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'rolecall COMMAND -h' for a command's flags. Documentation: docs/cli.md")
}

// interspersed moves flags found after positional arguments to the front, so that
// `rolecall assume dev --mfa-code 123456` works like `rolecall assume --mfa-code 123456 dev`.
// valueFlags lists the flags that take a value.
func interspersed(args []string, valueFlags ...string) []string {
	var flags, positional []string
	takesValue := map[string]bool{}
	for _, f := range valueFlags {
		takesValue[f] = true
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if takesValue[name] && !strings.Contains(name, "=") && i+1 < len(args) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	return append(flags, positional...)
}
