//go:build unix

package ststest

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup starts the command in a process group of its own, so that killing the group also
// ends any child the server starts.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
