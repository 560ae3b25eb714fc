package awsfiles

import (
	"encoding/json"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"testing"
)

var keyNameShape = regexp.MustCompile(`^[a-z0-9_.]+$`)

// The table is data for the language server too: every entry must be complete enough for a hover and a
// completion item.
func TestEveryKeyIsDocumented(t *testing.T) {
	top := map[string]bool{}
	for _, k := range Keys() {
		switch {
		case !keyNameShape.MatchString(k.Name):
			t.Errorf("%q: key names are lower-case words", k.Name)
		case k.Doc == "" || k.Values == "" || k.Where == 0 || k.Tools == 0:
			t.Errorf("%s: missing doc, values, where or tools: %+v", k.Name, k)
		case (k.Kind == ValueEnum) != (len(k.Enum) > 0) && k.Kind != ValueBool:
			t.Errorf("%s: an enumeration needs its values and only an enumeration or a boolean has them", k.Name)
		case (k.Parent != "") != (k.Where&(InNestedBlock|InServiceBlock) != 0):
			t.Errorf("%s: nested keys, and only they, have a parent", k.Name)
		}
		if k.Parent == "" {
			if top[k.Name] {
				t.Errorf("%s is in the table twice", k.Name)
			}
			top[k.Name] = true
		}
	}
	for _, name := range []string{"aws_secret_access_key", "aws_session_token", "aws_security_token", "azure_default_password"} {
		if k, ok := LookupKey(name); !ok || !k.Secret {
			t.Errorf("%s must be marked secret", name)
		}
	}
}

func TestLookupKey(t *testing.T) {
	if k, ok := LookupKey("role_arn"); !ok || k.Kind != ValueARN || !k.Tools.Has(ToolBotocore|ToolGoSDK|ToolAWSVault) {
		t.Errorf("role_arn = %+v, %v", k, ok)
	}
	if k, ok := LookupKey("granted_sso_registry_url"); !ok || k.Family != "granted_" || k.Tools != ToolGranted {
		t.Errorf("granted family = %+v, %v", k, ok)
	}
	if k, ok := LookupKey("azure_default_password"); !ok || k.Family != "" || !k.Secret {
		t.Errorf("an explicit entry must win over its family: %+v", k)
	}
	for _, name := range []string{"granted_", "regoin", "", "addressing_style", "endpoint_url "} {
		if _, ok := LookupKey(name); ok {
			t.Errorf("LookupKey(%q) found something", name)
		}
	}
	if k, ok := LookupNestedKey(SectionProfile, "s3", "addressing_style"); !ok || k.Enum[2] != "path" {
		t.Errorf("s3 addressing_style = %+v, %v", k, ok)
	}
	if _, ok := LookupNestedKey(SectionServices, "s3", "endpoint_url"); !ok {
		t.Error("endpoint_url under a service")
	}
	if _, ok := LookupNestedKey(SectionServices, "not_a_service", "endpoint_url"); ok {
		t.Error("endpoint_url under an unknown service")
	}
	if _, ok := LookupService("elastic_beanstalk"); !ok {
		t.Error("elastic_beanstalk is a service identifier")
	}
}

