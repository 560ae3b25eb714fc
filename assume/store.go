package assume

import (
	"context"
	"errors"
	"reflect"
	"sort"
	"sync"
	"time"
)

// Store holds the sessions Rolecall has assumed, the active one among them, and keeps them fresh: one
// timer per session renews it RefreshBefore its expiry when no MFA code is needed, or marks it
// `expiring` when one is. Every change is reported to the onChange callback. A Store is safe for
// concurrent use; STS calls run without holding its lock, so Status never waits for the network.
type Store struct {
	mu       sync.Mutex
	opts     Options
	engine   *engine
	run      func(ctx context.Context, opts Options, plan Plan, code string, refresh bool) (result, error)
	sessions map[string]*session
	active   string
	gen      uint64 // source of session generations
	closed   bool
	ctx      context.Context // cancelled by Close: every STS call in flight derives from it (see track)
	cancel   context.CancelFunc
	running  sync.WaitGroup // assumes and refreshes in flight, auto-refreshes included; Close waits for them
	// minRefreshGap keeps a session from being refreshed again sooner than this after it was obtained,
	// so that RefreshBefore >= the session's lifetime cannot make the store hammer STS.
	minRefreshGap time.Duration

	notifyMu sync.Mutex // serialises onChange calls, so they arrive in the order the changes happened
	onChange func(StoreStatus)

	share     SessionShare // the other Rolecall processes of the user (Options.Share); nil = this process only
	stopWatch func()       // ends FollowShare's watch
}

// session is one assumed profile.
type session struct {
	plan       Plan
	res        result
	obtained   time.Time
	err        error     // the last assume/refresh failure; the credentials in res stay in use until they expire
	needsCode  bool      // a refresh found that an MFA code is needed, so auto-refresh cannot renew it
	blocked    bool      // auto-refresh failed in a way a retry will not fix (access denied, bad keys, ...)
	retryAt    time.Time // after an "STS unreachable" failure: when auto-refresh tries again
	refreshing bool      // a refresh (timer or Refresh) is in flight; the timer waits for it
	timer      *time.Timer
	gen        uint64 // identifies this session object; a timer or refresh for an older one does nothing
	lastState  string // the state last reported, so a timer reports only changes
	region     string // the region chosen for the session (SetRegion); "" = the profile's
	key        string // shareKey(plan)
	shared     bool   // the share lists it: another process's Forget drops it here too
}

// NewStore makes a store. onChange (may be nil) is called after every change of any session with the
// whole status; it is called from the goroutine that made the change (a timer's, or the caller of
// Assume/Refresh/Forget/SetOptions) and must not call those methods or Close itself (Status is fine).
func NewStore(opts Options, onChange func(StoreStatus)) *Store {
	e := newEngine()
	ctx, cancel := context.WithCancel(context.Background())
	return &Store{opts: opts.withDefaults(), engine: e, run: e.run, sessions: map[string]*session{},
		ctx: ctx, cancel: cancel, onChange: onChange, minRefreshGap: time.Minute, share: opts.Share}
}

// Assume gets credentials for plan and makes its session the active one. A live session the store
// already holds for the same plan, with at least 15 minutes left, is reused without calling STS.
// mfaCode may be ""; when a code is needed and none was given (or it was used up by an earlier hop)
// the error is an *MFARequiredError: ask the user and call again with the code.
func (s *Store) Assume(ctx context.Context, plan Plan, mfaCode string) (SessionStatus, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return SessionStatus{}, ErrClosed
	}
	now := wallNow()
	if sess := s.sessions[plan.Profile]; sess != nil && sess.err == nil && reflect.DeepEqual(sess.plan, plan) &&
		sess.res.creds.Expires.Sub(now) >= cacheMinRemaining {
		s.active = plan.Profile
		st := s.statusOf(plan.Profile, sess, now)
		s.mu.Unlock()
		s.shareActive(sess)
		s.notify()
		return st, nil
	}
	opts := s.opts
	ctx, done := s.track(ctx)
	defer done()
	s.mu.Unlock()

	got, err := s.obtain(ctx, opts, plan, mfaCode, false, time.Time{})

	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return SessionStatus{}, ErrClosed
	}
	if err != nil {
		// A failed assume of a profile already held marks that session (same plan only: a changed
		// plan says nothing about it). A code being needed is a question, not a failure.
		changed := false
		if sess := s.sessions[plan.Profile]; sess != nil && reflect.DeepEqual(sess.plan, plan) && !errors.As(err, new(*MFARequiredError)) {
			changed = s.recordFailure(sess, err)
		}
		s.mu.Unlock()
		if changed {
			s.notify()
		}
		return SessionStatus{}, err
	}
	s.gen++
	sess := &session{plan: plan, res: got.res, obtained: got.obtained, gen: s.gen, key: got.key, shared: got.shared}
	if old := s.sessions[plan.Profile]; old != nil {
		old.stop()
		sess.region = old.region // a chosen region outlives a re-assume of the same profile
	}
	s.sessions[plan.Profile] = sess
	s.active = plan.Profile
	s.rescheduleAll() // a new MFA session may let other sessions refresh without a code
	st := s.statusOf(plan.Profile, sess, wallNow())
	s.mu.Unlock()
	s.shareActive(sess)
	s.notify()
	return st, nil
}

