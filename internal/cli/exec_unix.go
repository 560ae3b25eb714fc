//go:build unix

package cli

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// forwardedSignals are passed on to the command. SIGTSTP and SIGCONT are not caught: the terminal
// stops and continues rolecall and the command together, as one job.
var forwardedSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT,
	syscall.SIGWINCH, syscall.SIGUSR1, syscall.SIGUSR2}

// shouldForward decides whether a signal rolecall received must be passed on. The terminal sends
// Ctrl-C (SIGINT) and Ctrl-\ (SIGQUIT) to its whole foreground process group, the command included:
// passing them on too would deliver them twice, and a second interrupt makes programs such as
// Terraform quit at once instead of stopping cleanly. So these two are forwarded only when rolecall is
// not in the terminal's foreground group (then they came from `kill`, not from the keyboard).
func shouldForward(sig os.Signal) bool {
	if sig != syscall.SIGINT && sig != syscall.SIGQUIT {
		return true
	}
	return !inTerminalForeground()
}

// inTerminalForeground reports whether rolecall's process group is the foreground group of its
// controlling terminal.
func inTerminalForeground() bool {
	tty, err := os.Open("/dev/tty")
	if err != nil {
		return false // no controlling terminal: nothing else delivers keyboard signals
	}
	defer tty.Close()
	pgrp, err := unix.IoctlGetInt(int(tty.Fd()), unix.TIOCGPGRP)
	return err == nil && pgrp == syscall.Getpgrp()
}

// exitStatus is the shell's view of how the command ended.
func exitStatus(st *os.ProcessState) int {
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return st.ExitCode()
}

// canReplaceProcess reports whether exec may become the command (execve): only when its streams are
// the process's own, i.e. when it runs as the real `rolecall` and not inside a test or an editor.
func canReplaceProcess(env Env) bool {
	return env.Stdin == os.Stdin && env.childStdout == os.Stdout && env.childStderr == os.Stderr
}

// replaceProcess becomes the command; it returns only on failure.
func replaceProcess(path string, argv, envv []string) error {
	return syscall.Exec(path, argv, envv)
}
