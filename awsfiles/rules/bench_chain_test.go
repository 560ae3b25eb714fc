package rules_test

import (
	"fmt"
	"runtime"
	"testing"

	. "github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
	"github.com/rolecall/rolecall/internal/conformance"
)

// chainShapes are the files that made chain resolution quadratic: one source_profile loop through every
// profile, and one chain through every profile (ending in keys, or in a profile without credentials).
var chainShapes = []struct {
	name string
	gen  func(n int) conformance.Generated
}{
	{"cycle", conformance.GenerateCycle},
	{"deep", func(n int) conformance.Generated { return conformance.GenerateDeepChain(n, false) }},
	{"deep-broken", func(n int) conformance.Generated { return conformance.GenerateDeepChain(n, true) }},
}

// BenchmarkChains measures NewModel and Check (every rule, every chain resolved) on the hostile shapes,
// plus the hover's description of the first profile's chain.
//
//	go test -run '^$' -bench BenchmarkChains -benchmem ./awsfiles/
func BenchmarkChains(b *testing.B) {
	for _, shape := range chainShapes {
		for _, n := range []int{4000, 20000} {
			cfg, creds := benchParse(shape.gen(n))
			b.Run(fmt.Sprintf("%s=%d", shape.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					m := NewModel(cfg, creds)
					benchCheckSink = len(rules.Check(m)) + len(m.Chain(m.Profiles[0]).String())
				}
			})
		}
	}
}

// Resolving every chain costs the same per profile whatever the number of profiles: the bytes allocated
// by NewModel and Check on four times the profiles are at most about four times as many. A cycle found
// once per member, or a chain walked once per profile on it, makes that sixteen.
func TestChainResolutionIsLinear(t *testing.T) {
	const small = 500
	for _, shape := range chainShapes {
		t.Run(shape.name, func(t *testing.T) {
			a := checkBytes(shape.gen(small))
			b := checkBytes(shape.gen(4 * small))
			ratio := float64(b) / float64(a)
			t.Logf("%d profiles: %d bytes; %d profiles: %d bytes (%.1f times)", small, a, 4*small, b, ratio)
			if ratio > 6 {
				t.Errorf("%d profiles allocate %d bytes, %d profiles %d bytes: %.1f times as much, want at most about 4",
					small, a, 4*small, b, ratio)
			}
		})
	}
}

// checkBytes is the number of bytes NewModel and Check allocate on parsed files.
func checkBytes(g conformance.Generated) uint64 {
	cfg, creds := benchParse(g)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	m := NewModel(cfg, creds)
	benchCheckSink = len(rules.Check(m)) + len(m.Chain(m.Profiles[0]).String())
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
