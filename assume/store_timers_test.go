package assume

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// The store's timing, in virtual time: the engine is replaced by a scripted one (the engine itself is
// tested against moto), so that an hour passes in an instant and every transition can be checked.

type scriptedEngine struct {
	mu       sync.Mutex
	refresh  []bool                          // one entry per call: was it a refresh?
	failWith func(n int, refresh bool) error // nil: succeed
	lifetime time.Duration                   // of the credentials handed out
}

func (s *scriptedEngine) run(_ context.Context, _ Options, _ Plan, _ string, refresh bool) (result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refresh = append(s.refresh, refresh)
	n := len(s.refresh)
	if s.failWith != nil {
		if err := s.failWith(n, refresh); err != nil {
			return result{}, err
		}
	}
	return result{creds: credentials{fmt.Sprintf("ASIAFAKEEXAMPLE%05d", n), exampleSecret, "token-EXAMPLE", wallNow().Add(s.lifetime)},
		assumedArn: "arn:aws:sts::111122223333:assumed-role/Admin/s", accountID: "111122223333", source: SourceSTS}, nil
}

// refreshes reports, for every call so far, whether it was a refresh.
func (s *scriptedEngine) refreshes() []bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]bool(nil), s.refresh...)
}

func (s *scriptedEngine) calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.refresh)
}

// timeline is a store in a synctest bubble with a scripted engine, recording every notification.
type timeline struct {
	t      *testing.T
	store  *Store
	engine *scriptedEngine
	mu     sync.Mutex
	seen   []StoreStatus
}

func newTimeline(t *testing.T, opts Options) *timeline {
	tl := &timeline{t: t, engine: &scriptedEngine{lifetime: time.Hour}}
	opts.UserName = "tester"
	tl.store = NewStore(opts, func(st StoreStatus) {
		tl.mu.Lock()
		tl.seen = append(tl.seen, st)
		tl.mu.Unlock()
	})
	tl.store.run = tl.engine.run
	t.Cleanup(tl.store.Close)
	return tl
}

// advance lets d of virtual time pass and waits until every timer it fired has done its work.
func (tl *timeline) advance(d time.Duration) {
	time.Sleep(d)
	synctest.Wait()
}

func (tl *timeline) only() SessionStatus {
	tl.t.Helper()
	st := tl.store.Status()
	if len(st.Sessions) != 1 {
		tl.t.Fatalf("%d sessions, want 1", len(st.Sessions))
	}
	return st.Sessions[0]
}

func (tl *timeline) expectState(when, state string) SessionStatus {
	tl.t.Helper()
	st := tl.only()
	if st.State != state {
		tl.t.Errorf("%s: state %s, want %s (%+v)", when, st.State, state, st)
	}
	return st
}

// lastNotified is the state of the session in the latest notification.
func (tl *timeline) lastNotified() SessionStatus {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	if len(tl.seen) == 0 || len(tl.seen[len(tl.seen)-1].Sessions) == 0 {
		return SessionStatus{}
	}
	return tl.seen[len(tl.seen)-1].Sessions[0]
}

func (tl *timeline) notifications() int {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	return len(tl.seen)
}

var (
	noMFAPlan  = Plan{Profile: "admin", Source: baseKeys(), Roles: []RoleHop{{Profile: "admin", RoleArn: adminRole}}}
	mfaPlan    = Plan{Profile: "admin", Source: baseKeys(), Roles: []RoleHop{{Profile: "admin", RoleArn: adminRole, MFASerial: mfaSerial}}}
	ssoMFAPlan = Plan{Profile: "admin", Roles: []RoleHop{{Profile: "admin", RoleArn: adminRole, MFASerial: mfaSerial}},
		Source: Source{Kind: SSO, Profile: "sso", SSO: SSOSettings{StartURL: "https://example.awsapps.com/start", Region: "eu-west-1",
			AccountID: "111122223333", RoleName: "Dev"}}}
)