func TestKeysFor(t *testing.T) {
	names := func(ks []KeyInfo) string { return strings.Join(KeyNames(ks), " ") }
	if got := names(KeysFor(ConfigFile, SectionSSOSession)); got != "sso_region sso_registration_scopes sso_start_url" {
		t.Errorf("sso-session keys = %s", got)
	}
	creds := " " + names(KeysFor(CredentialsFile, SectionProfile)) + " "
	for _, want := range []string{"aws_access_key_id", "aws_secret_access_key", "aws_session_token", "region", "x_security_token_expires"} {
		if !strings.Contains(creds, " "+want+" ") {
			t.Errorf("credentials keys lack %s: %s", want, creds)
		}
	}
	for _, not := range []string{"role_arn", "sso_start_url", "output", "s3"} {
		if strings.Contains(creds, " "+not+" ") {
			t.Errorf("credentials keys hold the config-file setting %s", not)
		}
	}
	cfg := KeysFor(ConfigFile, SectionProfile)
	if !sort.SliceIsSorted(cfg, func(i, j int) bool { return cfg[i].Name < cfg[j].Name }) || len(cfg) < 100 {
		t.Errorf("config profile keys: %d, sorted %v", len(cfg), sort.SliceIsSorted(cfg, func(i, j int) bool { return cfg[i].Name < cfg[j].Name }))
	}
	if svc := KeysFor(ConfigFile, SectionServices); len(svc) != len(ServiceIDs()) || len(svc) < 400 {
		t.Errorf("services keys = %d, service IDs = %d", len(svc), len(ServiceIDs()))
	}
	if len(KeysFor(CredentialsFile, SectionServices)) != 0 || len(KeysFor(ConfigFile, SectionOther)) != 0 {
		t.Error("no keys outside profiles, sso-sessions and services")
	}
	if got := names(NestedKeysFor(SectionServices, "dynamodb")); got != "endpoint_url" {
		t.Errorf("service block keys = %s", got)
	}
	if got := NestedKeysFor(SectionProfile, "s3"); len(got) < 10 {
		t.Errorf("s3 block keys = %d", len(got))
	}
}

func TestDescribeAndTools(t *testing.T) {
	k, _ := LookupKey("cli_pager")
	d := k.Describe()
	for _, want := range []string{"**cli_pager**", "Values: ", "Where: config-file profile", "Read by: AWS CLI v2"} {
		if !strings.Contains(d, want) {
			t.Errorf("Describe lacks %q:\n%s", want, d)
		}
	}
	if got := (ToolAWSCLI | ToolBotocore | ToolAWSVault).String(); got != "botocore (AWS CLI, boto3), AWS CLI, aws-vault" {
		t.Errorf("tools = %s", got)
	}
	if got := ToolAWSCLIv1.String(); got != "AWS CLI v1" {
		t.Errorf("tools = %s", got)
	}
	if k, _ := LookupKey("imds_use_ipv6"); !strings.Contains(k.Describe(), "(legacy: write ec2_metadata_service_endpoint_mode = IPv6)") {
		t.Errorf("deprecated keys say what to write instead: %s", k.Describe())
	}
}

// The service identifiers must be real ones: each is in the AWS API models of the botocore installed here
// (skipped when botocore is not). A service botocore has and the list lacks is only logged: a newer
// botocore is no reason for a failure.
func TestServiceIDsAreBotocoreServiceIDs(t *testing.T) {
	// The serviceId sits in the metadata at the top of each model: read only the start of the newest one.
	out, err := exec.Command("python3", "-c", `
import botocore, glob, gzip, json, os, re
ids = set()
for d in glob.glob(os.path.join(os.path.dirname(botocore.__file__), 'data', '*')):
    models = sorted(glob.glob(os.path.join(d, '*', 'service-2.json*')))
    if not models:
        continue
    f = models[-1]
    head = (gzip.open(f) if f.endswith('.gz') else open(f, 'rb')).read(8192).decode('utf-8', 'replace')
    m = re.search(r'"serviceId"\s*:\s*"([^"]+)"', head)
    if m:
        ids.add(m.group(1).replace(' ', '_').lower())
print(json.dumps(sorted(ids)))
`).Output()
	if err != nil {
		t.Skipf("botocore is not available: %v", err)
	}
	var theirs []string
	if err := json.Unmarshal(out, &theirs); err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, id := range theirs {
		have[id] = true
	}
	ours := map[string]bool{}
	for _, id := range ServiceIDs() {
		ours[id] = true
		if !have[id] {
			t.Errorf("service identifier %q is not in botocore's models", id)
		}
	}
	for _, id := range theirs {
		if !ours[id] {
			t.Logf("botocore knows %q, the list does not (regenerate keys_services.go)", id)
		}
	}
}
