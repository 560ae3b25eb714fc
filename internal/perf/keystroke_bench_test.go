package perf

import (
	"fmt"
	"testing"
	"time"

	"github.com/rolecall/rolecall/server"
)

// BenchmarkKeystroke is one character typed in the AWS config file, seen from the editor: an incremental
// textDocument/didChange written to the stdin of a separate `rolecall serve --stdio` process, until the
// publishDiagnostics of that version comes out of its stdout. Reports p50-µs and p95-µs of that latency.
// Targets: at 10,000 profiles a median of at most 5 ms and a p95 of at most 15 ms; at 100 profiles a
// median of at most 0.5 ms. Run:
//
//	go test ./internal/perf -run '^$' -bench Keystroke -benchtime 100x -count 3
func BenchmarkKeystroke(b *testing.B) {
	for _, roles := range []int{10000, 100} {
		b.Run(fmt.Sprintf("profiles=%d", roles), func(b *testing.B) {
			typeInTheMiddle(b, roles, func(c *lspProcess, uri string, version int32, at edit) {
				c.change(uri, version, at, regionsTyped[version%2])
			})
		})
	}
}

// BenchmarkEnterKey is BenchmarkKeystroke for the Enter key, the keystroke that changes the number of
// lines: a line break typed at the end of a value in the middle of the 10,000-profile config, then deleted
// again (Backspace), alternately. Same report and same targets.
//
//	go test ./internal/perf -run '^$' -bench EnterKey -benchtime 100x -count 3
func BenchmarkEnterKey(b *testing.B) {
	typeInTheMiddle(b, 10000, func(c *lspProcess, uri string, version int32, at edit) {
		if version%2 == 0 {
			c.changeRange(uri, version, at.line, at.end, at.line, at.end, 0, "\n") // Enter
		} else {
			c.changeRange(uri, version, at.line, at.end, at.line+1, 0, 1, "") // Backspace
		}
	})
}

// typeInTheMiddle opens the generated config of this many profiles in a separate server, makes one
// keystroke per iteration at the region value nearest its middle (each waits for its publication), and
// reports the latencies' p50 and p95.
func typeInTheMiddle(b *testing.B, profiles int, keystroke func(c *lspProcess, uri string, version int32, at edit)) {
	bin := rolecallBin.path(b)
	h := writeHome(b, profiles)
	text := string(h.files.Config)
	at, ok := regionValueNearMiddle(text)
	if !ok {
		b.Fatal("no region value to edit in the generated config file")
	}
	uri, _ := server.FileURI(h.config)
	c := startServe(b, bin, h.serveEnv())
	c.open(string(uri), text)
	version := int32(1)
	latencies := make([]time.Duration, 0, 1024)
	for b.Loop() {
		version++
		start := time.Now()
		keystroke(c, string(uri), version, at)
		latencies = append(latencies, time.Since(start))
	}
	b.ReportMetric(float64(percentile(latencies, 50).Microseconds()), "p50-µs")
	b.ReportMetric(float64(percentile(latencies, 95).Microseconds()), "p95-µs")
}
