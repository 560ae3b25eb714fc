//go:build !unix

package cli

import (
	"errors"
	"os"
)

// forwardedSignals: Windows delivers Ctrl-C to every process on the console, the command included.
var forwardedSignals = []os.Signal{os.Interrupt}

func shouldForward(os.Signal) bool { return false }

func exitStatus(st *os.ProcessState) int { return st.ExitCode() }

func canReplaceProcess(Env) bool { return false }

func replaceProcess(string, []string, []string) error {
	return errors.New("replacing the process is not supported on this system")
}
