package rules

import (
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
)

// What the rules read of every chain (Model.ChainInfo) without making it agrees with the chain made by walking it, on
// every rule case (and their loops through profiles with keys, self-references and dangling names).
func TestChainLinksAgreeWithTheWalk(t *testing.T) {
	m := bigMixedModel(t)
	extra := model("[profile k]\n"+testRole+"source_profile = j\n[profile j]\n"+testRole+"source_profile = k\n"+
		"[profile self]\n"+testRole+"source_profile = self\n[profile into]\n"+testRole+"source_profile = j\n"+
		"[profile wi]\n"+testRole+"web_identity_token_file = /t\nsource_profile = k\n[profile cs]\ncredential_source = Environment\n"+
		"[profile tocs]\n"+testRole+"source_profile = cs\n[profile both]\n"+testRole+"source_profile = both\n",
		"[k]\n"+testKeys+"[both]\n"+testKeys)
	for _, m := range []*awsfiles.Model{m, extra} {
		for _, p := range m.Profiles {
			c, l := m.Chain(p), m.ChainInfo(p)
			var lastRole *awsfiles.Profile
			if len(c.Roles) > 0 {
				lastRole = c.Roles[len(c.Roles)-1]
			}
			if l.End != c.End || l.Roles != len(c.Roles) || l.Last != c.Last() || l.LastRole != lastRole {
				t.Errorf("profile %q: chain %s, links say end %d, %d roles, last %s, last role %v", p.Name, c, l.End, l.Roles, l.Last.Name, lastRole)
			}
		}
	}
}
