package awsfiles

import "testing"

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