// Without MFA the session is renewed 5 minutes before expiry and stays active through the warning window.
func TestAutoRefreshRenewsBeforeExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := newTimeline(t, Options{})
		start := wallNow()
		st, err := tl.store.Assume(context.Background(), noMFAPlan, "")
		if err != nil {
			t.Fatal(err)
		}
		if st.RefreshAt.IsZero() || !st.RefreshAt.Equal(start.Add(55*time.Minute)) || !st.ExpiringAt.Equal(start.Add(50*time.Minute)) {
			t.Fatalf("refreshAt %v, expiringAt %v", st.RefreshAt, st.ExpiringAt)
		}
		tl.advance(51 * time.Minute)
		tl.expectState("51 min", StateActive)
		if tl.engine.calls() != 1 {
			t.Fatalf("%d engine calls before the refresh point", tl.engine.calls())
		}
		before := tl.notifications()
		tl.advance(4 * time.Minute)
		st = tl.expectState("55 min", StateActive)
		if calls := tl.engine.refreshes(); len(calls) != 2 || !calls[1] {
			t.Fatalf("engine calls %v, want a refresh at 55 min", calls)
		}
		if !st.Expiration.Equal(start.Add(115*time.Minute)) || st.AccessKeyID != "ASIA…0002" {
			t.Errorf("after the refresh: %+v", st)
		}
		if tl.notifications() <= before || tl.lastNotified().AccessKeyID != "ASIA…0002" {
			t.Error("the refresh was not notified")
		}
		tl.advance(55 * time.Minute)
		if tl.engine.calls() != 3 {
			t.Errorf("second refresh: %d engine calls, want 3", tl.engine.calls())
		}
	})
}

// A session that needs an MFA code to renew turns expiring 10 minutes before the end, then expired;
// each transition is notified and no refresh is tried.
func TestMFASessionExpiresWithWarning(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := newTimeline(t, Options{})
		st, _ := tl.store.Assume(context.Background(), ssoMFAPlan, "123456")
		if !st.RefreshAt.IsZero() {
			t.Fatalf("refreshAt %v for a session that needs a code", st.RefreshAt)
		}
		tl.advance(49*time.Minute + 59*time.Second)
		tl.expectState("49:59", StateActive)
		tl.advance(time.Second)
		tl.expectState("50:00", StateExpiring)
		if tl.lastNotified().State != StateExpiring {
			t.Error("expiring was not notified")
		}
		if _, err := tl.store.Credentials("admin"); err != nil {
			t.Errorf("credentials while expiring: %v", err)
		}
		tl.advance(10 * time.Minute)
		tl.expectState("60:00", StateExpired)
		if tl.lastNotified().State != StateExpired {
			t.Error("expired was not notified")
		}
		var noSession *NoSessionError
		if _, err := tl.store.Credentials(""); !errors.As(err, &noSession) || noSession.Expired.IsZero() {
			t.Errorf("credentials after expiry: %v", err)
		}
		if tl.engine.calls() != 1 {
			t.Errorf("%d engine calls, want 1 (no refresh without a code)", tl.engine.calls())
		}
	})
}

// A live MFA session counts as "no code needed", but only while it outlives the refresh point.
func TestMFASessionLetsAutoRefreshRun(t *testing.T) {
	for _, c := range []struct {
		name       string
		mfaLeft    time.Duration
		wantRefesh bool
	}{{"MFA session for 12 h", 12 * time.Hour, true}, {"MFA session ends at 30 min", 30 * time.Minute, false}} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tl := newTimeline(t, Options{})
				tl.store.engine.holdMFASession(mfaKey{exampleKeyID, mfaSerial}, credentials{Expires: wallNow().Add(c.mfaLeft)})
				st, _ := tl.store.Assume(context.Background(), mfaPlan, "")
				if (!st.RefreshAt.IsZero()) != c.wantRefesh {
					t.Errorf("refreshAt = %v", st.RefreshAt)
				}
				tl.advance(56 * time.Minute)
				if got := tl.engine.calls() == 2; got != c.wantRefesh {
					t.Errorf("refreshed: %v, want %v", got, c.wantRefesh)
				}
				if !c.wantRefesh {
					tl.expectState("56 min", StateExpiring)
				}
			})
		})
	}
}

