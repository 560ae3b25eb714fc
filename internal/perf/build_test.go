package perf

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// binDir holds the binaries the benchmarks build: once per `go test` run, not once per -count round,
// so that a round measures the processes and not the linker.
var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "rolecall-perf-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	binDir = dir
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// The programs the benchmarks run.
var (
	rolecallBin = program{name: "rolecall", pkg: "github.com/rolecall/rolecall"}
	sdkLoadBin  = program{name: "sdkload", pkg: "github.com/rolecall/rolecall/internal/conformance/sdkload"}
	// floorBin is the floor of the check: the least any checker must do, started as rolecall starts.
	floorBin = program{name: "floorcheck", pkg: "github.com/rolecall/rolecall/internal/floor/floorcheck"}
	// emptyBin is the floor of process start: a Go program that does nothing.
	emptyBin = program{name: "empty", source: "package main\n\nfunc main() {}\n"}
	// peakRSSBin measures a command's peak RSS without counting the benchmark's own memory.
	peakRSSBin = program{name: "peakrss", pkg: "github.com/rolecall/rolecall/internal/perf/peakrss"}
)

type program struct {
	name   string
	pkg    string // a package of this module, or
	source string // the whole of a main.go, built outside the module
}

var (
	buildMu sync.Mutex
	built   = map[string]string{} // name → path
	failed  = map[string]string{} // name → why it could not be built
)

// path builds the program as `make build` does (static on Linux, -trimpath, no symbols) and returns the
// binary, or skips the benchmark, with the reason, where it cannot be built.
func (p program) path(tb testing.TB) string {
	tb.Helper()
	bin, why := p.tryPath()
	if bin == "" {
		tb.Skip(why)
	}
	return bin
}

// tryPath is path for a program the benchmark can do without: "" and the reason where it cannot be built.
func (p program) tryPath() (bin, why string) {
	buildMu.Lock()
	defer buildMu.Unlock()
	if bin, ok := built[p.name]; ok {
		return bin, ""
	}
	if why, ok := failed[p.name]; ok {
		return "", why
	}
	bin, err := p.build()
	if err != nil {
		failed[p.name] = fmt.Sprintf("skipping: cannot build %s: %v", p.name, err)
		return "", failed[p.name]
	}
	built[p.name] = bin
	return bin, ""
}

func (p program) build() (string, error) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("the go tool is not on PATH")
	}
	bin := filepath.Join(binDir, p.name)
	target, dir := p.pkg, ""
	if p.source != "" {
		dir = filepath.Join(binDir, p.name+"-src")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(p.source), 0o600); err != nil {
			return "", err
		}
		target = "main.go"
	}
	cmd := exec.Command(goTool, "build", "-trimpath", "-ldflags", "-s -w", "-o", bin, target)
	cmd.Dir = dir
	cmd.Env = os.Environ()
	if runtime.GOOS == "linux" {
		cmd.Env = append(cmd.Env, "CGO_ENABLED=0") // as `make build` builds it
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("%v\n%s", err, out)
	}
	return bin, nil
}
