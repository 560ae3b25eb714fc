package ssotest

import (
	"fmt"
	"time"
)

// Token is a signed-in session as the AWS CLI keeps it in its token cache after `aws sso login`.
type Token struct {
	ClientID              string
	ClientSecret          string
	RegistrationExpiresAt time.Time
	AccessToken           string
	ExpiresAt             time.Time
	RefreshToken          string
}

// SignIn registers a client and signs a user in without a browser or a device code, as if the
// whole sign-in had happened: for tests that start from a token cache. The client is registered
// with the sso:account:access scope, so the token comes with a refresh token.
func (s *Server) SignIn() (Token, error) {
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	if !st.admit() {
		return Token{}, fmt.Errorf("ssotest: the emulator holds %d grants already; close some sessions", maxLive)
	}
	now := st.now()
	c := &client{id: randomToken(22), secret: randomToken(200), name: "ssotest", scopes: []string{"sso:account:access"},
		issued: now, expires: now.Add(st.opts.RegistrationLifetime)}
	st.clients[c.id] = c
	out := st.issue(c, st.newSession(now), now, "")
	return Token{ClientID: c.id, ClientSecret: c.secret, RegistrationExpiresAt: c.expires,
		AccessToken: out.AccessToken, ExpiresAt: now.Add(time.Duration(out.ExpiresIn) * time.Second),
		RefreshToken: out.RefreshToken}, nil
}

// String keeps the secrets of a Token out of test logs and failure messages.
func (t Token) String() string {
	return fmt.Sprintf("ssotest.Token{client %s, expires %s}", t.ClientID, t.ExpiresAt.Format(time.RFC3339))
}

// GoString is String, for %#v.
func (t Token) GoString() string { return t.String() }
