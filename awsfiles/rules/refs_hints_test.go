package rules

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// A file where every profile names a different missing source profile, each one letter from an existing
// name: below the budget every message has its did-you-mean, past it none has, and typing in the larger
// file gives what a full check gives (the choice is the whole model's, not the edited profile's).
func TestDidYouMeanIsLeftOutPastTheBudget(t *testing.T) {
	file := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "[profile p%d]\nrole_arn = arn:aws:iam::111122223333:role/r\nsource_profile = q%d\n", i, i)
		}
		return b.String()
	}
	for _, c := range []struct {
		profiles int
		hints    bool
	}{{1000, true}, {1500, false}} {
		if past := c.profiles*c.profiles > suggestBudget; past == c.hints {
			t.Fatalf("%d profiles: the case no longer sits on the side of the budget it tests", c.profiles)
		}
		missing, hinted := 0, 0
		for _, d := range Check(model(file(c.profiles), "")) {
			if d.Code == "source-profile-missing" {
				missing++
				if strings.Contains(d.Message, "did you mean") {
					hinted++
				}
			}
		}
		if want := map[bool]int{true: c.profiles, false: 0}[c.hints]; missing != c.profiles || hinted != want {
			t.Errorf("%d profiles: %d missing, %d with a did-you-mean; want %d and %d", c.profiles, missing, hinted, c.profiles, want)
		}
	}
	typeAndCompare(t, "past the budget", file(1500), "", rand.New(rand.NewPCG(3, 4)), 10)
}
