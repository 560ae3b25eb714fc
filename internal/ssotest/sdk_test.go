package ssotest

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	ssotypes "github.com/aws/aws-sdk-go-v2/service/sso/types"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc/types"
	"github.com/aws/smithy-go"
)

const startURL = "https://d-1234567890.awsapps.com/start"

func oidcClient(s *Server) *ssooidc.Client {
	return ssooidc.New(ssooidc.Options{Region: "us-east-1", BaseEndpoint: aws.String(s.URL())})
}

func portalClient(s *Server) *sso.Client {
	return sso.New(sso.Options{Region: "us-east-1", BaseEndpoint: aws.String(s.URL())})
}

// errorAs asserts that err is the SDK's typed exception E, as the SDK decoded it from the wire.
func errorAs[E error](t *testing.T, what string, err error) E {
	t.Helper()
	var e E
	if !errors.As(err, &e) {
		t.Fatalf("%s: got %v (%T), want %T", what, err, err, e)
	}
	return e
}

// A user signs in with a device code the way the AWS CLI does: the client polls and is told to wait
// (and once to slow down) until the user approves the code, then gets a token and refreshes it.
func TestDeviceCodeSignInWithTheGoSDK(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{})
	ctx := context.Background()
	oidc := oidcClient(s)

	reg, err := oidc.RegisterClient(ctx, &ssooidc.RegisterClientInput{ClientName: aws.String("rolecall"),
		ClientType: aws.String("public"), Scopes: []string{"sso:account:access"}})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(reg.ClientId) == "" || aws.ToString(reg.ClientSecret) == "" || reg.ClientSecretExpiresAt <= reg.ClientIdIssuedAt {
		t.Fatalf("RegisterClient answered %+v", reg)
	}
	dev, err := oidc.StartDeviceAuthorization(ctx, &ssooidc.StartDeviceAuthorizationInput{
		ClientId: reg.ClientId, ClientSecret: reg.ClientSecret, StartUrl: aws.String(startURL)})
	if err != nil {
		t.Fatal(err)
	}
	if dev.Interval != 1 || dev.ExpiresIn != 600 || !strings.HasPrefix(aws.ToString(dev.VerificationUriComplete), s.URL()+"/device?user_code=") {
		t.Errorf("StartDeviceAuthorization answered %+v", dev)
	}
	poll := func() (*ssooidc.CreateTokenOutput, error) {
		return oidc.CreateToken(ctx, &ssooidc.CreateTokenInput{ClientId: reg.ClientId, ClientSecret: reg.ClientSecret,
			GrantType: aws.String(grantDeviceCode), DeviceCode: dev.DeviceCode})
	}
	_, err = poll()
	pending := errorAs[*types.AuthorizationPendingException](t, "a poll before approval", err)
	if aws.ToString(pending.Error_) != "authorization_pending" {
		t.Errorf("pending error member = %q", aws.ToString(pending.Error_))
	}

	code, err := s.NextUserCode(ctx)
	if err != nil || code != aws.ToString(dev.UserCode) {
		t.Fatalf("NextUserCode = %q, %v; want %q", code, err, aws.ToString(dev.UserCode))
	}
	if err := s.ApproveUserCode(strings.ToLower(code)); err != nil {
		t.Fatal(err)
	}
	s.InjectSlowDown(1)
	_, err = poll()
	errorAs[*types.SlowDownException](t, "an injected slow_down", err)
	tok, err := poll()
	if err != nil {
		t.Fatalf("the poll after approval: %v", err)
	}
	if aws.ToString(tok.TokenType) != "Bearer" || tok.ExpiresIn != 3600 || aws.ToString(tok.AccessToken) == "" || aws.ToString(tok.RefreshToken) == "" {
		t.Errorf("CreateToken answered type %q, expiresIn %d, refresh token given %v", aws.ToString(tok.TokenType), tok.ExpiresIn, tok.RefreshToken != nil)
	}
	_, err = poll()
	errorAs[*types.InvalidGrantException](t, "a device code used twice", err)

	refreshed, err := oidc.CreateToken(ctx, &ssooidc.CreateTokenInput{ClientId: reg.ClientId, ClientSecret: reg.ClientSecret,
		GrantType: aws.String(grantRefreshToken), RefreshToken: tok.RefreshToken})
	if err != nil {
		t.Fatalf("refresh_token grant: %v", err)
	}
	if aws.ToString(refreshed.AccessToken) == aws.ToString(tok.AccessToken) || aws.ToString(refreshed.RefreshToken) == "" {
		t.Errorf("refresh gave the same access token or no refresh token")
	}

	// Logout ends the session: its access tokens and its refresh token stop working.
	portal := portalClient(s)
	if _, err := portal.Logout(ctx, &sso.LogoutInput{AccessToken: refreshed.AccessToken}); err != nil {
		t.Fatal(err)
	}
	_, err = portal.ListAccounts(ctx, &sso.ListAccountsInput{AccessToken: tok.AccessToken})
	errorAs[*ssotypes.UnauthorizedException](t, "ListAccounts after Logout", err)
	_, err = oidc.CreateToken(ctx, &ssooidc.CreateTokenInput{ClientId: reg.ClientId, ClientSecret: reg.ClientSecret,
		GrantType: aws.String(grantRefreshToken), RefreshToken: tok.RefreshToken})
	errorAs[*types.InvalidGrantException](t, "refresh after Logout", err)
}

