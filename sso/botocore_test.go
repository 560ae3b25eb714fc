package sso

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/internal/ssotest"
	"github.com/rolecall/rolecall/internal/ststest"
)

// The token cache is shared with the AWS CLI both ways. Rolecall signs in (the session read from the
// config file, endpoints from AWS_ENDPOINT_URL_SSO and _SSO_OIDC) and botocore's SSO credential
// provider uses the token with no prompt; then botocore refreshes an expired token and writes the
// file its way, and Rolecall uses what botocore wrote without refreshing again.
func TestTokenCacheSharedWithTheAWSCLI(t *testing.T) {
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("needs the AWS CLI (`pip install awscli`) on PATH")
	}
	t.Parallel()
	moto := ststest.StartMoto(t).URL
	idc := ssotest.Start(t, ssotest.Options{AutoApprove: true})
	home := t.TempDir()
	config := filepath.Join(home, ".aws", "config")
	os.MkdirAll(filepath.Dir(config), 0o700)
	os.WriteFile(config, []byte("[default]\ncli_follow_urlparam = false\nregion = us-east-1\n\n"+
		"[profile dev]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = ReadOnlyAccess\nregion = us-east-1\n\n"+
		"[sso-session my-sso]\nsso_start_url = "+testStartURL+"\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n"), 0o600)
	vars := map[string]string{"AWS_ENDPOINT_URL_SSO": idc.URL(), "AWS_ENDPOINT_URL_SSO_OIDC": idc.URL(), "AWS_ENDPOINT_URL_STS": moto}

	m, err := awsfiles.Load(awsfiles.Locations{Config: config, Credentials: filepath.Join(home, ".aws", "credentials")})
	if err != nil {
		t.Fatal(err)
	}
	s, err := SessionOfProfile(m, "dev", func(k string) (string, bool) { v, ok := vars[k]; return v, ok })
	if err != nil || s.OIDCEndpoint != idc.URL() || s.PortalEndpoint != idc.URL() {
		t.Fatalf("session %+v, %v", s, err)
	}
	c := New(Options{CacheDir: filepath.Join(home, ".aws", "sso", "cache")})
	browser := &fixture{t: t, idc: idc}
	if _, err := c.Login(context.Background(), s, LoginOptions{Events: browser.browse}); err != nil {
		t.Fatal(err)
	}

	callerIdentity := func() {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "aws", "sts", "get-caller-identity", "--profile", "dev", "--output", "json")
		cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "AWS_CONFIG_FILE=" + config, "AWS_EC2_METADATA_DISABLED=true"}
		for k, v := range vars {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		var stdout, stderr bytes.Buffer
		cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(""), &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("aws sts get-caller-identity: %v\n%s", err, stderr.String())
		}
		var id struct{ Arn string }
		if json.Unmarshal(stdout.Bytes(), &id) != nil || id.Arn == "" {
			t.Fatalf("aws printed %s", stdout.String())
		}
	}
	callerIdentity()
	if got := idc.Counts(); got[ssotest.OpCreateToken] != 1 || got[ssotest.OpGetRoleCredentials] != 1 {
		t.Errorf("after Rolecall's sign-in botocore made %v, want role credentials and no new token", got)
	}

	path := tokenFile(c.CacheDir(), s)
	t1, _, _ := readToken(path)
	t1.ExpiresAt = time.Now().Add(-time.Minute).UTC().Truncate(time.Second)
	os.WriteFile(path, encodeToken(t1), 0o600)
	callerIdentity() // botocore refreshes and writes the file back
	t2, ok, err := readToken(path)
	if !ok || err != nil || t2.AccessToken == t1.AccessToken || t2.RefreshToken == "" {
		t.Fatalf("botocore's refreshed file: %v, %v", ok, err)
	}
	if _, err := c.RoleCredentials(context.Background(), s, "111111111111", "ReadOnlyAccess"); err != nil {
		t.Fatalf("Rolecall with the token botocore refreshed: %v", err)
	}
	if got := idc.Count(ssotest.OpCreateToken); got != 2 {
		t.Errorf("CreateToken called %d times, want 2 (Rolecall's sign-in, botocore's refresh)", got)
	}
}
