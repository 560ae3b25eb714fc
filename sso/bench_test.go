package sso

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/rolecall/rolecall/internal/ssotest"
)

// BenchmarkDiscovery500x4 is the discovery workload: 500 accounts with 4 roles each, pages
// of 20, on loopback, from a cached sign-in to the full directory (the target is under 2 s per op).
func BenchmarkDiscovery500x4(b *testing.B) {
	idc, err := ssotest.New(ssotest.Options{Accounts: ssotest.GenerateAccounts(500, 4), PageSize: 20})
	if err != nil {
		b.Fatal(err)
	}
	defer idc.Close()
	tok, err := idc.SignIn()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	s := Session{Name: "corp", StartURL: testStartURL, Region: "eu-west-1", OIDCEndpoint: idc.URL(), PortalEndpoint: idc.URL()}
	os.WriteFile(tokenFile(dir, s), encodeToken(token{StartURL: testStartURL, Region: "eu-west-1", AccessToken: tok.AccessToken,
		ExpiresAt: time.Now().Add(time.Hour)}), 0o600)
	c := New(Options{CacheDir: dir})
	ctx := context.Background()
	for b.Loop() {
		d, err := c.Accounts(ctx, s, true)
		if err != nil || len(d.Accounts) != 500 || len(d.Accounts[499].Roles) != 4 {
			b.Fatalf("%d accounts, %v", len(d.Accounts), err)
		}
	}
}
