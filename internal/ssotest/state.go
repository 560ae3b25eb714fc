package ssotest

import (
	"crypto/rand"
	"encoding/base64"
	"slices"
	"sync"
	"time"
)

// The emulator keeps only what it has granted and not yet expired: every table is swept of entries
// expired for longer than sweepGrace whenever the live total doubles (so sweeping stays linear), and
// past maxLive entries new grants are refused with the service's throttling error.
const (
	sweepGrace   = 10 * time.Minute
	minSweepAt   = 1024
	maxLive      = 100_000
	authCodeLife = 5 * time.Minute
)

// client is a RegisterClient registration.
type client struct {
	id, secret, name string
	grantTypes       []string
	redirectURIs     []string
	scopes           []string
	issued, expires  time.Time
}

// allows reports whether the client may use grant. Registered without grantTypes (as the AWS CLI's
// device flow registers), a client may use the device code and refresh its tokens.
func (c *client) allows(grant string) bool {
	if len(c.grantTypes) == 0 {
		return grant == grantDeviceCode || grant == grantRefreshToken
	}
	return slices.Contains(c.grantTypes, grant)
}

// refreshable: Identity Center returns a refresh token only to clients registered with scopes (the
// sso-session configuration); legacy registrations without scopes get access tokens alone.
func (c *client) refreshable() bool {
	return len(c.scopes) > 0 || slices.Contains(c.grantTypes, grantRefreshToken)
}

// session is one sign-in: it ends at its expiry or at Logout, and with it every token it issued.
type session struct {
	expires time.Time
	ended   bool
}

func (s *session) live(now time.Time) bool { return !s.ended && now.Before(s.expires) }

// deviceAuth is a StartDeviceAuthorization waiting for, or past, the user's decision.
type deviceAuth struct {
	deviceCode, userCode, clientID string
	expires                        time.Time
	denied, redeemed               bool
	session                        *session // set on approval
}

// authCode is an authorization code given to a redirect_uri, redeemable once with the PKCE verifier.
type authCode struct {
	clientID, redirectURI, challenge string
	expires                          time.Time
	session                          *session
}

// authRequest is an /authorize request shown on the approval page, waiting for Approve or Deny.
type authRequest struct {
	clientID, clientName, redirectURI, state, challenge string
	scopes                                              []string
	expires                                             time.Time
}

type accessToken struct {
	session  *session
	clientID string
	expires  time.Time
}

type refreshToken struct {
	session  *session
	clientID string
}

// state is everything the emulator has granted, behind one lock: requests are short.
type state struct {
	mu          sync.Mutex
	opts        Options
	offset      time.Duration
	autoApprove bool
	slowDown    int
	clients     map[string]*client
	devices     map[string]*deviceAuth // by device code
	userCodes   map[string]*deviceAuth // the same, by user code
	started     []*deviceAuth          // device authorizations not yet handed out by NextUserCode
	startedCh   chan struct{}          // closed and replaced when one starts
	codes       map[string]*authCode
	requests    map[string]*authRequest // by the approval page's request id
	access      map[string]*accessToken
	refresh     map[string]*refreshToken
	sweepAt     int
}

func newState(opts Options) *state {
	return &state{
		opts:        opts,
		autoApprove: opts.AutoApprove,
		slowDown:    opts.SlowDown,
		clients:     map[string]*client{},
		devices:     map[string]*deviceAuth{},
		userCodes:   map[string]*deviceAuth{},
		startedCh:   make(chan struct{}),
		codes:       map[string]*authCode{},
		requests:    map[string]*authRequest{},
		access:      map[string]*accessToken{},
		refresh:     map[string]*refreshToken{},
		sweepAt:     minSweepAt,
	}
}

// now is the emulator's clock; call with mu held.
func (st *state) now() time.Time { return st.opts.Now().Add(st.offset) }

// admit makes room for one more grant: it sweeps when the tables have doubled since the last sweep,
// and refuses when they are full. Call with mu held.
func (st *state) admit() bool {
	if st.size() >= st.sweepAt {
		st.sweep(st.now())
		st.sweepAt = max(minSweepAt, 2*st.size())
	}
	return st.size() < maxLive
}

func (st *state) size() int {
	return len(st.clients) + len(st.devices) + len(st.codes) + len(st.requests) + len(st.access) + len(st.refresh)
}

// sweep forgets what expired more than sweepGrace ago. The grace keeps an expired device code
// answering expired_token (rather than invalid_grant) to a client that polls a little late.
func (st *state) sweep(now time.Time) {
	gone := func(t time.Time) bool { return now.After(t.Add(sweepGrace)) }
	for k, c := range st.clients {
		if gone(c.expires) {
			delete(st.clients, k)
		}
	}
	for k, d := range st.devices {
		if gone(d.expires) {
			delete(st.devices, k)
			delete(st.userCodes, d.userCode)
		}
	}
	st.started = slices.DeleteFunc(st.started, func(d *deviceAuth) bool { return gone(d.expires) })
	for k, c := range st.codes {
		if gone(c.expires) {
			delete(st.codes, k)
		}
	}
	for k, r := range st.requests {
		if gone(r.expires) {
			delete(st.requests, k)
		}
	}
	for k, a := range st.access {
		if gone(a.expires) || a.session.ended {
			delete(st.access, k)
		}
	}
	for k, r := range st.refresh {
		if gone(r.session.expires) || r.session.ended {
			delete(st.refresh, k)
		}
	}
}

// liveSession is the session of an access token that is valid now, or nil. Call with mu held.
func (st *state) liveSession(token string) *session {
	now := st.now()
	a := st.access[token]
	if a == nil || !now.Before(a.expires) || !a.session.live(now) {
		return nil
	}
	return a.session
}

// approve signs the user in for a device code. Call with mu held.
func (st *state) approve(d *deviceAuth, now time.Time) {
	if d.session == nil {
		d.session = st.newSession(now)
	}
}

func (st *state) newSession(now time.Time) *session {
	return &session{expires: now.Add(st.opts.SessionLifetime)}
}

// tokenOutput is CreateToken's answer.
type tokenOutput struct {
	AccessToken  string `json:"accessToken"`
	TokenType    string `json:"tokenType"`
	ExpiresIn    int32  `json:"expiresIn"`
	RefreshToken string `json:"refreshToken,omitempty"`
}

// issue grants an access token in session sess, and a refresh token if the client may refresh:
// keepRefresh when given (a refresh that does not rotate), else a new one. Call with mu held.
func (st *state) issue(c *client, sess *session, now time.Time, keepRefresh string) tokenOutput {
	expires := now.Add(st.opts.AccessTokenLifetime)
	if sess.expires.Before(expires) {
		expires = sess.expires
	}
	out := tokenOutput{AccessToken: "aoa" + randomToken(64), TokenType: "Bearer",
		ExpiresIn: int32(expires.Sub(now) / time.Second)}
	st.access[out.AccessToken] = &accessToken{session: sess, clientID: c.id, expires: expires}
	switch {
	case keepRefresh != "":
		out.RefreshToken = keepRefresh
	case c.refreshable():
		out.RefreshToken = "aor" + randomToken(64)
		st.refresh[out.RefreshToken] = &refreshToken{session: sess, clientID: c.id}
	}
	return out
}

// randomToken is n characters of URL-safe randomness.
func randomToken(n int) string {
	b := make([]byte, (n*3+3)/4)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)[:n]
}
