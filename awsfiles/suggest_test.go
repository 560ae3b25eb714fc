package awsfiles

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestSuggestFindsTheClosestName(t *testing.T) {
	profiles := []string{"default", "prod_base", "prod-admin", "dev", "staging"}
	cases := []struct {
		name string
		want string
	}{
		{"prod-base", "prod_base"},   // '-'/'_' swap
		{"PROD_BASE", "prod_base"},   // case only
		{"prdo_base", "prod_base"},   // adjacent transposition counts 1
		{"prod_bas", "prod_base"},    // deletion
		{"stagign", "staging"},       // transposition
		{"dflt", ""},                 // too far for a 4-letter name
		{"dev", ""},                  // an exact match is no suggestion
		{"de", "dev"},                // one insertion
		{"ab", ""},                   // nothing close
		{"", ""},                     // nothing to match
		{"production-base-x", ""},    // too far
		{"prod-adnim", "prod-admin"}, // transposition in the tail
	}
	for _, c := range cases {
		if got := suggest(c.name, profiles); got != c.want {
			t.Errorf("suggest(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestSuggestPrefersCaseAndSeparatorMatchesAndIsOrderIndependent(t *testing.T) {
	values := []string{"Environment", "Ec2InstanceMetadata", "EcsContainer"}
	for in, want := range map[string]string{
		"environment":         "Environment",
		"ec2instancemetadata": "Ec2InstanceMetadata",
		"ECSContainer":        "EcsContainer",
		"Ec2InstanceMetaData": "Ec2InstanceMetadata",
		"Ec2Metadata":         "",
		"EcsContianer":        "EcsContainer",
	} {
		if got := suggest(in, values); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
	// Equal normalised distance: the candidate closer as written wins, then the smaller name, whatever
	// the order of the candidates.
	for _, cands := range [][]string{{"prod_a", "PROD-A"}, {"PROD-A", "prod_a"}} {
		if got := suggest("prod-a", cands); got != "prod_a" {
			t.Errorf("suggest(prod-a, %v) = %q, want prod_a", cands, got)
		}
	}
	for _, cands := range [][]string{{"abcx", "abcy"}, {"abcy", "abcx"}} {
		if got := suggest("abcz", cands); got != "abcx" {
			t.Errorf("suggest(abcz, %v) = %q, want abcx", cands, got)
		}
	}
}

func TestSuggestDistanceCountsRunes(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"", "abc", 3}, {"abc", "", 3}, {"abc", "abc", 0}, {"abc", "acb", 1}, {"kitten", "sitting", 3},
		{"ca", "abc", 3}, {"é日本", "é本日", 1}, {"añb", "anb", 1},
	}
	for _, c := range cases {
		if got := suggestDistance(c.a, c.b); got != c.want {
			t.Errorf("suggestDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

// The bounded distance, with its quick path for ASCII names and its early stop, is the distance
// whenever that is within the bound, and over the bound otherwise: random names of a small alphabet (so
// that they are often close, and transpositions happen), and the table's cases.
func TestSuggestDistanceAtMostIsTheDistanceWithinItsBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = "abc-_"[rng.IntN(5)]
		}
		return string(b)
	}
	pairs := [][2]string{{"kitten", "sitting"}, {"ca", "abc"}, {"é日本", "é本日"}, {strings.Repeat("a", 70), strings.Repeat("a", 68) + "bb"}}
	for range 20000 {
		pairs = append(pairs, [2]string{word(), word()})
	}
	s := &Suggester{} // one, as Suggest uses it: its rows keep what the comparison before left
	for _, p := range pairs {
		want := suggestDistance(p[0], p[1])
		for max := 0; max <= 4; max++ {
			got := s.distanceAtMost(p[0], p[1], max)
			if want <= max && got != want || want > max && got <= max {
				t.Fatalf("suggestDistanceAtMost(%q, %q, %d) = %d, distance %d", p[0], p[1], max, got, want)
			}
		}
	}
}
