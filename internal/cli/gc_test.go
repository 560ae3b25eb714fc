package cli

import (
	"runtime/debug"
	"testing"
)

// check and profiles run with the collector off (a soft memory limit instead), unless the user set GOGC;
// every other command keeps Go's default. Not parallel: it changes the test process's collector and
// puts it back.
func TestOneShotCommandsRunWithoutTheCollector(t *testing.T) {
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	defer func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) }()
	env := func(vars map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
	}
	for _, c := range []struct {
		args        []string
		vars        map[string]string
		wantPercent int
		wantLimit   int64
	}{
		{[]string{"check", "--format", "json"}, nil, -1, oneShotMemoryLimit},
		{[]string{"profiles"}, nil, -1, oneShotMemoryLimit},
		{[]string{"check"}, map[string]string{"GOGC": "100"}, 100, limit},
		{[]string{"check"}, map[string]string{"GOMEMLIMIT": "1GiB"}, -1, limit},
		{[]string{"serve"}, nil, 100, limit},
		{[]string{"assume", "dev"}, nil, 100, limit},
		{nil, nil, 100, limit},
	} {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(limit)
		TuneGC(c.args, env(c.vars))
		if got := debug.SetGCPercent(100); got != c.wantPercent {
			t.Errorf("%q with %v: GC percent %d, want %d", c.args, c.vars, got, c.wantPercent)
		}
		if got := debug.SetMemoryLimit(-1); got != c.wantLimit {
			t.Errorf("%q with %v: memory limit %d, want %d", c.args, c.vars, got, c.wantLimit)
		}
	}
}
