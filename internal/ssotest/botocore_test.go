package ssotest

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolecall/rolecall/internal/ststest"
)

// These tests prove the emulator faithful with a client nobody here wrote: the AWS CLI (v1, botocore)
// parses every answer with the services' own models.

// awsCLI runs `aws` in a home of its own: a config whose [default] turns off the CLI v1 habit of
// downloading any parameter that looks like a URL (a start URL would otherwise be fetched), and
// nothing of the AWS environment of the machine running the tests.
type awsCLI struct {
	t    *testing.T
	home string
	env  []string
}

func newAWSCLI(t *testing.T, config string) *awsCLI {
	t.Helper()
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("skipping: these tests need the AWS CLI (`pip install awscli`) on PATH to check the emulator against botocore")
	}
	home := t.TempDir()
	configFile := filepath.Join(home, ".aws", "config")
	if err := os.MkdirAll(filepath.Dir(configFile), 0o700); err != nil {
		t.Fatal(err)
	}
	config = "[default]\ncli_follow_urlparam = false\nregion = us-east-1\n\n" + config
	if err := os.WriteFile(configFile, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") && !strings.HasPrefix(kv, "HOME=") {
			env = append(env, kv)
		}
	}
	env = append(env, "HOME="+home, "AWS_CONFIG_FILE="+configFile,
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(home, ".aws", "credentials"), "AWS_EC2_METADATA_DISABLED=true")
	return &awsCLI{t: t, home: home, env: env}
}

// run runs aws with args and extra environment variables; it returns stdout, and stderr in the error.
func (c *awsCLI) run(extraEnv []string, args ...string) ([]byte, error) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "aws", append(args, "--output", "json")...)
	cmd.Env = append(append([]string{}, c.env...), extraEnv...)
	cmd.Stdin = strings.NewReader("") // a prompt would fail instead of waiting
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.Bytes(), fmt.Errorf("aws %s: %v\n%s", args[0]+" "+args[1], err, stderr.String())
	}
	return stdout.Bytes(), nil
}

// api calls one API command against the emulator, as the brief for these tests asks: unsigned, at
// --endpoint-url, and decodes its JSON output.
func (c *awsCLI) api(s *Server, into any, args ...string) error {
	c.t.Helper()
	out, err := c.run(nil, append(args, "--endpoint-url", s.URL(), "--no-sign-request")...)
	if err != nil {
		return err
	}
	if into == nil {
		return nil
	}
	if err := json.Unmarshal(out, into); err != nil {
		c.t.Fatalf("aws %s printed something that is not JSON: %v\n%s", strings.Join(args[:2], " "), err, out)
	}
	return nil
}

func mustFail(t *testing.T, what string, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s succeeded, want an error with %q", what, want)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%s: the error does not say %q:\n%v", what, w, err)
		}
	}
}

// The device code sign-in through `aws sso-oidc`: botocore reads the pending error from
// X-Amzn-ErrorType, then the token after the user approves on the verification page, then a refresh.
func TestAWSCLIDeviceCodeSignIn(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{})
	cli := newAWSCLI(t, "")

	var reg struct {
		ClientID              string `json:"clientId"`
		ClientSecret          string `json:"clientSecret"`
		ClientIDIssuedAt      int64  `json:"clientIdIssuedAt"`
		ClientSecretExpiresAt int64  `json:"clientSecretExpiresAt"`
	}
	if err := cli.api(s, &reg, "sso-oidc", "register-client", "--client-name", "rolecall", "--client-type", "public",
		"--scopes", "sso:account:access"); err != nil {
		t.Fatal(err)
	}
	if reg.ClientID == "" || reg.ClientSecret == "" || reg.ClientSecretExpiresAt-reg.ClientIDIssuedAt != 90*24*3600 {
		t.Fatalf("register-client printed id %q, issued %d, expires %d", reg.ClientID, reg.ClientIDIssuedAt, reg.ClientSecretExpiresAt)
	}
	client := []string{"--client-id=" + reg.ClientID, "--client-secret=" + reg.ClientSecret}

	var dev struct {
		DeviceCode, UserCode, VerificationURI, VerificationURIComplete string
		ExpiresIn, Interval                                            int
	}
	if err := cli.api(s, &dev, append([]string{"sso-oidc", "start-device-authorization", "--start-url", startURL}, client...)...); err != nil {
		t.Fatal(err)
	}
	if dev.DeviceCode == "" || dev.UserCode == "" || dev.VerificationURI != s.URL()+"/device" ||
		dev.VerificationURIComplete != s.URL()+"/device?user_code="+dev.UserCode || dev.ExpiresIn != 600 || dev.Interval != 1 {
		t.Fatalf("start-device-authorization printed %+v", dev)
	}

	createToken := append([]string{"sso-oidc", "create-token", "--grant-type", grantDeviceCode, "--device-code=" + dev.DeviceCode}, client...)
	err := cli.api(s, nil, createToken...)
	mustFail(t, "create-token before approval", err, "AuthorizationPendingException", "Authorization is still pending")

	approveOnPage(t, dev.VerificationURIComplete)
	var tok struct {
		AccessToken, TokenType, RefreshToken string
		ExpiresIn                            int
	}
	if err := cli.api(s, &tok, createToken...); err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken == "" || tok.TokenType != "Bearer" || tok.ExpiresIn != 3600 || tok.RefreshToken == "" {
		t.Fatalf("create-token printed type %q, expiresIn %d, access token given %v, refresh token given %v",
			tok.TokenType, tok.ExpiresIn, tok.AccessToken != "", tok.RefreshToken != "")
	}

	var refreshed struct{ AccessToken, RefreshToken string }
	if err := cli.api(s, &refreshed, append([]string{"sso-oidc", "create-token", "--grant-type", grantRefreshToken,
		"--refresh-token=" + tok.RefreshToken}, client...)...); err != nil {
		t.Fatal(err)
	}
	if refreshed.AccessToken == "" || refreshed.AccessToken == tok.AccessToken || refreshed.RefreshToken == "" {
		t.Errorf("the refresh_token grant gave no new access token or no refresh token")
	}
}

