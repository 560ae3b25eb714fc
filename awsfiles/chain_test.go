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
