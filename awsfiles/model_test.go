package awsfiles

import "testing"

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
