//go:build !unix

package rules_test

// processCPU is not measured here: the benchmarks report 0 CPU time.
func processCPU() int64 { return 0 }
