//go:build !unix

package perf

import "os"

// maxRSSKB is unknown here: the benchmarks report -1.
func maxRSSKB(*os.ProcessState) float64 { return -1 }
