package assume

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The cache file names of botocore's unit tests (spec §9), one the AWS CLI 1.45.11 wrote, and two
// computed with Python's json.dumps(args, sort_keys=True) covering every argument and the escapes.
func TestCLICacheKeyMatchesBotocore(t *testing.T) {
	cases := []struct {
		hop  RoleHop
		want string
	}{
		{RoleHop{RoleArn: "myrole"}, "793d6e2f27667ab2da104824407e486bfec24a47"},
		{RoleHop{RoleArn: "arn:aws:iam::role/foo-role"}, "75c539f0711ba78c5b9e488d0add95f178a54d74"},
		{RoleHop{RoleArn: "myrole", SessionName: "my_session_name"}, "2964201f5648c8be5b9460a9cf842d73a266daf2"},
		{RoleHop{RoleArn: "arn:aws:iam::123456789012:role/R"}, "c03ce438bc208f6214854d85d3ca930ff73e3004"},
		{RoleHop{RoleArn: adminRole, SessionName: "jo", ExternalID: "ext/ü\"x\\\t😀<&>", MFASerial: mfaSerial, DurationSeconds: 1800},
			"734c5fa5914d072fcf3dbb401174b057818e5b4b"},
		{RoleHop{RoleArn: adminRole, DurationSeconds: 43200, Profile: "not part of the key"}, "ebc9f6e4ce1caae0e48aab398798935705fdb570"},
	}
	for _, c := range cases {
		if got := cliCacheKey(c.hop); got != c.want {
			t.Errorf("cliCacheKey(%+v) = %s, want %s", c.hop, got, c.want)
		}
	}
}

func TestPythonJSONDumps(t *testing.T) {
	got := pythonJSONDumps(map[string]any{"RoleArn": "a", "DurationSeconds": 900, "ExternalId": "é\x01\x7f"})
	want := `{"DurationSeconds": 900, "ExternalId": "\u00e9\u0001\u007f", "RoleArn": "a"}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestCacheExpirationFormats(t *testing.T) {
	want := time.Date(2026, 11, 27, 10, 21, 8, 0, time.UTC)
	for _, s := range []string{"2026-11-27T10:21:08Z", "2026-11-27T10:21:08+00:00", "2026-11-27T10:21:08UTC",
		"2026-11-27T11:21:08+01:00", "2026-11-27 10:21:08+00:00", "2026-11-27T10:21:08.000000Z"} {
		got, err := parseCacheExpiration(s)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseCacheExpiration(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	if _, err := parseCacheExpiration("tomorrow"); err == nil {
		t.Error("parseCacheExpiration accepted junk")
	}
}

// An entry is written atomically with the CLI's shape and mode 0600 in a 0700 directory, read back
// while 15 minutes remain, and ignored once fewer remain or when it is not valid JSON.
func TestCLICacheFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cli", "cache")
	hop := RoleHop{RoleArn: adminRole, ExternalID: "ext-1"}
	now := time.Now()
	hr := hopResult{creds: credentials{"ASIAEXAMPLE000000001", exampleSecret, "token-EXAMPLE", now.Add(16 * time.Minute)},
		assumedArn: "arn:aws:sts::111122223333:assumed-role/Admin/s", roleID: "AROAEXAMPLE:s", accountID: "111122223333"}
	if err := writeCLICache(dir, hop, hr); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, cliCacheKey(hop)+".json")
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("entry %s: %v, mode %v; want 0600", path, err, info.Mode())
	}
	if d, _ := os.Stat(dir); d.Mode().Perm() != 0o700 {
		t.Errorf("cache dir mode %v, want 0700", d.Mode().Perm())
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, "*.tmp")); len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
	var raw map[string]map[string]any
	data, _ := os.ReadFile(path)
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration", "AccountId"} {
		if raw["Credentials"][k] == nil {
			t.Errorf("Credentials.%s missing in %s", k, data)
		}
	}
	if raw["AssumedRoleUser"]["Arn"] != hr.assumedArn || raw["AssumedRoleUser"]["AssumedRoleId"] != hr.roleID {
		t.Errorf("AssumedRoleUser = %v", raw["AssumedRoleUser"])
	}

	got, ok := readCLICache(dir, hop, now)
	if !ok || got.creds.AccessKeyID != hr.creds.AccessKeyID || got.creds.SessionToken != hr.creds.SessionToken ||
		got.assumedArn != hr.assumedArn || got.accountID != "111122223333" {
		t.Fatalf("read back %+v, %v", got, ok)
	}
	if _, ok := readCLICache(dir, hop, now.Add(90*time.Second)); ok {
		t.Error("an entry with less than 15 minutes left was used")
	}
	if _, ok := readCLICache(dir, RoleHop{RoleArn: adminRole}, now); ok {
		t.Error("an entry for other arguments was used")
	}
	os.WriteFile(path, []byte("{not json"), 0o600)
	if _, ok := readCLICache(dir, hop, now); ok {
		t.Error("an invalid entry was used")
	}
}
