package assume

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolecall/rolecall/awsfiles"
)

// Rolecall writes the AWS CLI's cache entry after assuming, and a second store (a new process, in
// effect) reuses it without calling AssumeRole; Refresh never reuses it and rewrites it.
func TestCLICacheWrittenReusedAndRefreshed(t *testing.T) {
	t.Parallel()
	f := newSTSFixture(t, Options{})
	hop := RoleHop{Profile: "admin", RoleArn: adminRole, ExternalID: "ext-1", SessionName: "jo-session", DurationSeconds: 1800}
	plan := f.plan("admin", baseKeys(), hop)
	ctx := context.Background()
	first, err := f.store.Assume(ctx, plan, "")
	if err != nil {
		t.Fatal(err)
	}
	entry := filepath.Join(f.cacheDir, cliCacheKey(hop)+".json")
	if info, err := os.Stat(entry); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("cache entry %s: %v", entry, err)
	}

	second := newQuietStore(t, Options{CLICacheDir: f.cacheDir, UserName: "tester"}, nil)
	st, err := second.Assume(ctx, plan, "")
	if err != nil {
		t.Fatal(err)
	}
	if n := f.proxy.Count("AssumeRole"); n != 1 {
		t.Errorf("AssumeRole called %d times, want 1 (the second assume reuses the cache)", n)
	}
	if st.Source != SourceCLICache || st.AccessKeyID != first.AccessKeyID || st.AssumedRoleArn != first.AssumedRoleArn ||
		st.AccountID != "111122223333" || !st.Expiration.Equal(first.Expiration.Truncate(time.Second)) {
		t.Errorf("reused session = %+v, first = %+v", st, first)
	}

	refreshed, err := second.Refresh(ctx, "admin", "")
	if err != nil {
		t.Fatal(err)
	}
	if n := f.proxy.Count("AssumeRole"); n != 2 || refreshed.Source != SourceSTS || refreshed.AccessKeyID == first.AccessKeyID {
		t.Errorf("after refresh: %d AssumeRole calls, status %+v; want a new STS session", n, refreshed)
	}
	got, ok := readCLICache(f.cacheDir, hop, time.Now())
	if !ok || awsfiles.MaskAccessKeyID(got.creds.AccessKeyID) != refreshed.AccessKeyID {
		t.Errorf("the refresh did not rewrite the cache entry (%v, %v)", got.creds.AccessKeyID, ok)
	}
}

