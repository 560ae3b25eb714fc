package awsfiles

import "testing"

func model(config, credentials string) *Model {
	return NewModel(Parse(ConfigFile, "config", []byte(config)), Parse(CredentialsFile, "credentials", []byte(credentials)))
}

func TestChainDescribesEachHop(t *testing.T) {
	m := model(`[profile dev-admin]
role_arn = arn:aws:iam::111122223333:role/Admin
mfa_serial = arn:aws:iam::111122223333:mfa/jo
source_profile = base
[profile deep]
role_arn = arn:aws:iam::111122223333:role/Deep
source_profile = dev-admin
[profile env]
role_arn = arn:aws:iam::111122223333:role/Env
credential_source = Environment
[profile loop-a]
role_arn = arn:aws:iam::111122223333:role/A
source_profile = loop-b
[profile loop-b]
role_arn = arn:aws:iam::111122223333:role/B
source_profile = loop-a
[profile dangling]
role_arn = arn:aws:iam::111122223333:role/D
source_profile = bsae
`, "# keys\n[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n")
	cases := map[string]string{
		"dev-admin": "dev-admin → AssumeRole arn:aws:iam::111122223333:role/Admin (MFA) → base (static keys, credentials line 3)",
		"deep":      "deep → AssumeRole arn:aws:iam::111122223333:role/Deep → dev-admin → AssumeRole arn:aws:iam::111122223333:role/Admin (MFA) → base (static keys, credentials line 3)",
		"env":       "env → AssumeRole arn:aws:iam::111122223333:role/Env → credential source Environment",
		"loop-a":    "loop-a → AssumeRole arn:aws:iam::111122223333:role/A → loop-b → AssumeRole arn:aws:iam::111122223333:role/B → back to loop-a (a cycle)",
		"dangling":  `dangling → AssumeRole arn:aws:iam::111122223333:role/D → source_profile "bsae" does not exist`,
		"base":      "base (static keys, credentials line 3)",
	}
	for name, want := range cases {
		if got := m.Chain(m.Profile(name)).String(); got != want {
			t.Errorf("chain %s:\n got %s\nwant %s", name, got, want)
		}
	}
	if c := m.Chain(m.Profile("deep")); len(c.Roles) != 2 || c.Roles[0].Name != "deep" || !c.OK() {
		t.Errorf("deep roles = %v", c.Names())
	}
}

// What the rules read of every chain without making it agrees with the chain made by walking it, on
// every rule case (and their loops through profiles with keys, self-references and dangling names).
func TestChainLinksAgreeWithTheWalk(t *testing.T) {
	m := bigMixedModel(t)
	extra := model("[profile k]\n"+testRole+"source_profile = j\n[profile j]\n"+testRole+"source_profile = k\n"+
		"[profile self]\n"+testRole+"source_profile = self\n[profile into]\n"+testRole+"source_profile = j\n"+
		"[profile wi]\n"+testRole+"web_identity_token_file = /t\nsource_profile = k\n[profile cs]\ncredential_source = Environment\n"+
		"[profile tocs]\n"+testRole+"source_profile = cs\n[profile both]\n"+testRole+"source_profile = both\n",
		"[k]\n"+testKeys+"[both]\n"+testKeys)
	for _, m := range []*Model{m, extra} {
		for _, p := range m.Profiles {
			c, l := m.Chain(p), m.chainLinkOf(p)
			var lastRole *Profile
			if len(c.Roles) > 0 {
				lastRole = c.Roles[len(c.Roles)-1]
			}
			if l.end != c.End || int(l.roles) != len(c.Roles) || l.last != c.Last() || l.lastRole != lastRole {
				t.Errorf("profile %q: chain %s, links say end %d, %d roles, last %s, last role %v", p.Name, c, l.end, l.roles, l.last.Name, lastRole)
			}
		}
	}
}
