package ssotest

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// The authorization code flow with PKCE, and every OAuth error a sign-in can meet, through botocore's
// own `aws sso-oidc` commands: botocore maps each error answer to its modelled exception by the wire
// format alone, so a wrong status, header or body shape fails here.
func TestAWSCLIAuthorizationCodeAndOAuthErrors(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{AutoApprove: true, DeviceCodeLifetime: time.Minute})
	cli := newAWSCLI(t, "")

	callbacks := make(chan url.Values, 1)
	redirect := newCallbackListener(t, callbacks) + "/oauth/callback"
	var reg struct{ ClientID, ClientSecret string }
	if err := cli.api(s, &reg, "sso-oidc", "register-client", "--client-name", "rolecall", "--client-type", "public",
		"--scopes", "sso:account:access", "--grant-types", grantAuthorizationCode, grantRefreshToken,
		"--redirect-uris", "http://127.0.0.1/oauth/callback", "--issuer-url", startURL); err != nil {
		t.Fatal(err)
	}
	client := []string{"--client-id=" + reg.ClientID, "--client-secret=" + reg.ClientSecret}

	verifier := strings.Repeat("b0tocore-", 6)
	authorize := func() string {
		t.Helper()
		return authorizeInBrowser(t, s, callbacks, reg.ClientID, redirect, verifier).Get("code")
	}
	redeem := func(code, verifier string, into any) error {
		return cli.api(s, into, append([]string{"sso-oidc", "create-token", "--grant-type", grantAuthorizationCode,
			"--code=" + code, "--redirect-uri", redirect, "--code-verifier=" + verifier}, client...)...)
	}
	mustFail(t, "create-token with a wrong code_verifier", redeem(authorize(), verifier+"x", nil), "InvalidGrantException")
	var tok struct{ AccessToken, TokenType, RefreshToken string }
	if err := redeem(authorize(), verifier, &tok); err != nil {
		t.Fatalf("redeeming the code with its verifier: %v", err)
	}
	if tok.AccessToken == "" || tok.TokenType != "Bearer" || tok.RefreshToken == "" {
		t.Fatalf("create-token printed type %q, access token given %v, refresh token given %v",
			tok.TokenType, tok.AccessToken != "", tok.RefreshToken != "")
	}

	// The device code errors, each as the next poll sees it, for a client registered as `aws sso login
	// --use-device-code` registers (a client registered for the code grant is refused the device grant).
	s.SetAutoApprove(false)
	if err := cli.api(s, &reg, "sso-oidc", "register-client", "--client-name", "rolecall", "--client-type", "public",
		"--scopes", "sso:account:access"); err != nil {
		t.Fatal(err)
	}
	client = []string{"--client-id=" + reg.ClientID, "--client-secret=" + reg.ClientSecret}
	var dev struct{ DeviceCode, UserCode string }
	start := func() {
		t.Helper()
		if err := cli.api(s, &dev, append([]string{"sso-oidc", "start-device-authorization", "--start-url", startURL}, client...)...); err != nil {
			t.Fatal(err)
		}
	}
	poll := func() error {
		return cli.api(s, nil, append([]string{"sso-oidc", "create-token", "--grant-type", grantDeviceCode,
			"--device-code=" + dev.DeviceCode}, client...)...)
	}
	start()
	s.InjectSlowDown(1)
	mustFail(t, "a poll told to slow down", poll(), "SlowDownException")
	mustFail(t, "the next poll, still waiting", poll(), "AuthorizationPendingException")
	if err := s.DenyUserCode(dev.UserCode); err != nil {
		t.Fatal(err)
	}
	mustFail(t, "a poll after the user denied", poll(), "AccessDeniedException")
	start()
	s.Advance(time.Minute)
	mustFail(t, "a poll after the code expired", poll(), "ExpiredTokenException")
}
