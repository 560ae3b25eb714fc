//go:build unix

package perf

import (
	"os"
	"runtime"
	"syscall"
)

// maxRSSKB is the peak resident set size of a finished process, in KB: the kernel's own account, which
// counts the runtime, the binary's pages and everything the program touched.
func maxRSSKB(ps *os.ProcessState) float64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return -1
	}
	if runtime.GOOS == "darwin" {
		return float64(ru.Maxrss) / 1024 // bytes there, KB on Linux
	}
	return float64(ru.Maxrss)
}
