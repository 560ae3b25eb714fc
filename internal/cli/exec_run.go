package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
)

// runChild runs the command as a child process with the streams passed straight through (not
// escaped: the output is the command's), forwards signals to it, and returns its exit status: its own
// code, or 128 + the signal's number when a signal ended it, as shells report it.
func runChild(env Env, path string, command, childEnv []string) int {
	cmd := exec.Command(path, command[1:]...)
	cmd.Args[0] = command[0]
	cmd.Env = childEnv
	cmd.Stdin, cmd.Stdout, cmd.Stderr = env.Stdin, env.childStdout, env.childStderr
	if cmd.Stdout == nil {
		cmd.Stdout, cmd.Stderr = env.Stdout, env.Stderr
	}
	// Catch the signals before the child exists, so that none that arrives in between ends rolecall
	// and leaves the child behind.
	sigs := make(chan os.Signal, 8)
	signal.Notify(sigs, forwardedSignals...)
	defer signal.Stop(sigs)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(env.Stderr, "rolecall exec: cannot run %s: %v\n", command[0], err)
		if errors.Is(err, exec.ErrNotFound) || errors.Is(err, os.ErrNotExist) {
			return ExitNotFound
		}
		return ExitCannotRun
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case sig := <-sigs:
				if shouldForward(sig) {
					_ = cmd.Process.Signal(sig)
				}
			case <-done:
				return
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	if err != nil && cmd.ProcessState == nil {
		fmt.Fprintf(env.Stderr, "rolecall exec: %s: %v\n", command[0], err)
		return ExitCannotRun
	}
	return exitStatus(cmd.ProcessState)
}
