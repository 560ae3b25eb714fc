package cli

import (
	"strings"
	"testing"
)

// A profile that `rolecall check` reports at error severity is refused before any request, by assume and
// credential-process alike, with the diagnostic's code, file and line; a region that is not a region name
// is a local error too, never blamed on STS.
func TestAssumeRefusesWhatCheckReportsBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	const hop = "[profile mid]\nrole_arn = " + midRole + "\nsource_profile = base\n\n"
	cases := []struct {
		name, config string
		env          map[string]string
		want         []string
	}{
		{"duration under 900", "[profile x]\nrole_arn = " + adminRole + "\nsource_profile = base\nduration_seconds = 600\n",
			nil, []string{"[duration-invalid]", "config:4"}},
		{"duration over an hour on a chained hop", hop + "[profile x]\nrole_arn = " + adminRole + "\nsource_profile = mid\nduration_seconds = 7200\n",
			nil, []string{"[duration-chained]", "config:8"}},
		{"session name with a space", "[profile x]\nrole_arn = " + adminRole + "\nsource_profile = base\nrole_session_name = jo doe\n",
			nil, []string{"[session-name-invalid]", "config:4"}},
		{"user ARN", "[profile x]\nrole_arn = arn:aws:iam::111122223333:user/jo\nsource_profile = base\n",
			nil, []string{"[role-arn-invalid]", "config:2"}},
		{"broken hop under a good profile", "[profile mid]\nrole_arn = " + midRole + "\nsource_profile = base\nrole_session_name = j\n\n" +
			"[profile x]\nrole_arn = " + adminRole + "\nsource_profile = mid\n", nil, []string{"[session-name-invalid]", "config:4"}},
		{"region with underscores", "[profile x]\nrole_arn = " + adminRole + "\nsource_profile = base\nregion = us_east_1\n",
			nil, []string{"[region-invalid]", "config:4"}},
		{"region from AWS_REGION", "[profile x]\nrole_arn = " + adminRole + "\nsource_profile = base\n",
			map[string]string{"AWS_REGION": "eu west 1"}, []string{`region "eu west 1" (AWS_REGION) is not a region name`, "unset it"}},
	}
	for _, c := range cases {
		f.write("config", c.config)
		for k, v := range c.env {
			f.env[k] = v
		}
		for _, args := range [][]string{{"assume", "x", "--mfa-code", "123456"}, {"credential-process", "--profile", "x"}} {
			code, out, errOut := f.run("", args...)
			if code != ExitFail || out != "" {
				t.Errorf("%s: rolecall %v: exit %d, stdout %q; want 1 and nothing", c.name, args, code, out)
			}
			for _, want := range c.want {
				if strings.HasPrefix(want, "config:") {
					want = f.path("config") + want[len("config"):]
				}
				if !strings.Contains(errOut, want) {
					t.Errorf("%s: rolecall %v: stderr lacks %q:\n%s", c.name, args, want, errOut)
				}
			}
			if strings.Contains(errOut, "STS answered") {
				t.Errorf("%s: a local problem is blamed on STS:\n%s", c.name, errOut)
			}
		}
		for k := range c.env {
			delete(f.env, k)
		}
	}
	if calls := f.proxy.Calls(""); len(calls) != 0 {
		t.Errorf("%d STS requests for profiles that cannot work: %+v", len(calls), calls)
	}
}

// role_arn with an inline comment: aws-sdk-go-v2 cuts the comment off, the AWS CLI keeps it. Rolecall
// sends the SDK's reading and says so.
func TestAssumeSaysWhichReadingOfAnInlineCommentItUses(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, "[profile x]\nrole_arn = "+adminRole+" # the admin role\nsource_profile = base\n", baseCredentials)
	_, errOut := f.mustRun("assume", "x")
	want := `role_arn of profile "x" is read as aws-sdk-go-v2 reads it, "` + adminRole + `", without the inline comment (` + f.path("config") + ":2)"
	if !strings.Contains(errOut, want) || !strings.Contains(errOut, "the AWS CLI keeps the comment") {
		t.Errorf("stderr does not say which reading was used:\n%s", errOut)
	}
	if calls := f.proxy.Calls("AssumeRole"); len(calls) != 1 || calls[0].Params.Get("RoleArn") != adminRole {
		t.Errorf("AssumeRole calls %+v, want one with the ARN without its comment", calls)
	}
}