// The ways a device sign-in ends without a token: the user denies it, nobody approves it in time, the
// client secret is wrong, or the registration has expired.
func TestDeviceCodeDeniedExpiredAndWrongSecret(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{DeviceCodeLifetime: time.Minute, RegistrationLifetime: time.Hour})
	ctx := context.Background()
	oidc := oidcClient(s)
	reg, err := oidc.RegisterClient(ctx, &ssooidc.RegisterClientInput{ClientName: aws.String("t"), ClientType: aws.String("public")})
	if err != nil {
		t.Fatal(err)
	}
	start := func() *ssooidc.StartDeviceAuthorizationOutput {
		dev, err := oidc.StartDeviceAuthorization(ctx, &ssooidc.StartDeviceAuthorizationInput{
			ClientId: reg.ClientId, ClientSecret: reg.ClientSecret, StartUrl: aws.String(startURL)})
		if err != nil {
			t.Fatal(err)
		}
		return dev
	}
	poll := func(dev *ssooidc.StartDeviceAuthorizationOutput) error {
		_, err := oidc.CreateToken(ctx, &ssooidc.CreateTokenInput{ClientId: reg.ClientId, ClientSecret: reg.ClientSecret,
			GrantType: aws.String(grantDeviceCode), DeviceCode: dev.DeviceCode})
		return err
	}
	denied := start()
	if err := s.DenyUserCode(aws.ToString(denied.UserCode)); err != nil {
		t.Fatal(err)
	}
	e := errorAs[*types.AccessDeniedException](t, "a denied code", poll(denied))
	if aws.ToString(e.Error_) != "access_denied" {
		t.Errorf("error member = %q", aws.ToString(e.Error_))
	}
	late := start()
	s.Advance(time.Minute)
	errorAs[*types.ExpiredTokenException](t, "a code past its lifetime", poll(late))
	if err := s.ApproveUserCode(aws.ToString(late.UserCode)); err == nil {
		t.Error("approving an expired code succeeded")
	}

	_, err = oidc.StartDeviceAuthorization(ctx, &ssooidc.StartDeviceAuthorizationInput{
		ClientId: reg.ClientId, ClientSecret: aws.String("wrong"), StartUrl: aws.String(startURL)})
	errorAs[*types.InvalidClientException](t, "a wrong client secret", err)

	// Without scopes (a legacy profile's registration) the token comes without a refresh token.
	s.SetAutoApprove(true)
	tok, err := oidc.CreateToken(ctx, &ssooidc.CreateTokenInput{ClientId: reg.ClientId, ClientSecret: reg.ClientSecret,
		GrantType: aws.String(grantDeviceCode), DeviceCode: start().DeviceCode})
	if err != nil {
		t.Fatal(err)
	}
	if tok.RefreshToken != nil {
		t.Error("a client registered without scopes got a refresh token")
	}

	// An expired registration is refused as the CLI expects, so that it registers again.
	s.Advance(time.Hour)
	_, err = oidc.StartDeviceAuthorization(ctx, &ssooidc.StartDeviceAuthorizationInput{
		ClientId: reg.ClientId, ClientSecret: reg.ClientSecret, StartUrl: aws.String(startURL)})
	errorAs[*types.InvalidClientException](t, "an expired registration", err)
}