// An entry with less than 15 minutes left is not used (and is overwritten); with the cache off,
// nothing is read or written.
func TestCLICacheNearExpiryIgnoredAndOff(t *testing.T) {
	t.Parallel()
	f := newSTSFixture(t, Options{})
	hop := RoleHop{Profile: "admin", RoleArn: adminRole}
	stale := hopResult{creds: credentials{"ASIASTALEEXAMPLE0001", exampleSecret, "token-EXAMPLE", time.Now().Add(14 * time.Minute)},
		assumedArn: "arn:aws:sts::111122223333:assumed-role/Admin/old"}
	if err := writeCLICache(f.cacheDir, hop, stale); err != nil {
		t.Fatal(err)
	}
	st, err := f.store.Assume(context.Background(), f.plan("admin", baseKeys(), hop), "")
	if err != nil {
		t.Fatal(err)
	}
	if n := f.proxy.Count("AssumeRole"); n != 1 || st.Source != SourceSTS {
		t.Errorf("%d AssumeRole calls, source %s: an entry with 14 minutes left must not be used", n, st.Source)
	}
	if got, ok := readCLICache(f.cacheDir, hop, time.Now()); !ok || got.creds.AccessKeyID == stale.creds.AccessKeyID {
		t.Error("the stale entry was not replaced")
	}

	off := newQuietStore(t, Options{CLICacheDir: f.cacheDir, DisableCLICache: true}, nil)
	other := RoleHop{Profile: "other", RoleArn: "arn:aws:iam::111122223333:role/Other"}
	if _, err := off.Assume(context.Background(), f.plan("other", baseKeys(), other), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := off.Assume(context.Background(), f.plan("admin", baseKeys(), hop), ""); err != nil {
		t.Fatal(err)
	}
	if n := f.proxy.Count("AssumeRole"); n != 3 {
		t.Errorf("with the cache off: %d AssumeRole calls in all, want 3 (the valid entry must not be read)", n)
	}
	if _, err := os.Stat(filepath.Join(f.cacheDir, cliCacheKey(other)+".json")); !os.IsNotExist(err) {
		t.Errorf("with the cache off an entry was written (%v)", err)
	}
}

// Every hop of a chain gets its own entry, as in the CLI; with the final entry gone, a new store
// assumes only the final role, signed with the intermediate role's cached credentials.
func TestCLICacheIntermediateHops(t *testing.T) {
	t.Parallel()
	f := newSTSFixture(t, Options{})
	mid := RoleHop{Profile: "mid", RoleArn: "arn:aws:iam::111122223333:role/Mid"}
	admin := RoleHop{Profile: "admin", RoleArn: adminRole}
	plan := f.plan("admin", baseKeys(), mid, admin)
	if _, err := f.store.Assume(context.Background(), plan, ""); err != nil {
		t.Fatal(err)
	}
	midEntry, ok := readCLICache(f.cacheDir, mid, time.Now())
	if !ok {
		t.Fatal("no cache entry for the intermediate hop")
	}
	os.Remove(filepath.Join(f.cacheDir, cliCacheKey(admin)+".json"))

	second := newQuietStore(t, Options{CLICacheDir: f.cacheDir}, nil)
	if _, err := second.Assume(context.Background(), plan, ""); err != nil {
		t.Fatal(err)
	}
	calls := f.proxy.Calls("AssumeRole")
	if len(calls) != 3 {
		t.Fatalf("%d AssumeRole calls, want 3 (mid and admin, then admin only)", len(calls))
	}
	if last := calls[2]; last.Params.Get("RoleArn") != adminRole || last.AccessKeyID != midEntry.creds.AccessKeyID {
		t.Errorf("third call: %s signed by %s, want %s signed by the cached Mid session %s",
			last.Params.Get("RoleArn"), last.AccessKeyID, adminRole, midEntry.creds.AccessKeyID)
	}
}

// awsCLI runs the real AWS CLI in a sandbox home with the given config files; stdin is /dev/null so
// an MFA prompt fails instead of hanging.
func awsCLI(t *testing.T, home string, env []string, args ...string) (string, error) {
	t.Helper()
	path, err := exec.LookPath("aws")
	if err != nil {
		t.Skip("skipping: the AWS CLI (aws) is not on PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, append(args, "--output", "json")...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") && !strings.HasPrefix(kv, "HOME=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "HOME="+home, "AWS_CONFIG_FILE="+filepath.Join(home, ".aws", "config"),
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(home, ".aws", "credentials"), "AWS_EC2_METADATA_DISABLED=true")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// cliHome makes a home directory whose ~/.aws holds the config and the [base] keys.
func cliHome(t *testing.T, config string) string {
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	os.WriteFile(filepath.Join(home, ".aws", "config"), []byte(config), 0o600)
	os.WriteFile(filepath.Join(home, ".aws", "credentials"), []byte("[base]\naws_access_key_id = "+exampleKeyID+
		"\naws_secret_access_key = "+exampleSecret+"\n"), 0o600)
	return home
}

func callerArn(t *testing.T, out string) string {
	var id struct{ Arn string }
	if err := json.Unmarshal([]byte(out), &id); err != nil {
		t.Fatalf("aws output is not JSON: %s", out)
	}
	return id.Arn
}

// After Rolecall assumed a role with MFA, `aws --profile role` uses Rolecall's entry: no AssumeRole
// and no MFA prompt (its stdin is /dev/null), and it signs with the very session Rolecall got.
func TestAWSCLIReusesRolecallEntry(t *testing.T) {
	t.Parallel()
	home := cliHome(t, "[profile role]\nrole_arn = "+adminRole+"\nsource_profile = base\nexternal_id = ext-1\n"+
		"role_session_name = my-session\nduration_seconds = 1800\nmfa_serial = "+mfaSerial+"\nregion = eu-west-1\n")
	f := newSTSFixture(t, Options{CLICacheDir: filepath.Join(home, ".aws", "cli", "cache")})
	plan := f.plan("role", baseKeys(), RoleHop{Profile: "role", RoleArn: adminRole, ExternalID: "ext-1",
		SessionName: "my-session", DurationSeconds: 1800, MFASerial: mfaSerial})
	plan.Region = "eu-west-1"
	st, err := f.store.Assume(context.Background(), plan, "123456")
	if err != nil {
		t.Fatal(err)
	}
	out, err := awsCLI(t, home, []string{"AWS_ENDPOINT_URL_STS=" + f.proxy.URL}, // a cache miss would be counted, never sent to AWS
		"sts", "get-caller-identity", "--profile", "role", "--endpoint-url", f.proxy.URL)
	if err != nil {
		t.Fatalf("aws failed: %v\n%s", err, out)
	}
	if n := f.proxy.Count("AssumeRole"); n != 1 {
		t.Errorf("AssumeRole called %d times, want 1 (Rolecall's only)", n)
	}
	calls := f.proxy.Calls("GetCallerIdentity")
	if got := callerArn(t, out); got != st.AssumedRoleArn || awsfiles.MaskAccessKeyID(calls[len(calls)-1].AccessKeyID) != st.AccessKeyID {
		t.Errorf("the CLI is %s signing with %s; Rolecall's session is %s with %s", got,
			awsfiles.MaskAccessKeyID(calls[len(calls)-1].AccessKeyID), st.AssumedRoleArn, st.AccessKeyID)
	}
}

// After the AWS CLI assumed a role (through the proxy, via AWS_ENDPOINT_URL_STS), Rolecall reuses the
// entry the CLI wrote instead of calling AssumeRole.
func TestRolecallReusesAWSCLIEntry(t *testing.T) {
	t.Parallel()
	home := cliHome(t, "[profile role2]\nrole_arn = "+adminRole+"\nsource_profile = base\nexternal_id = ext-2\n"+
		"duration_seconds = 1200\nregion = us-east-1\n")
	f := newSTSFixture(t, Options{CLICacheDir: filepath.Join(home, ".aws", "cli", "cache")})
	out, err := awsCLI(t, home, []string{"AWS_ENDPOINT_URL_STS=" + f.proxy.URL},
		"sts", "get-caller-identity", "--profile", "role2", "--endpoint-url", f.proxy.URL)
	if err != nil {
		t.Fatalf("aws failed: %v\n%s", err, out)
	}
	if n := f.proxy.Count("AssumeRole"); n != 1 {
		t.Fatalf("the CLI made %d AssumeRole calls through the proxy, want 1", n)
	}
	cliKey := f.proxy.Calls("GetCallerIdentity")[0].AccessKeyID

	plan := f.plan("role2", baseKeys(), RoleHop{Profile: "role2", RoleArn: adminRole, ExternalID: "ext-2", DurationSeconds: 1200})
	st, err := f.store.Assume(context.Background(), plan, "")
	if err != nil {
		t.Fatal(err)
	}
	if n := f.proxy.Count("AssumeRole"); n != 1 || st.Source != SourceCLICache || st.AccessKeyID != awsfiles.MaskAccessKeyID(cliKey) {
		t.Errorf("%d AssumeRole calls, status %+v; want the CLI's session %s from its cache", n, st, awsfiles.MaskAccessKeyID(cliKey))
	}
	if st.AssumedRoleArn != callerArn(t, out) {
		t.Errorf("assumed role ARN %s, the CLI saw %s", st.AssumedRoleArn, callerArn(t, out))
	}
}