// approveOnPage does what a person does in the browser: opens the verification URL and presses Approve.
func approveOnPage(t *testing.T, verificationURIComplete string) {
	t.Helper()
	resp, err := http.Get(verificationURIComplete)
	if err != nil {
		t.Fatal(err)
	}
	page := readAll(t, resp)
	code := between(page, `name="user_code" value="`, `"`)
	if resp.StatusCode != http.StatusOK || code == "" || !strings.Contains(page, `id="approve"`) {
		t.Fatalf("the verification page: %s\n%s", resp.Status, page)
	}
	resp, err = http.PostForm(strings.Split(verificationURIComplete, "?")[0], url.Values{"user_code": {code}, "decision": {"approve"}})
	if err != nil {
		t.Fatal(err)
	}
	if page := readAll(t, resp); resp.StatusCode != http.StatusOK || !strings.Contains(page, "approved") {
		t.Fatalf("approving on the page: %s\n%s", resp.Status, page)
	}
}

// The portal through `aws sso`: the CLI pages through ListAccounts by itself (three pages here) and
// reads the roles, the role credentials, the "No access" refusal and Logout.
func TestAWSCLIPortal(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{Accounts: GenerateAccounts(45, 3), PageSize: 20})
	cli := newAWSCLI(t, "")
	tok := signIn(t, s)
	token := []string{"--access-token=" + tok.AccessToken}

	var accounts struct {
		AccountList []struct{ AccountID, AccountName, EmailAddress string }
	}
	if err := cli.api(s, &accounts, append([]string{"sso", "list-accounts"}, token...)...); err != nil {
		t.Fatal(err)
	}
	if n := len(accounts.AccountList); n != 45 || s.Count(OpListAccounts) != 3 {
		t.Fatalf("list-accounts printed %d accounts after %d requests, want 45 after 3", n, s.Count(OpListAccounts))
	}
	if a := accounts.AccountList[44]; a.AccountID != "100000000044" || a.AccountName != "account-0044" || a.EmailAddress != "aws+0044@example.com" {
		t.Errorf("the last account printed as %+v", a)
	}

	var roles struct {
		RoleList []struct{ RoleName, AccountID string }
	}
	if err := cli.api(s, &roles, append([]string{"sso", "list-account-roles", "--account-id", "100000000044", "--page-size", "2"}, token...)...); err != nil {
		t.Fatal(err)
	}
	if len(roles.RoleList) != 3 || roles.RoleList[2].RoleName != "Role3" || roles.RoleList[2].AccountID != "100000000044" {
		t.Errorf("list-account-roles printed %+v", roles.RoleList)
	}

	var creds struct {
		RoleCredentials struct {
			AccessKeyID, SecretAccessKey, SessionToken string
			Expiration                                 int64
		}
	}
	if err := cli.api(s, &creds, append([]string{"sso", "get-role-credentials", "--account-id", "100000000044", "--role-name", "Role2"}, token...)...); err != nil {
		t.Fatal(err)
	}
	rc := creds.RoleCredentials
	if !strings.HasPrefix(rc.AccessKeyID, "ASIA") || rc.SecretAccessKey == "" || rc.SessionToken == "" ||
		time.Until(time.UnixMilli(rc.Expiration)) < 50*time.Minute {
		t.Errorf("get-role-credentials printed key %q expiring %s", rc.AccessKeyID, time.UnixMilli(rc.Expiration))
	}
	err := cli.api(s, nil, append([]string{"sso", "get-role-credentials", "--account-id", "100000000044", "--role-name", "Admin"}, token...)...)
	mustFail(t, "get-role-credentials for a role not given", err, "ForbiddenException", "No access")

	if err := cli.api(s, nil, append([]string{"sso", "logout"}, token...)...); err != nil {
		t.Fatal(err)
	}
	err = cli.api(s, nil, append([]string{"sso", "list-accounts"}, token...)...)
	mustFail(t, "list-accounts after logout", err, "UnauthorizedException", "Session token not found or invalid")
}

