package assume

import (
	"context"
	"time"
)

// obtained is a result and where it stands in the share.
type obtained struct {
	res      result
	obtained time.Time // when STS gave it (the first process's clock, for a shared one)
	key      string    // shareKey(plan)
	shared   bool      // the share lists it
}

// obtain gets credentials for plan. With a share, it holds the session's user-wide lock while it works,
// so that one process at a time calls STS for a session: it first takes what another process already
// holds (for an assume, a session with 15 minutes left; for a refresh, one renewed after since), and
// otherwise calls STS and shares the answer. Without a lock (the share failing) it goes on alone, as a
// process without a share would.
func (s *Store) obtain(ctx context.Context, opts Options, plan Plan, code string, refresh bool, since time.Time) (obtained, error) {
	key := shareKey(plan)
	if s.share == nil {
		res, err := s.run(ctx, opts, plan, code, refresh)
		return obtained{res: res, obtained: wallNow(), key: key}, err
	}
	unlock, err := s.share.Lock(ctx, key)
	if err != nil {
		if ctx.Err() != nil {
			return obtained{}, ctx.Err()
		}
		res, err := s.run(ctx, opts, plan, code, refresh)
		return obtained{res: res, obtained: wallNow(), key: key}, err
	}
	defer unlock()
	minLeft := cacheMinRemaining
	if refresh {
		minLeft = opts.RefreshBefore
	}
	if a, ok := loadShared(s.share, key, &plan, minLeft); ok && (!refresh || a.obtained.After(since)) {
		return obtained{res: a.res, obtained: a.obtained, key: key, shared: true}, nil
	}
	res, err := s.run(ctx, opts, plan, code, refresh)
	if err != nil {
		return obtained{}, err
	}
	got := obtained{res: res, obtained: wallNow(), key: key}
	if rec, err := encodeRecord(plan, res, got.obtained); err == nil {
		got.shared = s.share.Put(ShareEntry{Key: key, Profile: plan.Profile, Obtained: got.obtained, Expiration: res.creds.Expires}, rec) == nil
	}
	return got, nil
}

// shareActive tells the other processes which session is active, when this store follows the share
// (a language server: its window's choice is every window's).
func (s *Store) shareActive(sess *session) {
	s.mu.Lock()
	follow := s.stopWatch != nil && sess.shared
	s.mu.Unlock()
	if follow {
		_ = s.share.SetActive(sess.key)
	}
}

// FollowShare makes the store keep up with the user's other Rolecall processes as they change the
// share (a language server calls it once the editor is connected): it takes in every shared session at
// once (a reloaded window gets its sessions back), then every change within moments, and it shares the
// active session. Without a share it does nothing.
func (s *Store) FollowShare() error {
	if s.share == nil {
		return nil
	}
	s.mu.Lock()
	if s.closed || s.stopWatch != nil {
		s.mu.Unlock()
		return nil
	}
	s.stopWatch = func() {}
	s.mu.Unlock()
	stop, err := s.share.Watch(s.Sync)
	s.mu.Lock()
	closed := s.closed
	if err == nil && !closed {
		s.stopWatch = stop
	}
	s.mu.Unlock()
	if err == nil && closed {
		stop() // Close ran meanwhile and saw only the placeholder
		return nil
	}
	s.Sync()
	return err
}

// Sync takes in what the other processes changed in the share: a session assumed or renewed there
// (newer than the one held here) replaces or joins this store's, a shared session gone from the share
// was forgotten there and is dropped here, and the active session follows the share's.
func (s *Store) Sync() {
	if s.share == nil {
		return
	}
	idx, err := s.share.Index()
	if err != nil {
		return
	}
	now := wallNow()
	forgotten := map[string]time.Time{}
	for _, f := range idx.Forgotten {
		forgotten[f.Key] = f.At
	}

	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	changed := false
	for name, sess := range s.sessions {
		// Forgotten there, after this copy was obtained: forgotten here. A session merely gone from the
		// list (expired, or a damaged index rebuilt) stays, with its refresh, as it would alone.
		at, ok := forgotten[sess.key]
		if !ok || at.Before(idx.ForgotAll) {
			at = idx.ForgotAll
		}
		if sess.shared && !at.IsZero() && !at.Before(sess.obtained) {
			sess.stop()
			delete(s.sessions, name)
			if s.active == name {
				s.active = ""
			}
			changed = true
		}
	}
	var newer []ShareEntry
	for _, e := range idx.Sessions {
		sess := s.sessions[e.Profile]
		switch {
		case !e.Expiration.After(now):
		case sess == nil:
			newer = append(newer, e)
		case sess.key != e.Key:
			// Another role under this name (the files differ, or were edited): this window keeps its own.
		case e.Obtained.After(sess.obtained):
			newer = append(newer, e)
		default:
			sess.shared = true
		}
	}
	s.mu.Unlock()

	// The keychain is read outside the lock: Status must never wait for it.
	got := make([]adopted, 0, len(newer))
	for _, e := range newer {
		if a, ok := loadShared(s.share, e.Key, nil, 0); ok && shareKey(a.plan) == e.Key && a.plan.Profile == e.Profile {
			got = append(got, a)
		}
	}

	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	for _, a := range got {
		name, key := a.plan.Profile, shareKey(a.plan)
		switch old := s.sessions[name]; {
		case old == nil:
			s.gen++
			s.sessions[name] = &session{plan: a.plan, res: a.res, obtained: a.obtained, gen: s.gen, key: key, shared: true}
			changed = true
		case old.key == key && a.obtained.After(old.obtained):
			// Renewed in place, so that a refresh of it in flight here still finds its session.
			s.applyResult(old, obtained{res: a.res, obtained: a.obtained, key: key, shared: true})
			changed = true
		}
	}
	if active := s.activeIn(idx); active != s.active && (active != "" || s.sessions[s.active] == nil || s.sessions[s.active].shared) {
		s.active = active
		changed = true
	}
	if changed {
		s.rescheduleAll()
	}
	s.mu.Unlock()
	if changed {
		s.notify()
	}
}

// activeIn is the profile of the share's active session among those held, "" when none is active there.
// Called with s.mu held.
func (s *Store) activeIn(idx ShareIndex) string {
	if idx.Active == "" {
		return ""
	}
	for name, sess := range s.sessions {
		if sess.key == idx.Active {
			return name
		}
	}
	return s.active // the share's active session is not held here (expired): keep this one
}