// A failed auto-refresh keeps the old credentials, puts the session in state error with the reason,
// and is not retried (the error will not fix itself); "STS unreachable" is retried every minute.
func TestFailedAutoRefresh(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := newTimeline(t, Options{})
		tl.engine.failWith = func(n int, refresh bool) error {
			if refresh {
				return &AccessDeniedError{Profile: "admin", HopProfile: "admin", RoleArn: adminRole, Caller: "jo", STSMessage: "denied"}
			}
			return nil
		}
		tl.store.Assume(context.Background(), noMFAPlan, "")
		tl.advance(55 * time.Minute)
		st := tl.expectState("55 min", StateError)
		if st.Error == "" || !st.RefreshAt.IsZero() || tl.lastNotified().State != StateError {
			t.Errorf("after the failed refresh: %+v", st)
		}
		if c, err := tl.store.Credentials("admin"); err != nil || c.AccessKeyID != "ASIAFAKEEXAMPLE00001" {
			t.Errorf("old credentials not kept: %v, %v", c, err)
		}
		tl.advance(4 * time.Minute)
		if tl.engine.calls() != 2 {
			t.Errorf("%d engine calls, want 2 (no retry after access denied)", tl.engine.calls())
		}
		tl.advance(time.Minute)
		tl.expectState("60 min", StateExpired)
	})
	synctest.Test(t, func(t *testing.T) {
		tl := newTimeline(t, Options{})
		tl.engine.failWith = func(n int, refresh bool) error {
			if refresh && n <= 3 {
				return &UnreachableError{Endpoint: "https://sts.us-east-1.amazonaws.com", Timeout: 10 * time.Second, Cause: "no answer"}
			}
			return nil
		}
		tl.store.Assume(context.Background(), noMFAPlan, "")
		tl.advance(55 * time.Minute)
		tl.expectState("55 min", StateError)
		tl.advance(2 * time.Minute)
		st := tl.expectState("57 min", StateActive)
		if tl.engine.calls() != 4 || st.Error != "" || st.AccessKeyID != "ASIA…0004" {
			t.Errorf("after retries: %d calls, %+v", tl.engine.calls(), st)
		}
	})
}

// Settings: auto-refresh off means expiring at the warning point; the warning is configurable; an MFA
// code turning out to be needed at refresh time stops auto-refresh without an error.
func TestSettingsAndMFANeededAtRefresh(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := newTimeline(t, Options{})
		tl.store.Assume(context.Background(), noMFAPlan, "")
		before := tl.notifications()
		tl.store.SetOptions(Options{DisableAutoRefresh: true, ExpiryWarning: 20 * time.Minute, UserName: "tester"})
		st := tl.only()
		if tl.notifications() != before+1 || st.AutoRefresh || !st.RefreshAt.IsZero() || !st.ExpiringAt.Equal(st.Expiration.Add(-20*time.Minute)) {
			t.Errorf("after SetOptions: %+v", st)
		}
		tl.advance(40 * time.Minute)
		tl.expectState("40 min", StateExpiring)
		tl.advance(20 * time.Minute)
		if tl.engine.calls() != 1 {
			t.Errorf("%d engine calls with auto-refresh off", tl.engine.calls())
		}
	})
	synctest.Test(t, func(t *testing.T) {
		tl := newTimeline(t, Options{})
		tl.engine.failWith = func(n int, refresh bool) error {
			if refresh {
				return &MFARequiredError{Profile: "admin", Serial: mfaSerial, SerialProfile: "admin"}
			}
			return nil
		}
		tl.store.Assume(context.Background(), noMFAPlan, "")
		tl.advance(56 * time.Minute)
		st := tl.expectState("56 min", StateExpiring)
		if st.Error != "" || !st.RefreshAt.IsZero() || tl.engine.calls() != 2 {
			t.Errorf("after the refresh found a code needed: %+v, %d calls", st, tl.engine.calls())
		}
	})
}

// Assume reuses a session the store holds while 15 minutes remain; Refresh always runs the engine;
// Forget drops the session and reports it.
func TestAssumeReuseRefreshForget(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := newTimeline(t, Options{DisableAutoRefresh: true})
		ctx := context.Background()
		tl.store.Assume(ctx, mfaPlan, "123456")
		if _, err := tl.store.Assume(ctx, mfaPlan, ""); err != nil || tl.engine.calls() != 1 {
			t.Fatalf("second assume: %v, %d engine calls; want the held session", err, tl.engine.calls())
		}
		tl.advance(46 * time.Minute)
		tl.store.Assume(ctx, mfaPlan, "123456")
		if tl.engine.calls() != 2 {
			t.Errorf("with 14 minutes left the held session was reused")
		}
		if _, err := tl.store.Refresh(ctx, "", "654321"); err != nil || !tl.engine.refreshes()[2] {
			t.Errorf("refresh: %v, calls %v", err, tl.engine.refreshes())
		}
		status, err := tl.store.Forget("")
		if err != nil || status.Active != "" || len(status.Sessions) != 0 || len(tl.lastNotifiedAll().Sessions) != 0 {
			t.Errorf("after forget: %+v, %v", status, err)
		}
		var noSession *NoSessionError
		if _, err := tl.store.Refresh(ctx, "admin", ""); !errors.As(err, &noSession) || noSession.Reason() != ReasonNoSession {
			t.Errorf("refresh after forget: %v", err)
		}
	})
}

func (tl *timeline) lastNotifiedAll() StoreStatus {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	return tl.seen[len(tl.seen)-1]
}