// botocore's SSO credential provider reads a token cache written here as Rolecall writes it, gets
// role credentials from the emulator and calls STS at moto, without a prompt; with an expired access
// token it refreshes through CreateToken first and writes the new token back.
func TestBotocoreSSOProviderUsesTokenCache(t *testing.T) {
	t.Parallel()
	moto := ststest.StartMoto(t).URL
	s := Start(t, Options{})
	cli := newAWSCLI(t, `[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = ReadOnlyAccess
region = us-east-1

[sso-session my-sso]
sso_start_url = `+startURL+`
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`)
	env := []string{"AWS_ENDPOINT_URL_SSO=" + s.URL(), "AWS_ENDPOINT_URL_SSO_OIDC=" + s.URL(), "AWS_ENDPOINT_URL_STS=" + moto}
	tok := signIn(t, s)
	sum := sha1.Sum([]byte("my-sso"))
	cacheFile := filepath.Join(cli.home, ".aws", "sso", "cache", hex.EncodeToString(sum[:])+".json")

	callerIdentity := func() {
		t.Helper()
		out, err := cli.run(env, "sts", "get-caller-identity", "--profile", "dev")
		if err != nil {
			t.Fatal(err)
		}
		var id struct{ Account, Arn string }
		if err := json.Unmarshal(out, &id); err != nil || id.Arn == "" {
			t.Fatalf("get-caller-identity printed %s (%v)", out, err)
		}
	}

	writeTokenCache(t, cacheFile, tok, tok.ExpiresAt)
	callerIdentity()
	if got := s.Counts(); got[OpGetRoleCredentials] != 1 || got[OpCreateToken] != 0 {
		t.Errorf("with a fresh token botocore made %v", got)
	}

	writeTokenCache(t, cacheFile, tok, time.Now().Add(-time.Minute))
	callerIdentity()
	if got := s.Counts(); got[OpGetRoleCredentials] != 2 || got[OpCreateToken] != 1 {
		t.Errorf("with an expired token botocore made %v, want a refresh then credentials", got)
	}
	var saved struct{ AccessToken, RefreshToken, ExpiresAt string }
	data, err := os.ReadFile(cacheFile)
	if err != nil || json.Unmarshal(data, &saved) != nil {
		t.Fatalf("reading the cache botocore wrote back: %v", err)
	}
	if saved.AccessToken == tok.AccessToken || saved.RefreshToken != tok.RefreshToken || saved.ExpiresAt == "" {
		t.Errorf("botocore wrote back no new access token, or lost the refresh token (expiresAt %q)", saved.ExpiresAt)
	}
}

// writeTokenCache writes the file `aws sso login` leaves, with the fields and formats botocore reads.
func writeTokenCache(t *testing.T, path string, tok Token, expiresAt time.Time) {
	t.Helper()
	entry := map[string]string{
		"startUrl":              startURL,
		"region":                "us-east-1",
		"accessToken":           tok.AccessToken,
		"expiresAt":             expiresAt.UTC().Format("2006-01-02T15:04:05Z"),
		"clientId":              tok.ClientID,
		"clientSecret":          tok.ClientSecret,
		"registrationExpiresAt": tok.RegistrationExpiresAt.UTC().Format("2006-01-02T15:04:05Z"),
		"refreshToken":          tok.RefreshToken,
	}
	data, _ := json.Marshal(entry)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