// Refresh renews the session of profile ("" = the active one) by calling STS, never the AWS CLI's
// cache. The session keeps its plan (see SetPlan). On failure the old credentials stay in use until
// they expire and the session's state says why.
func (s *Store) Refresh(ctx context.Context, profile, mfaCode string) (SessionStatus, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return SessionStatus{}, ErrClosed
	}
	name := s.nameOrActive(profile)
	sess := s.sessions[name]
	if sess == nil {
		s.mu.Unlock()
		return SessionStatus{}, &NoSessionError{Profile: name}
	}
	plan, gen, opts, since := sess.plan, sess.gen, s.opts, sess.obtained
	sess.refreshing = true // the timer leaves it alone meanwhile
	ctx, done := s.track(ctx)
	defer done()
	s.mu.Unlock()

	got, err := s.obtain(ctx, opts, plan, mfaCode, true, since)

	s.mu.Lock()
	sess = s.sessions[name]
	if sess != nil && sess.gen == gen {
		sess.refreshing = false
	}
	if s.closed {
		s.mu.Unlock()
		return SessionStatus{}, ErrClosed
	}
	if sess == nil || sess.gen != gen {
		s.mu.Unlock()
		if err == nil {
			err = &NoSessionError{Profile: name} // forgotten or replaced while STS answered
		}
		return SessionStatus{}, err
	}
	if err != nil {
		s.recordFailure(sess, err)
	} else {
		s.applyResult(sess, got)
	}
	s.rescheduleAll()
	st := s.statusOf(name, sess, wallNow())
	s.mu.Unlock()
	s.notify()
	if err != nil {
		return SessionStatus{}, err
	}
	return st, nil
}

// ForgetAll drops every session, here and, when shared, in every Rolecall process of the user, so none
// of them refreshes or warns again. The AWS CLI's cache and any MFA session are left alone.
func (s *Store) ForgetAll() StoreStatus {
	s.mu.Lock()
	for name, sess := range s.sessions {
		sess.stop()
		delete(s.sessions, name)
	}
	s.active = ""
	s.mu.Unlock()
	if s.share != nil {
		_ = s.share.Remove()
	}
	s.notify()
	return s.Status()
}

// Forget drops the session of profile ("" = the active one), here and, when shared, in every Rolecall
// process of the user. The AWS CLI's cache and any MFA session are left alone.
func (s *Store) Forget(profile string) (StoreStatus, error) {
	s.mu.Lock()
	name := s.nameOrActive(profile)
	sess := s.sessions[name]
	if sess == nil {
		s.mu.Unlock()
		return StoreStatus{}, &NoSessionError{Profile: name}
	}
	sess.stop()
	delete(s.sessions, name)
	if s.active == name {
		s.active = ""
	}
	s.mu.Unlock()
	if sess.shared {
		_ = s.share.Remove(sess.key)
	}
	s.notify()
	return s.Status(), nil
}

// Status returns every session (sorted by profile) and the active one, as of now.
func (s *Store) Status() StoreStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := wallNow()
	out := StoreStatus{Sessions: []SessionStatus{}}
	out.Active = s.active
	names := make([]string, 0, len(s.sessions))
	for name := range s.sessions {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		out.Sessions = append(out.Sessions, s.statusOf(name, s.sessions[name], now))
	}
	return out
}

