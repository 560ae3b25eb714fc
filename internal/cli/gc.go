package cli

import "runtime/debug"

// oneShotMemoryLimit is the heap at which a one-shot command's collector wakes after all: a soft limit,
// far above what a check of a 10,000-profile file needs (about 30 MB), so that only a pathological input
// pays for collection.
const oneShotMemoryLimit = 512 << 20

// TuneGC sets the garbage collector for the process about to run args. A one-shot analysis (check,
// profiles) builds its model once, prints, and exits: collecting garbage meanwhile is wasted work (a
// third of `rolecall check`'s time on a large file), so the collector is off until the heap nears a
// soft limit. A GOGC set by the user wins. Only main calls it: tests run many commands in one process,
// which must keep collecting.
func TuneGC(args []string, getenv func(string) (string, bool)) {
	if len(args) == 0 || !commands[args[0]].oneShot {
		return
	}
	if _, set := getenv("GOGC"); set {
		return
	}
	debug.SetGCPercent(-1)
	if _, set := getenv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(oneShotMemoryLimit)
	}
}
