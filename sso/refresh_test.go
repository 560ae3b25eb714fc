package sso

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/rolecall/rolecall/internal/ssotest"
)

// signedIn caches a sign-in made on the emulator, as `aws sso login` would leave it, with the access
// token expiring at expires (Rolecall's view).
func (f *fixture) signedIn(expires time.Time) ssotest.Token {
	f.t.Helper()
	tok, err := f.idc.SignIn()
	if err != nil {
		f.t.Fatal(err)
	}
	t := token{StartURL: f.s.StartURL, Region: f.s.Region, AccessToken: tok.AccessToken, ExpiresAt: expires,
		ClientID: tok.ClientID, ClientSecret: tok.ClientSecret, RegistrationExpiresAt: tok.RegistrationExpiresAt,
		RefreshToken: tok.RefreshToken}
	if err := os.WriteFile(f.tokenPath(), encodeToken(t), 0o600); err != nil {
		f.t.Fatal(err)
	}
	return tok
}

// A token about to expire is refreshed when it is used, and the new one is written back where the
// AWS CLI reads it; a fresh one is used as it is.
func TestTokenRefreshedBeforeExpiry(t *testing.T) {
	t.Parallel()
	f := newFixture(t, ssotest.Options{}, Options{})
	old := f.signedIn(time.Now().Add(5 * time.Minute))
	if _, err := f.c.Accounts(context.Background(), f.s, false); err != nil {
		t.Fatal(err)
	}
	got := f.cached()
	if got.AccessToken == old.AccessToken || !got.ExpiresAt.After(time.Now().Add(50*time.Minute)) || got.RefreshToken != old.RefreshToken {
		t.Errorf("after use the cache holds %v, want a renewed token", got)
	}
	if fi, _ := os.Stat(f.tokenPath()); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v after refresh", fi.Mode())
	}
	if _, err := f.c.Accounts(context.Background(), f.s, true); err != nil {
		t.Fatal(err)
	}
	if n := f.idc.Count(ssotest.OpCreateToken); n != 1 {
		t.Errorf("CreateToken called %d times, want 1 (the renewed token is fresh)", n)
	}
	st, err := f.c.Refresh(context.Background(), f.s)
	if err != nil || !st.SignedIn || f.cached().AccessToken == got.AccessToken {
		t.Errorf("a forced refresh gave %+v, %v", st, err)
	}
}

// Two users of the cache at once (the editor's server and a terminal) refresh once, not twice: the
// second finds the token renewed under the file lock. With rotating refresh tokens a second refresh
// would fail.
func TestConcurrentRefreshSpendsTheRefreshTokenOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t, ssotest.Options{RotateRefreshTokens: true}, Options{})
	f.signedIn(time.Now().Add(time.Minute * 3))
	other := New(Options{CacheDir: f.dir})
	var wg sync.WaitGroup
	for _, c := range []*Client{f.c, other} {
		wg.Go(func() {
			if _, err := c.accessToken(context.Background(), f.s); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := f.idc.Count(ssotest.OpCreateToken); n != 1 {
		t.Errorf("CreateToken called %d times, want 1", n)
	}
}

// When the Identity Center session has ended, an expired token cannot be refreshed: the error says
// to sign in, with the command.
func TestEndedSessionAsksToSignIn(t *testing.T) {
	t.Parallel()
	f := newFixture(t, ssotest.Options{}, Options{})
	f.signedIn(time.Now().Add(-time.Minute))
	f.idc.Advance(9 * time.Hour) // past the 8-hour session
	_, err := f.c.Accounts(context.Background(), f.s, false)
	mustReason(t, err, ReasonSignInRequired)
	mustSay(t, err, "Sign in to corp: run rolecall sso login --sso-session corp")

	none := f.s
	none.Name = "other"
	_, err = f.c.RoleCredentials(context.Background(), none, "111111111111", "ReadOnlyAccess")
	mustReason(t, err, ReasonSignInRequired)
	mustSay(t, err, "Sign in to other", "no sign-in is cached")
}

// A token without refresh (a legacy sign-in) is used until it expires, then the user is asked to
// sign in.
func TestTokenWithoutRefreshIsUsedUntilItExpires(t *testing.T) {
	t.Parallel()
	f := newFixture(t, ssotest.Options{}, Options{})
	tok, _ := f.idc.SignIn()
	write := func(expires time.Time) {
		os.WriteFile(f.tokenPath(), encodeToken(token{StartURL: f.s.StartURL, Region: f.s.Region,
			AccessToken: tok.AccessToken, ExpiresAt: expires}), 0o600)
	}
	write(time.Now().Add(10 * time.Minute))
	if _, err := f.c.RoleCredentials(context.Background(), f.s, "111111111111", "ReadOnlyAccess"); err != nil {
		t.Fatal(err)
	}
	write(time.Now().Add(-time.Second))
	_, err := f.c.RoleCredentials(context.Background(), f.s, "111111111111", "ReadOnlyAccess")
	mustReason(t, err, ReasonSignInRequired)
	mustSay(t, err, "expired")
}