// The authorization code flow of the AWS CLI v2: register for a loopback redirect, send the browser to
// /authorize with a PKCE challenge, receive the code on a local listener, redeem it with the verifier.
func TestAuthorizationCodeWithPKCE(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{AutoApprove: true})
	ctx := context.Background()
	oidc := oidcClient(s)
	reg, err := oidc.RegisterClient(ctx, &ssooidc.RegisterClientInput{ClientName: aws.String("rolecall"),
		ClientType: aws.String("public"), Scopes: []string{"sso:account:access"},
		GrantTypes: []string{grantAuthorizationCode, grantRefreshToken}, IssuerUrl: aws.String(startURL),
		RedirectUris: []string{"http://127.0.0.1/oauth/callback"}})
	if err != nil {
		t.Fatal(err)
	}

	callbacks := make(chan url.Values, 1)
	listener := newCallbackListener(t, callbacks)
	redirect := listener + "/oauth/callback"
	authorize := func(verifier string) url.Values {
		t.Helper()
		return authorizeInBrowser(t, s, callbacks, aws.ToString(reg.ClientId), redirect, verifier)
	}
	redeem := func(code, verifier string) (*ssooidc.CreateTokenOutput, error) {
		return oidc.CreateToken(ctx, &ssooidc.CreateTokenInput{ClientId: reg.ClientId, ClientSecret: reg.ClientSecret,
			GrantType: aws.String(grantAuthorizationCode), Code: aws.String(code), RedirectUri: aws.String(redirect),
			CodeVerifier: aws.String(verifier)})
	}

	verifier := strings.Repeat("v3rifier-", 6)
	wrong := authorize(verifier)
	_, err = redeem(wrong.Get("code"), verifier+"x")
	e := errorAs[*types.InvalidGrantException](t, "a wrong code_verifier", err)
	if aws.ToString(e.Error_) != "invalid_grant" {
		t.Errorf("error member = %q", aws.ToString(e.Error_))
	}
	_, err = redeem(wrong.Get("code"), verifier)
	errorAs[*types.InvalidGrantException](t, "a code spent by a wrong attempt", err)

	tok, err := redeem(authorize(verifier).Get("code"), verifier)
	if err != nil {
		t.Fatalf("redeeming the code with its verifier: %v", err)
	}
	if aws.ToString(tok.RefreshToken) == "" || aws.ToString(tok.TokenType) != "Bearer" {
		t.Errorf("token type %q, refresh token given %v", aws.ToString(tok.TokenType), tok.RefreshToken != nil)
	}
	out, err := portalClient(s).ListAccounts(ctx, &sso.ListAccountsInput{AccessToken: tok.AccessToken})
	if err != nil || len(out.AccountList) != 2 {
		t.Fatalf("ListAccounts with the new token: %v, %d accounts", err, len(out.AccountList))
	}
	if s.Count(OpAuthorize) != 2 {
		t.Errorf("Authorize requests = %d, want 2", s.Count(OpAuthorize))
	}
}

// A person (or Chromium) who denies on the approval page sends the browser back with access_denied.
func TestAuthorizeApprovalPageDeny(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{})
	ctx := context.Background()
	reg, err := oidcClient(s).RegisterClient(ctx, &ssooidc.RegisterClientInput{ClientName: aws.String("rolecall"),
		ClientType: aws.String("public"), GrantTypes: []string{grantAuthorizationCode}, IssuerUrl: aws.String(startURL),
		RedirectUris: []string{"http://127.0.0.1/oauth/callback"}})
	if err != nil {
		t.Fatal(err)
	}
	callbacks := make(chan url.Values, 1)
	redirect := newCallbackListener(t, callbacks) + "/oauth/callback"
	q := url.Values{"response_type": {"code"}, "client_id": {aws.ToString(reg.ClientId)}, "redirect_uri": {redirect},
		"state": {"s1"}, "code_challenge_method": {"S256"}, "code_challenge": {challengeOf("abc")}}
	resp, err := http.Get(s.URL() + "/authorize?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	page := readAll(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, `id="deny"`) {
		t.Fatalf("approval page: %s\n%s", resp.Status, page)
	}
	id := between(page, `name="request" value="`, `"`)
	resp, err = http.PostForm(s.URL()+"/authorize", url.Values{"request": {id}, "decision": {"deny"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := <-callbacks; got.Get("error") != "access_denied" || got.Get("state") != "s1" || got.Has("code") {
		t.Errorf("deny redirected with %v", got)
	}

	q.Set("redirect_uri", "http://127.0.0.1:1/elsewhere")
	resp, err = http.Get(s.URL() + "/authorize?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	if page := readAll(t, resp); resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "not registered") {
		t.Errorf("an unregistered redirect_uri got %s\n%s", resp.Status, page)
	}
}

// challengeOf is what a client sends as code_challenge for verifier (RFC 7636 S256), computed here
// independently of the emulator.
func challengeOf(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// newCallbackListener is the client's loopback redirect target; it hands each query it receives to got.
func newCallbackListener(t *testing.T, got chan<- url.Values) string {
	t.Helper()
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.URL.Query()
		w.Write([]byte("signed in"))
	})}
	l := listenLoopback(t)
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return "http://" + l.Addr().String()
}

func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func between(s, before, after string) string {
	_, rest, _ := strings.Cut(s, before)
	v, _, _ := strings.Cut(rest, after)
	return v
}

var _ smithy.APIError // the portal's ForbiddenException is not modelled: it arrives as a generic API error

// authorizeInBrowser does the browser's part of the authorization code flow: /authorize with the PKCE
// challenge of verifier (approved at once, Options.AutoApprove), then the redirect to the client's
// loopback listener, whose query (code and state) it returns.
func authorizeInBrowser(t *testing.T, s *Server, callbacks <-chan url.Values, clientID, redirect, verifier string) url.Values {
	t.Helper()
	q := url.Values{"response_type": {"code"}, "client_id": {clientID}, "redirect_uri": {redirect},
		"state": {"st-" + verifier[:8]}, "code_challenge_method": {"S256"}, "code_challenge": {challengeOf(verifier)},
		"scopes": {"sso:account:access"}}
	resp, err := http.Get(s.URL() + "/authorize?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	got := <-callbacks
	if got.Get("state") != q.Get("state") || got.Get("code") == "" {
		t.Fatalf("the redirect brought %v", got)
	}
	return got
}
