package server

import (
	"runtime/debug"
	"testing"
)

func TestTuneGCLeavesTheUsersSettingsAlone(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)

	restore := TuneGC(func(name string) (string, bool) { return "50", name == "GOGC" })
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set, the GC percent became %d, want it left at 100", got)
	}
	restore()

	restore = TuneGC(func(string) (string, bool) { return "", false })
	if got := debug.SetGCPercent(gcPercent); got != gcPercent {
		t.Errorf("GC percent = %d, want %d", got, gcPercent)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("restore left the GC percent at %d, want 100", got)
	}
}
