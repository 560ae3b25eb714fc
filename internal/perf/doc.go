// Package perf measures Rolecall as a user meets it: whole processes, started from the built binary, and
// the language server seen from a client over its stdin and stdout. Everything here is a benchmark (the
// tests only check the helpers), so `go test ./...` builds nothing and starts nothing. Run
//
//	go test ./internal/perf -run '^$' -bench . -count 3
//
// or scripts/perf.sh, which runs these with the other speed benchmarks and prints every ratio against
// its target. docs/performance.md explains each number.
package perf
