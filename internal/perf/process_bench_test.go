package perf

import (
	"bytes"
	"errors"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Whole processes, as a shell or an editor starts them. Run:
//
//	go test ./internal/perf -run '^$' -bench 'CheckProcess|StartProcess' -count 3
//
// BenchmarkCheckProcess: `rolecall check --format json` on the generated 10,000-profile files (every
// profile parsed, merged and checked) against sdkload, a Go program that loads ONE profile with
// aws-sdk-go-v2 from the same files. Targets: rolecall's time at most 0.2× the SDK program's, and its
// peak RSS at most 25 MB. Beside them runs floorcheck (internal/floor): the least any checker must do,
// in a process that starts as rolecall does, the yardstick under the target.
//
// BenchmarkStartProcess: `rolecall version` against a Go program that does nothing, the floor of any
// Go process. Target: at most 10 ms.
//
// Each reports ns/op (one process, started and waited for) and maxrss-KB, the largest peak resident set
// of three more runs started through peakrss (see there why not from the timed runs). Where peakrss
// cannot be built (not a Unix), maxrss-KB is left out.
func BenchmarkCheckProcess(b *testing.B) {
	rolecall, sdk := rolecallBin.path(b), sdkLoadBin.path(b)
	h := writeHome(b, 10000)
	b.Run("roles=10000/rolecall-check", func(b *testing.B) {
		// Exit 1 means errors were found, which is a finished check.
		measureProcess(b, h.env(), []int{0, 1}, rolecall, "check", "--format", "json")
	})
	b.Run("roles=10000/sdk-load", func(b *testing.B) {
		measureProcess(b, h.env(), []int{0}, sdk, h.files.Lookup)
	})
	b.Run("roles=10000/floor", func(b *testing.B) {
		measureProcess(b, h.env(), []int{0}, floorBin.path(b))
	})
}

func BenchmarkStartProcess(b *testing.B) {
	rolecall, empty := rolecallBin.path(b), emptyBin.path(b)
	env := writeHome(b, 1).env()
	b.Run("rolecall-version", func(b *testing.B) { measureProcess(b, env, []int{0}, rolecall, "version") })
	b.Run("empty-go", func(b *testing.B) { measureProcess(b, env, []int{0}, empty) })
}

// measureProcess runs the command once to warm the page cache, then once per iteration, reading its
// output through a pipe as a caller would.
func measureProcess(b *testing.B, env []string, okExits []int, name string, args ...string) {
	runOnce(b, env, okExits, name, args...)
	for b.Loop() {
		runOnce(b, env, okExits, name, args...)
	}
	b.StopTimer()
	peakRSS, why := peakRSSBin.tryPath()
	if peakRSS == "" {
		b.Log(why)
		return
	}
	var peak float64
	for range 3 {
		out := runOnce(b, env, okExits, peakRSS, append([]string{name}, args...)...)
		kb, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
		if err != nil {
			b.Fatalf("peakrss printed %q", out)
		}
		peak = max(peak, kb)
	}
	b.ReportMetric(peak, "maxrss-KB")
}

// runOnce runs the command to its end and returns its output.
func runOnce(b *testing.B, env []string, okExits []int, name string, args ...string) []byte {
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && slices.Contains(okExits, exit.ExitCode())) {
		b.Fatalf("%s %v: %v\n%s", name, args, err, stderr.Bytes())
	}
	return stdout.Bytes()
}
