package assume

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// How a store follows the share, in virtual time. The share here is a map: the real one
// (internal/sessionshare, with the OS keychain and file locks) is tested with two real language
// servers in internal/cli; this one keeps the same contract, including that a Put drops the entries
// that have expired.
type memShare struct {
	mu      sync.Mutex
	lock    sync.Mutex
	records map[string][]byte
	index   ShareIndex
}

func newMemShare() *memShare { return &memShare{records: map[string][]byte{}} }

func (m *memShare) Lock(ctx context.Context, key string) (func(), error) {
	m.lock.Lock()
	return m.lock.Unlock, nil
}

func (m *memShare) Get(key string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.records[key]
	return b, ok
}

func (m *memShare) Put(entry ShareEntry, record []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.records[entry.Key] = record
	kept := m.index.Sessions[:0]
	for _, e := range m.index.Sessions {
		if e.Key != entry.Key && e.Expiration.After(wallNow()) {
			kept = append(kept, e)
		}
	}
	m.index.Sessions = append(kept, entry)
	forgotten := m.index.Forgotten[:0]
	for _, f := range m.index.Forgotten {
		if f.Key != entry.Key {
			forgotten = append(forgotten, f)
		}
	}
	m.index.Forgotten = forgotten
	return nil
}

func (m *memShare) Remove(keys ...string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	forget := map[string]bool{}
	for _, k := range keys {
		forget[k] = true
	}
	kept := m.index.Sessions[:0]
	for _, e := range m.index.Sessions {
		if len(keys) == 0 || forget[e.Key] {
			delete(m.records, e.Key)
			continue
		}
		kept = append(kept, e)
	}
	m.index.Sessions = kept
	for _, k := range keys {
		m.index.Forgotten = append(m.index.Forgotten, ForgottenEntry{Key: k, At: wallNow()})
	}
	if len(keys) == 0 {
		m.index.ForgotAll = wallNow()
	}
	return nil
}

func (m *memShare) SetActive(key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.index.Active = key
	return nil
}

func (m *memShare) Index() (ShareIndex, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return ShareIndex{Active: m.index.Active, Sessions: append([]ShareEntry(nil), m.index.Sessions...),
		Forgotten: append([]ForgottenEntry(nil), m.index.Forgotten...), ForgotAll: m.index.ForgotAll}, nil
}

func (m *memShare) Watch(func()) (func(), error) { return func() {}, nil }

// window is one Rolecall process on the share: a store with a scripted engine.
func window(t *testing.T, share SessionShare, engine *scriptedEngine) *Store {
	s := NewStore(Options{UserName: "tester", Share: share}, func(StoreStatus) {})
	s.run = engine.run
	t.Cleanup(s.Close)
	if err := s.FollowShare(); err != nil {
		t.Fatal(err)
	}
	return s
}

// twoWindowsHoldingAnUnrenewableSession starts two windows on one share; window one assumes "admin" (a
// one-hour session whose refreshes fail, as with no network) and window two takes it from the share.
func twoWindowsHoldingAnUnrenewableSession(t *testing.T) (one, two *Store) {
	share := newMemShare()
	engine := &scriptedEngine{lifetime: time.Hour, failWith: func(_ int, refresh bool) error {
		if refresh {
			return errors.New("the network is down")
		}
		return nil
	}}
	one, two = window(t, share, engine), window(t, share, engine)
	if _, err := one.Assume(context.Background(), noMFAPlan, ""); err != nil {
		t.Fatal(err)
	}
	two.Sync()
	return one, two
}

// A session that expired in both windows (its refresh failed) stays in each as expired, with its
// refresh, when another process's Put drops the expired entry from the share: it was not forgotten.
func TestAnExpiredSharedSessionStaysWhenTheShareDropsItsEntry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		one, two := twoWindowsHoldingAnUnrenewableSession(t)
		if st := two.Status(); len(st.Sessions) != 1 || st.Sessions[0].Source != SourceShared {
			t.Fatalf("window two holds %+v, want the session window one shared", st.Sessions)
		}

		time.Sleep(61 * time.Minute) // the refreshes fail; the session ends
		synctest.Wait()
		other := Plan{Profile: "other", Source: baseKeys(), Roles: []RoleHop{{Profile: "other", RoleArn: adminRole}}}
		if _, err := one.Assume(context.Background(), other, ""); err != nil { // its Put drops the expired entry
			t.Fatal(err)
		}
		two.Sync()
		var admin *SessionStatus
		for _, s := range two.Status().Sessions {
			if s.Profile == "admin" {
				admin = &s
			}
		}
		if admin == nil || admin.State != StateExpired {
			t.Fatalf("window two shows %+v for admin, want it kept as expired", admin)
		}
	})
}

// Forget in one window forgets the session in the other.
func TestForgetInOneWindowForgetsInTheOther(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		share := newMemShare()
		engine := &scriptedEngine{lifetime: time.Hour}
		one, two := window(t, share, engine), window(t, share, engine)
		if _, err := one.Assume(context.Background(), noMFAPlan, ""); err != nil {
			t.Fatal(err)
		}
		two.Sync()
		if len(two.Status().Sessions) != 1 {
			t.Fatal("window two did not take the shared session")
		}
		two.Forget("admin")
		one.Sync()
		if st := one.Status(); len(st.Sessions) != 0 || st.Active != "" {
			t.Fatalf("window one still holds %+v (active %q) after Forget in window two", st.Sessions, st.Active)
		}
		if engine.calls() != 1 {
			t.Errorf("%d STS calls, want 1: window two took window one's session", engine.calls())
		}
	})
}

// Forgetting a session that has expired in both windows forgets it in both: the share says it was
// forgotten, not merely that it has ended.
func TestForgettingAnExpiredSessionForgetsItEverywhere(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		one, two := twoWindowsHoldingAnUnrenewableSession(t)
		time.Sleep(61 * time.Minute)
		synctest.Wait()
		if _, err := two.Forget("admin"); err != nil {
			t.Fatal(err)
		}
		one.Sync()
		if st := one.Status(); len(st.Sessions) != 0 {
			t.Fatalf("window one still holds %+v after Forget in window two", st.Sessions)
		}
	})
}

// "All sessions" in one window empties the other, expired sessions included; a session assumed
// afterwards is shared again.
func TestForgetAllInOneWindowEmptiesTheOther(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		one, two := twoWindowsHoldingAnUnrenewableSession(t)
		time.Sleep(61 * time.Minute) // expired in both; the next Put drops its entry
		synctest.Wait()
		other := Plan{Profile: "other", Source: baseKeys(), Roles: []RoleHop{{Profile: "other", RoleArn: adminRole}}}
		if _, err := one.Assume(context.Background(), other, ""); err != nil {
			t.Fatal(err)
		}
		two.Sync()
		one.ForgetAll()
		two.Sync()
		if st := two.Status(); len(st.Sessions) != 0 {
			t.Fatalf("window two still holds %+v after All sessions were forgotten in window one", st.Sessions)
		}
		time.Sleep(time.Second)
		if _, err := one.Assume(context.Background(), other, ""); err != nil {
			t.Fatal(err)
		}
		two.Sync()
		if st := two.Status(); len(st.Sessions) != 1 {
			t.Fatalf("window two holds %d sessions after a new assume in window one, want 1", len(st.Sessions))
		}
	})
}
