package sso

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rolecall/rolecall/internal/ssotest"
)

// dialing fails every connection the way the network would.
func dialing(err func(host string) error) *http.Client {
	return &http.Client{Transport: &http.Transport{DialContext: func(_ context.Context, _, addr string) (net.Conn, error) {
		h, _, _ := net.SplitHostPort(addr)
		return nil, err(h)
	}}}
}

// A region without Identity Center has no oidc.<region> host; no network at all refuses every
// connection. Each gets its own sentence, and nothing is written.
func TestRegionWithoutIdentityCenterAndNoNetwork(t *testing.T) {
	t.Parallel()
	s := Session{Name: "corp", StartURL: testStartURL, Region: "eu-nowhere-9"}
	dir := t.TempDir()
	c := New(Options{CacheDir: dir, MaxBackoff: time.Millisecond, HTTPClient: dialing(func(h string) error {
		return &net.DNSError{Err: "no such host", Name: h, IsNotFound: true}
	})})
	_, err := c.Login(context.Background(), s, LoginOptions{UseDeviceCode: true})
	mustReason(t, err, ReasonRegion)
	mustSay(t, err, `region "eu-nowhere-9"`, "oidc.eu-nowhere-9.amazonaws.com", "sso_region", "[sso-session corp]")

	c = New(Options{CacheDir: dir, MaxBackoff: time.Millisecond, HTTPClient: dialing(func(string) error {
		return &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	})})
	_, err = c.Login(context.Background(), s, LoginOptions{})
	mustReason(t, err, ReasonUnreachable)
	mustSay(t, err, "cannot reach IAM Identity Center", "network")
	os.WriteFile(tokenFile(dir, s), encodeToken(token{StartURL: testStartURL, Region: s.Region, AccessToken: "aoaEXAMPLE",
		ExpiresAt: time.Now().Add(time.Hour)}), 0o600)
	_, err = c.Accounts(context.Background(), s, false)
	mustReason(t, err, ReasonUnreachable)
	mustSay(t, err, "portal.sso.eu-nowhere-9.amazonaws.com")
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the cache, want only the token the test wrote", len(entries))
	}
}

// Secrets never reach a message: a whole sign-in, refresh, discovery, role credentials, failures
// and sign-out, with every event, status, error and value printed every way fmt and slog can, and
// not one of the token file's secrets or the role's keys in the output.
func TestSecretsNeverPrinted(t *testing.T) {
	t.Parallel()
	f := newFixture(t, ssotest.Options{AutoApprove: true}, Options{RefreshWindow: 2 * time.Hour})
	var out bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&out, nil))
	show := func(vs ...any) {
		for _, v := range vs {
			fmt.Fprintf(&out, "%v %+v %#v %s %q\n", v, v, v, v, v)
			log.Info("value", "v", v)
		}
	}
	ctx := context.Background()
	st, err := f.c.Login(ctx, f.s, LoginOptions{Events: func(e Event) { show(e); f.browse(e) }})
	show(st, err)
	signedIn := f.cached()
	show(signedIn)
	st, err = f.c.Refresh(ctx, f.s) // RefreshWindow: every use refreshes
	show(st, err, f.cached())
	dir, err := f.c.Accounts(ctx, f.s, true)
	show(dir, err)
	rc, err := f.c.RoleCredentials(ctx, f.s, "111111111111", "ReadOnlyAccess")
	show(rc, err)
	_, err = f.c.RoleCredentials(ctx, f.s, "222222222222", "AdministratorAccess")
	show(err)
	reg, _ := f.c.cachedRegistration(f.s, true)
	show(reg)
	final := f.cached()
	show(f.c.Logout(ctx, f.s))
	_, err = f.c.Accounts(ctx, f.s, true)
	show(err)

	secrets := []string{signedIn.AccessToken, signedIn.RefreshToken, signedIn.ClientSecret, final.AccessToken,
		rc.SecretAccessKey, rc.SessionToken, rc.AccessKeyID}
	for _, secret := range secrets {
		if secret == "" {
			t.Fatal("a secret of the flow is empty: the test proves nothing")
		}
		if strings.Contains(out.String(), secret) {
			t.Errorf("a secret (%d characters) was printed", len(secret))
		}
	}
	if !strings.Contains(out.String(), "ASIA…") {
		t.Errorf("the masked key id is not shown:\n%.500s", out.String())
	}
}
