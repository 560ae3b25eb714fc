package assume

import (
	"context"
	"time"

	"github.com/rolecall/rolecall/awsfiles"
)

// Time passing. Each session has at most one timer, set for its next point of interest, computed
// from absolute wall-clock times (refresh point, warning point, expiration) and recomputed whenever
// it fires or anything changes; nothing is counted down. Go timers run on the monotonic clock, which
// stops while the machine sleeps, so a wait is capped at maxTimerWait: after a wake-up the store
// notices within that time that a deadline passed, and Status is exact at any moment because it
// compares wall-clock times itself.

const (
	maxTimerWait     = 5 * time.Minute
	unreachableRetry = time.Minute // auto-refresh retries this often while STS cannot be reached
)

// stateOf computes a session's state at now.
func (s *Store) stateOf(sess *session, now time.Time) string {
	exp := sess.res.creds.Expires
	switch {
	case !now.Before(exp):
		return StateExpired
	case sess.err != nil:
		return StateError
	case s.refreshAt(sess) == nil && !now.Before(exp.Add(-s.opts.ExpiryWarning)):
		// A session that auto-refresh will renew stays active through the warning window: warning
		// the user about something that will fix itself is noise.
		return StateExpiring
	}
	return StateActive
}

// refreshAt is when auto-refresh will renew the session, nil when it will not (auto-refresh off, an
// MFA code needed, or a failure a retry will not fix).
func (s *Store) refreshAt(sess *session) *time.Time {
	if s.opts.DisableAutoRefresh || sess.needsCode || sess.blocked {
		return nil
	}
	exp := sess.res.creds.Expires
	at := exp.Add(-s.opts.RefreshBefore)
	if earliest := sess.obtained.Add(s.minRefreshGap); at.Before(earliest) {
		at = earliest
	}
	if !sess.retryAt.IsZero() {
		at = sess.retryAt
	}
	if !at.Before(exp) || s.engine.codeNeededAt(sess.plan, at, s.opts) {
		return nil
	}
	return &at
}

// statusOf renders a session for the outside world (no secrets).
func (s *Store) statusOf(name string, sess *session, now time.Time) SessionStatus {
	exp := sess.res.creds.Expires
	st := SessionStatus{
		Profile:        name,
		RoleArn:        sess.plan.roleArn(),
		AssumedRoleArn: sess.res.assumedArn,
		AccountID:      sess.res.accountID,
		Region:         sess.regionOf(),
		Expiration:     exp,
		State:          s.stateOf(sess, now),
		AccessKeyID:    awsfiles.MaskAccessKeyID(sess.res.creds.AccessKeyID),
		Chain:          sess.plan.chain(),
		MFA:            sess.plan.usesMFA(),
		MFAEachRefresh: codeOnEveryAssume(sess.plan),
		AutoRefresh:    !s.opts.DisableAutoRefresh,
		ExpiringAt:     exp.Add(-s.opts.ExpiryWarning),
		Source:         sess.res.source,
		Note:           sess.res.note,
	}
	if at := s.refreshAt(sess); at != nil && now.Before(exp) {
		st.RefreshAt = *at
	}
	if sess.err != nil {
		st.Error = sess.err.Error()
	}
	if sess.plan.Source.Kind == SSO {
		signIn := ssoSessionOf(sess.plan.Source)
		st.SSO = &signIn
	}
	return st
}

// rescheduleAll re-plans every session's timer (settings changed, an MFA session appeared, ...).
// Called with s.mu held.
func (s *Store) rescheduleAll() {
	now := wallNow()
	for name, sess := range s.sessions {
		sess.lastState = s.stateOf(sess, now)
		s.schedule(name, sess, now)
	}
}

// schedule sets the session's one timer for its next point of interest. Called with s.mu held.
func (s *Store) schedule(name string, sess *session, now time.Time) {
	sess.stop()
	if s.closed || sess.refreshing {
		return // a refresh in flight sets the next timer when it ends
	}
	exp := sess.res.creds.Expires
	next := exp // the last event: expiry
	consider := func(t time.Time) {
		if t.After(now) && t.Before(next) {
			next = t
		}
	}
	consider(exp.Add(-s.opts.ExpiryWarning))
	refresh := s.refreshAt(sess)
	if refresh != nil {
		consider(*refresh)
	}
	var wait time.Duration
	switch {
	case refresh != nil && !refresh.After(now):
		wait = 0 // the refresh point has passed (e.g. the machine slept through it): refresh now
	case !next.After(now):
		return // expired: nothing more will happen to it
	default:
		wait = min(next.Sub(now), maxTimerWait)
	}
	gen := sess.gen
	sess.timer = time.AfterFunc(wait, func() { s.onTimer(name, gen) })
}

// onTimer runs when a session's timer fires: it refreshes the session when its time has come, or
// reports its new state, and sets the next timer.
func (s *Store) onTimer(name string, gen uint64) {
	s.mu.Lock()
	sess := s.sessions[name]
	if s.closed || sess == nil || sess.gen != gen {
		s.mu.Unlock()
		return
	}
	now := wallNow()
	if at := s.refreshAt(sess); at != nil && !now.Before(*at) && now.Before(sess.res.creds.Expires) && !sess.refreshing {
		sess.refreshing = true
		ctx, done := s.track(context.Background())
		plan, opts, since := sess.plan, s.opts, sess.obtained
		s.mu.Unlock()
		defer done()
		s.autoRefresh(ctx, name, gen, plan, opts, since)
		return
	}
	state := s.stateOf(sess, now)
	changed := state != sess.lastState
	sess.lastState = state
	s.schedule(name, sess, now)
	s.mu.Unlock()
	if changed {
		s.notify()
	}
}

// autoRefresh renews a session in the timer's goroutine, without an MFA code.
func (s *Store) autoRefresh(ctx context.Context, name string, gen uint64, plan Plan, opts Options, since time.Time) {
	got, err := s.obtain(ctx, opts, plan, "", true, since)

	s.mu.Lock()
	sess := s.sessions[name]
	if s.closed || sess == nil || sess.gen != gen {
		s.mu.Unlock()
		return
	}
	sess.refreshing = false
	if err != nil {
		s.recordFailure(sess, err)
	} else {
		s.applyResult(sess, got)
	}
	s.rescheduleAll()
	s.mu.Unlock()
	s.notify()
}

// forgetAll drops the MFA sessions and intermediate hops (the store is closing).
func (e *engine) forgetAll() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.mfaSessions = map[mfaKey]credentials{}
	e.hops = map[string]hopResult{}
}
