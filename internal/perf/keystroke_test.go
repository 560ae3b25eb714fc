package perf

import (
	"slices"
	"strings"
	"time"
)

// edit is where a keystroke lands: a whole region value on one line (columns in UTF-16 units, which for
// the generated ASCII files are bytes).
type edit struct{ line, start, end int }

// regionsTyped are the two values a keystroke toggles between: same length, both valid, so each edit
// changes one character and leaves the file as correct as it was.
var regionsTyped = [2]string{"eu-west-2", "eu-west-1"}

// regionValueNearMiddle finds the first `region = ` line after the middle of the text whose value is as
// long as regionsTyped, so that replacing it leaves a valid region.
func regionValueNearMiddle(text string) (edit, bool) {
	const key = "\nregion = "
	for from := len(text) / 2; ; {
		i := strings.Index(text[from:], key)
		if i < 0 {
			return edit{}, false
		}
		start := from + i + len(key)
		end := start + strings.IndexByte(text[start:]+"\n", '\n')
		if end-start == len(regionsTyped[0]) {
			line := strings.Count(text[:start], "\n")
			col := start - (strings.LastIndexByte(text[:start], '\n') + 1)
			return edit{line: line, start: col, end: col + end - start}, true
		}
		from = end
	}
}

// percentile returns the p-th percentile (0 < p ≤ 100) of the durations by the nearest-rank method.
func percentile(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	rank := (len(s)*p + 99) / 100 // ceil(len·p/100), at least 1 for p > 0
	return s[max(rank, 1)-1]
}
