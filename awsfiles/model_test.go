package awsfiles

import (
	"fmt"
	"strings"
	"testing"
)

// The model reads values as aws-sdk-go-v2 does where botocore differs; each case here was a disagreement
// found by running both tools.
func TestModelReadsValuesLikeTheGoSDK(t *testing.T) {
	m := model(`[profile a]
region = # to be decided
output = json
  cli_pager = less # promoted keys lose inline comments too
s3 = ""
  max_queue_size = 10
[default]
region = us-east-1
[profile default]
output = text
`, "")
	a := m.Profile("a")
	if v := a.Get("region"); v == nil || v.Value() != "" {
		t.Errorf("region = %+v, want empty: `key = # c` has no value", v)
	}
	if got := a.Value("cli_pager"); got != "less" {
		t.Errorf("cli_pager = %q, want the comment cut", got)
	}
	if s3 := a.Get("s3"); s3 == nil || len(s3.Entry.Sub()) != 1 {
		t.Errorf("s3 = \"\" followed by indented lines is a nested block in aws-sdk-go-v2")
	}
	d := m.Profile("default")
	if d.Has("region") || d.Value("output") != "text" {
		t.Errorf("default = region %q output %q: [profile default] wins whole, it is not merged with [default]",
			d.Value("region"), d.Value("output"))
	}
}

// A profile of hundreds of settings, some repeated within a section and across the two files, merges as a
// small one does: each key's last assignment wins (the credentials file's over the config file's), in the
// order the keys first appeared. Past manySettings the merge finds settings by name instead of searching.
func TestAProfileOfManySettingsMergesLikeASmallOne(t *testing.T) {
	var config, credentials strings.Builder
	config.WriteString("[profile big]\n")
	credentials.WriteString("[big]\n")
	want := map[string]string{}
	var order []string
	set := func(b *strings.Builder, key, value string) {
		fmt.Fprintf(b, "%s = %s\n", key, value)
		if _, seen := want[key]; !seen {
			order = append(order, key)
		}
		want[key] = value
	}
	for i := range 4 * manySettings {
		set(&config, fmt.Sprintf("key_%d", i%(2*manySettings)), fmt.Sprintf("config-%d", i)) // each key twice
		if i%7 == 0 {
			set(&config, "region", fmt.Sprintf("r-%d", i)) // a numbered key, repeated
		}
	}
	for i := 0; i < 3*manySettings; i += 5 {
		set(&credentials, fmt.Sprintf("key_%d", i), fmt.Sprintf("credentials-%d", i))
	}
	set(&credentials, "region", "last")
	m := NewModel(ParseString(ConfigFile, "config", config.String()), ParseString(CredentialsFile, "credentials", credentials.String()))
	p := m.Profile("big")
	settings := p.Settings()
	if len(settings) != len(order) {
		t.Fatalf("%d settings, want %d", len(settings), len(order))
	}
	for i, s := range settings {
		if s.Name() != order[i] || s.Value() != want[order[i]] || p.Value(order[i]) != want[order[i]] {
			t.Fatalf("setting %d: %s = %q (Value %q), want %s = %q", i, s.Name(), s.Value(), p.Value(order[i]), order[i], want[order[i]])
		}
	}
	if p.ValueOf(KeyRegion) != "last" {
		t.Fatalf("region = %q, want the credentials file's", p.ValueOf(KeyRegion))
	}
}
