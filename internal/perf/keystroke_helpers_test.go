package perf

import (
	"strings"
	"testing"
	"time"

	"github.com/rolecall/rolecall/internal/conformance"
)

// The keystroke lands on a whole region value, so toggling it keeps the file valid.
func TestTheKeystrokeReplacesAWholeRegionValue(t *testing.T) {
	for _, roles := range []int{100, 10000} {
		text := string(conformance.Generate(roles).Config)
		at, ok := regionValueNearMiddle(text)
		if !ok {
			t.Fatalf("%d roles: no region value found", roles)
		}
		line := strings.Split(text, "\n")[at.line]
		if line[:at.start] != "region = " || at.end != len(line) {
			t.Errorf("%d roles: the edit %+v does not cover the value of %q", roles, at, line)
		}
		if at.line < strings.Count(text, "\n")/3 {
			t.Errorf("%d roles: line %d is not near the middle", roles, at.line)
		}
	}
}

func TestPercentileIsTheNearestRank(t *testing.T) {
	var d []time.Duration
	for i := 100; i >= 1; i-- {
		d = append(d, time.Duration(i))
	}
	for p, want := range map[int]time.Duration{50: 50, 95: 95, 100: 100, 1: 1} {
		if got := percentile(d, p); got != want {
			t.Errorf("p%d = %d, want %d", p, got, want)
		}
	}
	if percentile(nil, 50) != 0 {
		t.Error("the percentile of nothing is not 0")
	}
}
