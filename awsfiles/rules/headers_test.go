package rules

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/rolecall/rolecall/awsfiles"
)

var configHeaders = []string{
	"[profile a]", "[ profile a ]", "[profile  a]", "[profile\ta]", "[profile a ]", "[ default ]", "[default ]",
	"[profile a#b]", "[profile a;b]", "[profile a] x", "[profile a] # c", "[profile a] # c]", "[Profile a]",
	"[profiles a]", "[profile-x a]", "[profileX a]", "[profile]", "[DEFAULT]", "[Default]", "[dev]", "[plugins]",
	`[profile "a b"]`, "[profile 'a b']", `[profile "a"]`, "[profile bob's]", "[profile a b]", `[profile a\ b]`,
	"[sso-session s]", "[sso-sessions s]", "[services s]", "[profile a]]", "[ ]", "[]", "[profile é]", "[a=b]",
}

var credentialsHeaders = []string{
	"[a]", "[ a ]", "[profile a]", "[a  b]", "[a b]", `["a"]`, "[bob's]", "[a#b]", "[a] x", "[DEFAULT]", "[Default]",
	"[sso-session s]", "[ ]", "[]", "[a] ; c",
}

// headerProbe is a file where the keys under the header show where each tool puts them: [default] has
// region eu-west-1, the section under test region us-east-1 and a key only it has.
func headerProbe(header string) string {
	return "[default]\nregion = eu-west-1\n" + header + "\nregion = us-east-1\ntested = yes\n"
}

// The readings the header rules describe (botoHeader, sdkHeader) are what botocore and aws-sdk-go-v2 do.
func TestHeaderReadingsMatchTools(t *testing.T) {
	var corpus []corpusFile
	for _, h := range configHeaders {
		corpus = append(corpus, corpusFile{h, awsfiles.ConfigFile, headerProbe(h)})
	}
	for _, h := range credentialsHeaders {
		corpus = append(corpus, corpusFile{h, awsfiles.CredentialsFile, headerProbe(h)})
	}
	results := botocoreRead(t, corpus, true)
	dir := t.TempDir()
	for i, cf := range corpus {
		f := awsfiles.Parse(cf.kind, "f", []byte(cf.data))
		l := f.Line(2)
		checkBotoReading(t, cf, botoHeader(f, cf.kind, l), results[i])
		path := filepath.Join(dir, "probe")
		if err := os.WriteFile(path, []byte(cf.data), 0o600); err != nil {
			t.Fatal(err)
		}
		checkSDKReading(t, cf, sdkHeader(cf.kind, f.LineText(l)), path)
	}
}

func checkBotoReading(t *testing.T, cf corpusFile, r headerReading, res botoResult) {
	t.Helper()
	if (res.Error != nil) != (r.kind == readNoHeader) {
		t.Errorf("%s %s: botocore error %v, reading %+v", cf.kind, cf.name, res.Error, r)
		return
	}
	if res.Error != nil {
		return
	}
	holder := map[headerKind]map[string]map[string]any{readProfile: res.Profiles, readSSOSession: res.SSO, readServices: res.Services}
	if cf.kind == awsfiles.CredentialsFile {
		holder[readProfile] = res.Raw
	}
	var where map[string]any
	switch r.kind {
	case readProfile, readSSOSession, readServices:
		where = holder[r.kind][r.name]
	case readDefaults:
		where = holder[readProfile]["default"]
	case readOther:
		where = res.Raw[r.name]
	}
	if where["tested"] != "yes" && r.kind != readVanished {
		t.Errorf("%s %s: reading %+v, but botocore has no tested key there: %+v", cf.kind, cf.name, r, res)
	}
	if r.kind == readOther || r.kind == readVanished {
		for _, kind := range []headerKind{readProfile, readSSOSession, readServices} {
			for name, keys := range holder[kind] {
				if keys["tested"] == "yes" && cf.kind == awsfiles.ConfigFile {
					t.Errorf("%s %s: reading %+v, but botocore has it in %q", cf.kind, cf.name, r, name)
				}
			}
		}
	}
}

func checkSDKReading(t *testing.T, cf corpusFile, r headerReading, path string) {
	t.Helper()
	region := func(profile string) string {
		sc, err := config.LoadSharedConfigProfile(context.Background(), profile, func(o *config.LoadSharedConfigOptions) {
			o.ConfigFiles, o.CredentialsFiles = []string{path}, []string{}
			if cf.kind == awsfiles.CredentialsFile {
				o.ConfigFiles, o.CredentialsFiles = []string{}, []string{path}
			}
		})
		if err != nil {
			return "error"
		}
		return sc.Region
	}
	want := map[string]string{"default": "eu-west-1"}
	switch r.kind {
	case readProfile, readInert:
		want[r.name] = "us-east-1"
	case readNoHeader:
		want["default"] = "us-east-1"
	case readOther:
		want[r.name] = "error"
	}
	for profile, region0 := range want {
		if got := region(profile); got != region0 && !(profile == "default" && r.name == "default") {
			t.Errorf("%s %s: reading %+v, but aws-sdk-go-v2 gives profile %q region %q, want %q", cf.kind, cf.name, r, profile, got, region0)
		}
	}
}

func TestShlexMatchesPython(t *testing.T) {
	inputs := []string{"profile a", "profile  a", "profile 'a b'", `profile "a b"`, `profile a\ b`, "profile bob's",
		`profile "a\"b"`, `profile "a\xb"`, `profile a\`, `profile "x`, "profile ''", `profile a"b c"d`, "profile\ta\r",
		`profile 'a\b'`, `"profile" x`, "", "  ", "profile a b c"}
	in, _ := json.Marshal(inputs)
	out, err := exec.Command("python3", "-c", `
import json, shlex, sys
res = []
for s in json.loads(sys.argv[1]):
    try:
        res.append(shlex.split(s))
    except ValueError:
        res.append(None)
print(json.dumps(res))
`, string(in)).Output()
	if err != nil {
		t.Skipf("python3 is not available: %v", err)
	}
	var want [][]string
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	for i, s := range inputs {
		got, ok := shlexSplit(s)
		if !ok {
			got = nil
		}
		if want[i] != nil && len(want[i]) == 0 && ok && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("shlexSplit(%q) = %q (ok %v), Python gives %q", s, got, ok, want[i])
		}
	}
}

func TestSDKSectionName(t *testing.T) {
	for text, want := range map[string]string{
		"[ profile  a b ]": "profile a b", "[profile\ta]": "profile a", "[ default ]": "default", "  [x] ; c": "x",
		"[a#b]": "", "[a] x": "", "[]": "",
	} {
		got, ok := sdkSectionName(text)
		if want == "" && text != "[]" {
			if ok {
				t.Errorf("sdkSectionName(%q) = %q, want no header", text, got)
			}
			continue
		}
		if got != want {
			t.Errorf("sdkSectionName(%q) = %q, want %q", text, got, want)
		}
	}
}