// Credentials returns the secrets of profile's session ("" = the active one): the only method that
// does. An expired session gives a NoSessionError.
func (s *Store) Credentials(profile string) (SessionCredentials, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	name := s.nameOrActive(profile)
	sess := s.sessions[name]
	if sess == nil {
		return SessionCredentials{}, &NoSessionError{Profile: name}
	}
	c := sess.res.creds
	if !wallNow().Before(c.Expires) {
		return SessionCredentials{}, &NoSessionError{Profile: name, Expired: c.Expires}
	}
	return SessionCredentials{Profile: name, AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey,
		SessionToken: c.SessionToken, Expiration: c.Expires, Region: sess.regionOf(), AccountID: sess.res.accountID}, nil
}

// SetOptions replaces the settings (zero fields mean defaults) and re-plans every session's timers.
func (s *Store) SetOptions(opts Options) {
	s.mu.Lock()
	s.opts = opts.withDefaults()
	s.rescheduleAll()
	hasSessions := len(s.sessions) > 0
	s.mu.Unlock()
	if hasSessions {
		s.notify()
	}
}

// SetPlan replaces the plan a session uses for its later refreshes (after the user edited the
// profile, or rotated the source keys). It reports whether profile has a session.
func (s *Store) SetPlan(plan Plan) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := s.sessions[plan.Profile]
	if sess == nil {
		return false
	}
	sess.plan = plan
	if key := shareKey(plan); key != sess.key {
		sess.key, sess.shared = key, false // another role now: the shared session is no longer this one
	}
	return true
}

// Close stops every timer, cancels every assume and refresh in flight (a caller's included) and waits
// for them to end, then drops all sessions and MFA sessions from memory: nothing a cancelled call
// obtained is kept or written after Close returns. Those calls and later ones fail with ErrClosed
// (Status and Forget see an empty store).
func (s *Store) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	stopWatch := s.stopWatch
	for _, sess := range s.sessions {
		sess.stop()
	}
	s.sessions = map[string]*session{}
	s.active = ""
	s.cancel()
	s.mu.Unlock()
	if stopWatch != nil {
		stopWatch() // outside the lock: it waits for a Sync, which takes the lock
	}
	s.running.Wait()
	s.engine.forgetAll()
}

// track registers a call about to talk to STS so that Close can cancel it and wait for it: the
// returned context ends with ctx or with the store, and done must be called once the call's result
// has been applied (or dropped). Called with s.mu held on an open store, so that no call starts after
// Close began waiting.
func (s *Store) track(ctx context.Context) (context.Context, func()) {
	s.running.Add(1)
	ctx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(s.ctx, cancel)
	return ctx, func() {
		stop()
		cancel()
		s.running.Done()
	}
}

func (s *Store) nameOrActive(profile string) string {
	if profile == "" {
		return s.active
	}
	return profile
}

// applyResult installs renewed credentials.
func (s *Store) applyResult(sess *session, got obtained) {
	sess.res, sess.obtained = got.res, got.obtained
	sess.shared = sess.shared || got.shared
	sess.err, sess.needsCode, sess.blocked, sess.retryAt = nil, false, false, time.Time{}
}

// recordFailure notes why an assume or refresh failed (sess may be nil: nothing to record). An MFA
// code being needed is not a failure of the session: it only stops auto-refresh. It reports whether
// anything changed.
func (s *Store) recordFailure(sess *session, err error) bool {
	if sess == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var mfa *MFARequiredError
	if errors.As(err, &mfa) {
		sess.needsCode = true
		return true
	}
	sess.err = err
	var unreachable *UnreachableError
	if errors.As(err, &unreachable) {
		sess.retryAt = wallNow().Add(unreachableRetry)
	} else {
		sess.blocked = true
	}
	return true
}

func (sess *session) stop() {
	if sess.timer != nil {
		sess.timer.Stop()
		sess.timer = nil
	}
}

// notify reports the whole status to onChange. The snapshot is taken under notifyMu, so callbacks
// see snapshots in the order they were taken.
func (s *Store) notify() {
	if s.onChange == nil {
		return
	}
	s.notifyMu.Lock()
	defer s.notifyMu.Unlock()
	s.onChange(s.Status())
}

// wallNow is the current time without its monotonic reading: expirations come from STS as wall-clock
// times, so every comparison is made on the wall clock, which keeps counting while the machine sleeps.
func wallNow() time.Time { return time.Now().Round(0) }
