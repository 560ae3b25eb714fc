package awsfiles

import (
	"fmt"
	"strings"
	"testing"
)

// Profile keeps an index of the settings the rules ask for most; a profile with more settings than the
// index can hold falls back to searching. Both must answer exactly as a search of the settings does.
func TestProfileLookupsMatchASearch(t *testing.T) {
	for _, filler := range []int{0, 3, 254, 255, 256, 400} {
		var b strings.Builder
		b.WriteString("[profile big]\n")
		for i := range filler {
			fmt.Fprintf(&b, "x_%d = %d\n", i, i)
		}
		b.WriteString("role_arn = arn:aws:iam::111122223333:role/R\nsource_profile = base\nregion = eu-west-1\n" +
			"[profile big]\nregion = us-east-1\nmfa_serial = arn:aws:iam::111122223333:mfa/me\n")
		m := model(b.String(), "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n")
		p := m.Profile("big")
		for _, name := range append(keyIDNames[:], "x_0", "x_255", "nope") {
			var want *Setting
			for i := range p.settings {
				if p.settings[i].Name() == name {
					want = &p.settings[i]
				}
			}
			if got := p.Get(name); got != want {
				t.Errorf("filler %d: Get(%q) = %v, want %v", filler, name, got, want)
			}
		}
		if got := p.Value("region"); got != "us-east-1" {
			t.Errorf("filler %d: region = %q, want the later section's", filler, got)
		}
		if c := m.Chain(p); !c.OK() || len(c.Steps) != 2 {
			t.Errorf("filler %d: chain %s", filler, c)
		}
	}
}
