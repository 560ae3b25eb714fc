package sso

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
)

// authCodeLogin is the authorization code flow with PKCE (RFC 7636, S256) and a loopback redirect
// (RFC 8252): listen on 127.0.0.1, send the browser to /authorize, take the code it brings back to
// the listener, redeem it with the verifier.
func (c *Client) authCodeLogin(ctx context.Context, s Session, emit func(Event)) (token, error) {
	reg, err := c.registration(ctx, s, true)
	if err != nil {
		return token{}, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return token{}, &Error{Reason: ReasonConfig, Session: s.Label(), err: err, Msg: fmt.Sprintf(
			"cannot listen on 127.0.0.1 for the browser's redirect (%v): run with --use-device-code", unwrapPath(err))}
	}
	redirect := fmt.Sprintf("http://127.0.0.1:%d%s", ln.Addr().(*net.TCPAddr).Port, callbackPath)
	verifier, state := randomString(64), randomString(32)
	results := make(chan callbackResult, 1)
	srv := &http.Server{Handler: callbackHandler(state, results), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	scopes := s.Scopes
	if len(scopes) == 0 {
		scopes = []string{defaultScope}
	}
	q := url.Values{"response_type": {"code"}, "client_id": {reg.ClientID}, "redirect_uri": {redirect},
		"state": {state}, "code_challenge_method": {"S256"}, "code_challenge": {pkceChallenge(verifier)},
		"scopes": {strings.Join(scopes, " ")}}
	authorize := strings.TrimRight(c.oidcBase(ctx, s), "/") + "/authorize?" + q.Encode()
	deadline := c.opts.Now().Add(c.opts.LoginTimeout)
	emit(Event{Kind: EventOpen, Flow: FlowAuthCode, URL: authorize, ExpiresAt: deadline,
		Message: fmt.Sprintf("Open this page in a browser on this computer to sign in to %s.", s.Label())})
	emit(Event{Kind: EventWaiting, Flow: FlowAuthCode, ExpiresAt: deadline,
		Message: "Waiting for the sign-in to be approved in the browser…"})

	timeout := time.NewTimer(c.opts.LoginTimeout)
	defer timeout.Stop()
	var res callbackResult
	select {
	case <-ctx.Done():
		return token{}, ctx.Err()
	case <-timeout.C:
		return token{}, c.oidcError(ctx, s, "CreateToken", expiredError())
	case res = <-results:
	}
	if res.err != "" {
		if res.err == "access_denied" {
			return token{}, c.oidcError(ctx, s, "Authorize", deniedError())
		}
		return token{}, &Error{Reason: ReasonService, Session: s.Label(), Msg: fmt.Sprintf(
			"IAM Identity Center sent the browser back with the error %q: run %s again, or use --use-device-code",
			res.err, s.LoginCommand())}
	}
	out, err := c.oidc(s).CreateToken(ctx, &ssooidc.CreateTokenInput{ClientId: aws.String(reg.ClientID),
		ClientSecret: aws.String(reg.ClientSecret), GrantType: aws.String(grantAuthCode), Code: aws.String(res.code),
		RedirectUri: aws.String(redirect), CodeVerifier: aws.String(verifier)})
	if err != nil {
		return token{}, c.oidcError(ctx, s, "CreateToken", err)
	}
	return c.newToken(s, reg, aws.ToString(out.AccessToken), aws.ToString(out.RefreshToken), out.ExpiresIn), nil
}

// callbackResult is what the browser brought back: a code, or an OAuth error code.
type callbackResult struct{ code, err string }

// callbackHandler answers the browser's redirect. A request whose state is not ours is refused and
// the wait goes on: it did not come from the authorization we started (RFC 6749 section 10.12).
func callbackHandler(state string, results chan<- callbackResult) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != callbackPath {
			http.NotFound(w, r)
			return
		}
		q := r.URL.Query()
		if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(state)) != 1 {
			page(w, http.StatusBadRequest, "This sign-in request is not the one Rolecall is waiting for. Start again from Rolecall.")
			return
		}
		res := callbackResult{code: q.Get("code"), err: q.Get("error")}
		if res.code == "" && res.err == "" {
			res.err = "no_code"
		}
		select {
		case results <- res:
		default: // a second redirect (a reload): the first one counts
		}
		if res.err != "" {
			page(w, http.StatusOK, "The sign-in did not complete. You can close this window; Rolecall says what to do.")
			return
		}
		page(w, http.StatusOK, "Signed in. You can close this window and return to Rolecall.")
	})
}

func page(w http.ResponseWriter, status int, text string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	fmt.Fprintf(w, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Rolecall</title></head>"+
		"<body style=\"font-family:sans-serif;max-width:36em;margin:3em auto\"><h1>Rolecall</h1><p>%s</p></body></html>", html.EscapeString(text))
}

// pkceChallenge is S256 of the verifier: BASE64URL(SHA256(verifier)) without padding.
func pkceChallenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// randomString is n characters of base64url randomness, which PKCE's verifier alphabet includes
// (RFC 7636 section 4.1); n is a multiple of 4.
func randomString(n int) string {
	b := make([]byte, n/4*3)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
