package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// --region wins over the profile's region in assume (the session and AWS_REGION say so) and is
// accepted by credential-process; something that is not a region name is a usage error.
func TestRegionFlag(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	out, _ := f.mustRun("assume", "dev", "--mfa-code", "123456", "--format", "json", "--region", "ap-southeast-2")
	var s sessionOutput
	if err := json.Unmarshal([]byte(out), &s); err != nil || s.Region != "ap-southeast-2" {
		t.Errorf("assume --region: region %q (%v)", s.Region, err)
	}
	out, _ = f.mustRun("assume", "plain", "--region", "us-west-2")
	if !strings.Contains(out, "export AWS_REGION='us-west-2'\n") || !strings.Contains(out, "export AWS_DEFAULT_REGION='us-west-2'\n") {
		t.Errorf("assume --format env --region: %q", out[strings.Index(out, "export AWS_REGION"):])
	}
	f.mustRun("credential-process", "--profile", "plain", "--region", "eu-north-1")
	for _, args := range [][]string{
		{"assume", "plain", "--region", "us-east-1; rm -rf /"},
		{"credential-process", "--profile", "plain", "--region", "EU-WEST-1"},
		{"console", "plain", "--region", "x"},
	} {
		if code, _, errOut := f.run("", args...); code != ExitUsage || !strings.Contains(errOut, "is not a region name") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}
