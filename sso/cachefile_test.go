package sso

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Rolecall's registration cache key is the AWS CLI's: the same SHA-1 of the same json.dumps, checked
// against Python's own json module for sessions with and without scopes, the legacy form and names
// that need escaping.
func TestRegistrationKeyMatchesTheAWSCLI(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is needed to compute the AWS CLI's key")
	}
	sessions := []Session{
		{Name: "corp", StartURL: testStartURL, Region: "eu-west-1", Scopes: []string{"sso:account:access"}},
		{Name: "corp", StartURL: testStartURL, Region: "eu-west-1"},
		{Name: "corp", StartURL: testStartURL, Region: "eu-west-1", Scopes: []string{}},
		{StartURL: testStartURL, Region: "us-east-1"},
		{Name: "équipe \"ops\"\t\\ 😀 <&>\x7f", StartURL: testStartURL + "?a=1&b=<2>", Region: "eu-west-1", Scopes: []string{"a", "b c"}},
	}
	var args []map[string]any
	for _, s := range sessions {
		var name any = s.Name
		if s.Name == "" {
			name = nil
		}
		args = append(args, map[string]any{"tool": "botocore", "startUrl": s.StartURL, "region": s.Region, "scopes": s.Scopes, "session_name": name})
	}
	in, _ := json.Marshal(args)
	cmd := exec.Command("python3", "-c", "import sys,json,hashlib\nfor a in json.loads(sys.stdin.read()):\n"+
		"  print(hashlib.sha1(json.dumps(a, sort_keys=True).encode('utf-8')).hexdigest()+'.json')")
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Fields(string(out))
	for i, s := range sessions {
		if got := cacheName(registrationKey(s)); i >= len(want) || got != want[i] {
			t.Errorf("session %q: key file %s, the AWS CLI's is %v (key %s)", s.Name, got, want, registrationKey(s))
		}
	}
}

// A token file the AWS CLI wrote is read (its format and the SDK's), and Rolecall writes the CLI's
// format: the members in its order, json.dumps separators, UTC ...Z times.
func TestTokenFileFormat(t *testing.T) {
	cli := `{"startUrl": "https://d-1234567890.awsapps.com/start", "region": "eu-west-1", "accessToken": "aoaEXAMPLE", ` +
		`"expiresAt": "2030-01-02T03:04:05Z", "clientId": "cid", "clientSecret": "csecretEXAMPLE", ` +
		`"registrationExpiresAt": "2030-03-01T00:00:00Z", "refreshToken": "aorEXAMPLE"}`
	tok, ok, err := parseToken([]byte(cli), "x.json")
	if err != nil || !ok {
		t.Fatal(err)
	}
	if string(encodeToken(tok)) != cli {
		t.Errorf("wrote\n%s\nthe CLI writes\n%s", encodeToken(tok), cli)
	}
	for _, v := range []string{"2030-01-02T03:04:05Z", "2030-01-02T03:04:05UTC", "2030-01-02T04:04:05+01:00", "2030-01-02T03:04:05.000Z"} {
		got, err := parseCacheTime(v)
		if err != nil || !got.Equal(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)) {
			t.Errorf("parseCacheTime(%q) = %v, %v", v, got, err)
		}
	}
	if _, ok, err := parseToken([]byte(`{"accessToken": "x"}`), "y.json"); ok || err == nil || strings.Contains(err.Error(), `"x"`) {
		t.Errorf("a file without expiresAt: ok %v, err %v", ok, err)
	}
}
