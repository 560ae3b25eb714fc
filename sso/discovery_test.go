package sso

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rolecall/rolecall/internal/ssotest"
)

// Discovery lists every account and every role, through every page, with role lists fetched 8 at a
// time: the emulator holds the first role requests until 8 are in flight at once.
func TestDiscoveryListsEveryAccountAndRole(t *testing.T) {
	t.Parallel()
	var arrived atomic.Int32
	release := make(chan struct{})
	var once sync.Once
	f := newFixture(t, ssotest.Options{Accounts: ssotest.GenerateAccounts(45, 3), PageSize: 2,
		Hook: func(ctx context.Context, op string) *ssotest.Fault {
			if op == ssotest.OpListAccountRoles && arrived.Add(1) == DefaultConcurrency {
				once.Do(func() { close(release) })
			}
			if op == ssotest.OpListAccountRoles {
				select {
				case <-release:
				case <-ctx.Done():
				}
			}
			return nil
		}}, Options{})
	f.signedIn(time.Now().Add(time.Hour))
	dir, err := f.c.Accounts(context.Background(), f.s, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(dir.Accounts) != 45 || dir.Accounts[44].Name != "account-0044" || dir.Accounts[7].Email != "aws+0007@example.com" {
		t.Fatalf("got %d accounts: %+v", len(dir.Accounts), dir.Accounts[:2])
	}
	for _, a := range dir.Accounts {
		if fmt.Sprint(a.Roles) != "[Role1 Role2 Role3]" {
			t.Fatalf("account %s has roles %v", a.ID, a.Roles)
		}
	}
	if n := f.idc.MaxInFlight(ssotest.OpListAccountRoles); n != DefaultConcurrency {
		t.Errorf("%d role requests in flight at most, want %d", n, DefaultConcurrency)
	}
	if n := f.idc.Count(ssotest.OpListAccounts); n != 23 {
		t.Errorf("ListAccounts called %d times, want 23 pages", n)
	}
}

// The directory is reused for a few minutes, then fetched again; fresh asks the portal at once.
func TestDiscoveryIsCached(t *testing.T) {
	t.Parallel()
	clock := newClock()
	f := newFixture(t, ssotest.Options{}, Options{Now: clock.Now})
	f.signedIn(clock.Now().Add(8 * time.Hour))
	count := func() int { return f.idc.Count(ssotest.OpListAccounts) }
	ctx := context.Background()
	f.c.Accounts(ctx, f.s, false)
	f.c.Accounts(ctx, f.s, false)
	if count() != 1 {
		t.Errorf("ListAccounts called %d times for two lookups, want 1", count())
	}
	f.c.Accounts(ctx, f.s, true)
	clock.Advance(DefaultDiscoveryTTL + time.Second)
	dir, err := f.c.Accounts(ctx, f.s, false)
	if err != nil || count() != 3 || len(dir.Accounts) != 2 {
		t.Errorf("after refresh and expiry: %d calls, %v", count(), err)
	}
}

// Throttled by the portal (TooManyRequestsException beyond 3 requests in flight), discovery slows
// down and retries instead of failing.
func TestDiscoveryRetriesThrottling(t *testing.T) {
	t.Parallel()
	f := newFixture(t, ssotest.Options{Accounts: ssotest.GenerateAccounts(60, 2), PortalConcurrency: 3}, Options{Retries: 30})
	f.signedIn(time.Now().Add(time.Hour))
	dir, err := f.c.Accounts(context.Background(), f.s, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range dir.Accounts {
		if len(a.Roles) != 2 {
			t.Fatalf("account %s has roles %v", a.ID, a.Roles)
		}
	}
}

// A role the user is not given: one sentence, with where to see what is given.
func TestRoleCredentials(t *testing.T) {
	t.Parallel()
	f := newFixture(t, ssotest.Options{}, Options{})
	f.signedIn(time.Now().Add(time.Hour))
	rc, err := f.c.RoleCredentials(context.Background(), f.s, "111111111111", "AdministratorAccess")
	if err != nil || rc.AccessKeyID[:4] != "ASIA" || rc.SecretAccessKey == "" || rc.SessionToken == "" || rc.Expiration.Before(time.Now().Add(50*time.Minute)) {
		t.Fatalf("got %v, %v", rc, err)
	}
	_, err = f.c.RoleCredentials(context.Background(), f.s, "222222222222", "AdministratorAccess")
	mustReason(t, err, ReasonRoleDenied)
	mustSay(t, err, "AdministratorAccess", "222222222222", "rolecall sso accounts")
}

// Logout ends the session at the service and removes only that session's token: another session's
// token and the client registration stay.
func TestLogoutRemovesOnlyThatSession(t *testing.T) {
	t.Parallel()
	f := newFixture(t, ssotest.Options{AutoApprove: true}, Options{})
	if _, err := f.c.Login(context.Background(), f.s, LoginOptions{UseDeviceCode: true}); err != nil {
		t.Fatal(err)
	}
	other := f.s
	other.Name = "other"
	if _, err := f.c.Login(context.Background(), other, LoginOptions{UseDeviceCode: true}); err != nil {
		t.Fatal(err)
	}
	old := f.cached()
	if err := f.c.Logout(context.Background(), f.s); err != nil {
		t.Fatal(err)
	}
	f.mustNotExist(f.tokenPath())
	for _, keep := range []string{tokenFile(f.dir, other), f.c.registrationFile(f.s)} {
		if _, err := os.Stat(keep); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(keep), err)
		}
	}
	os.WriteFile(f.tokenPath(), encodeToken(old), 0o600) // the token, had it been kept, no longer works
	_, err := f.c.Accounts(context.Background(), f.s, true)
	mustReason(t, err, ReasonSignInRequired)
	if _, err := f.c.Accounts(context.Background(), other, false); err != nil {
		t.Errorf("the other session after logout: %v", err)
	}
	if err := f.c.Logout(context.Background(), Session{Name: "never", StartURL: testStartURL, Region: "eu-west-1"}); err != nil {
		t.Errorf("logout of a session never signed in: %v", err)
	}
}
