package cli

import (
	"fmt"
	"github.com/rolecall/rolecall/assume"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/handlers"
	"github.com/rolecall/rolecall/server"
)

func init() {
	commands["serve"] = command{summary: "run the language server for editors (LSP over stdin and stdout)", run: runServe, protocolStdout: true}
}

// runServe is `rolecall serve [--stdio] [--log-file FILE] [--log-level LEVEL]`. stdout carries the
// protocol and nothing else; the log goes to stderr or the file. The exit code is the LSP's: 0 after
// shutdown then exit, 1 when the editor exits without shutdown or closes stdin; 2 for bad flags.
func runServe(env Env, args []string) int {
	fs := newFlagSet(env, "serve", "[--stdio] [--log-file FILE] [--log-level debug|info|warn|error]")
	fs.Bool("stdio", true, "speak LSP over stdin and stdout: the only transport, accepted because editors pass it")
	logFile := fs.String("log-file", "", "append the log to `file` instead of writing it to stderr")
	levelName := fs.String("log-level", "info", "log `level`: debug, info, warn or error (debug traces every message's method, never its content)")
	if code, ok := parseFlags(env, fs, args); !ok {
		return code
	}
	if problem := argsProblem("serve", fs.Args()); problem != "" {
		return usageError(env, fs, problem)
	}
	level, ok := parseLogLevel(*levelName)
	if !ok {
		return usageError(env, fs, fmt.Sprintf("--log-level %s is not one of debug, info, warn, error", quoteArg(*levelName)))
	}
	logOut := env.Stderr
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			fmt.Fprintf(env.Stderr, "rolecall serve: cannot open the log file: %v; give a writable path or leave out --log-file\n", err)
			return ExitUsage
		}
		defer f.Close()
		logOut = f
	}
	server.TuneGC(env.Getenv)
	return serveConn(env, stdioOf(env), server.NewLogger(logOut, level))
}

// serveConn runs the language server on one connection until the client leaves.
func serveConn(env Env, rwc io.ReadWriteCloser, logger *slog.Logger) int {
	srv := server.New(rwc, server.Options{Name: "rolecall", Version: Version, Logger: logger})
	mfaSessions, share, why := sessionSharing(env)
	if why != nil {
		logger.Warn("role sessions stay in this window: they cannot be shared with other Rolecall processes", "reason", why)
	}
	h := handlers.Register(srv, handlers.Options{Env: awsfiles.Env(env.Getenv), Home: env.Home,
		Assume: assume.Options{MFASessions: mfaSessions, Share: share}})
	code := srv.Run(env.Context)
	if err := h.Close(); err != nil {
		logger.Warn("stopping the file watcher", "error", err)
	}
	return code
}

// stdioOf is the process's stdin and stdout, or the environment's streams in tests.
func stdioOf(env Env) io.ReadWriteCloser {
	if env.Stdin == os.Stdin && env.Stdout == os.Stdout {
		return server.Stdio()
	}
	return streams{env.Stdin, env.Stdout}
}

// streams joins a reader and a writer into a connection; Close closes the reader when it can be closed.
type streams struct {
	io.Reader
	io.Writer
}

func (s streams) Close() error {
	if c, ok := s.Reader.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

func parseLogLevel(name string) (slog.Level, bool) {
	switch strings.ToLower(name) {
	case "debug":
		return slog.LevelDebug, true
	case "info":
		return slog.LevelInfo, true
	case "warn", "warning":
		return slog.LevelWarn, true
	case "error":
		return slog.LevelError, true
	}
	return 0, false
}
