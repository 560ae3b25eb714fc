//go:build unix

// Command peakrss runs a command and prints its peak resident set size in KB, as /usr/bin/time -f %M
// does, where that is not installed.
//
// A benchmark cannot read it from its own child: Go starts children with vfork (the child shares the
// parent's memory until it execs), and Linux carries the larger of that shared memory's high-water mark
// and the new program's into the child's maxrss. Started from this small program, the carried-over
// mark is this program's few MB, below anything measured.
//
// Usage: peakrss PROG [ARG...]   the command's output is discarded, its errors go to stderr; the exit
// status is the command's.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"syscall"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: peakrss PROG [ARG...]")
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stderr = os.Stderr // stdout stays empty: it carries the answer
	err := cmd.Run()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "peakrss:", err)
		os.Exit(127)
	}
	kb := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
	if runtime.GOOS == "darwin" {
		kb /= 1024 // bytes there
	}
	fmt.Println(kb)
	os.Exit(cmd.ProcessState.ExitCode())
}
