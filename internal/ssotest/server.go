package ssotest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"
)

// Options configure an emulator. The zero value is a working Identity Center with DefaultAccounts.
type Options struct {
	// Accounts is the directory every signed-in user sees: accounts with their roles, in the order
	// ListAccounts pages through them. Nil means DefaultAccounts().
	Accounts []Account
	// PageSize is the page size of ListAccounts and ListAccountRoles when the client sends no
	// max_result. 0 means 20.
	PageSize int
	// AutoApprove approves every device code as soon as it is started and every /authorize request
	// without showing the approval page, as if the user clicked Approve at once.
	AutoApprove bool
	// SlowDown is how many of the next device-code polls answer slow_down (SlowDownException), to
	// test that a client backs off. InjectSlowDown adds more later.
	SlowDown int
	// Interval is the polling interval StartDeviceAuthorization advertises, in seconds. 0 means 1.
	Interval int32
	// DeviceCodeLifetime is how long a device code can be approved and polled. 0 means 10 minutes.
	DeviceCodeLifetime time.Duration
	// AccessTokenLifetime is CreateToken's expiresIn. 0 means 1 hour.
	AccessTokenLifetime time.Duration
	// SessionLifetime is how long a sign-in lasts: refresh tokens stop working and no access token
	// outlives it. 0 means 8 hours (Identity Center's default session duration).
	SessionLifetime time.Duration
	// RegistrationLifetime is how long a RegisterClient registration is valid. 0 means 90 days.
	RegistrationLifetime time.Duration
	// RoleCredentialsLifetime is how long GetRoleCredentials' keys are valid. 0 means 1 hour.
	RoleCredentialsLifetime time.Duration
	// RotateRefreshTokens makes each refresh_token grant revoke the token it used and return a new
	// one. Without it the same refresh token is returned and stays valid for the whole session.
	RotateRefreshTokens bool
	// Now is the emulator's clock. Nil means time.Now. Advance moves it forward.
	Now func() time.Time
	// MintCredentials makes GetRoleCredentials' keys; it is called from concurrent requests. Nil means
	// random ASIA-shaped keys, which moto accepts while its signature checks are off.
	MintCredentials func(accountID, roleName string) RoleCredentials
	// Hook runs before every operation with its name (see the Op constants), after the portal's
	// concurrency limit. It may block (to hold requests and observe concurrency) and may return a
	// Fault to answer instead.
	Hook func(ctx context.Context, op string) *Fault
	// PortalConcurrency limits portal requests (ListAccounts, ListAccountRoles, GetRoleCredentials,
	// Logout) in flight at once; those over it get TooManyRequestsException as the real service's
	// throttling does. 0 means no limit.
	PortalConcurrency int
}

// Operation names, as counted by Count and passed to Options.Hook.
const (
	OpRegisterClient           = "RegisterClient"
	OpStartDeviceAuthorization = "StartDeviceAuthorization"
	OpCreateToken              = "CreateToken"
	OpAuthorize                = "Authorize"    // GET /authorize and the approval form's POST
	OpVerifyDevice             = "VerifyDevice" // the verificationUri page and its form
	OpListAccounts             = "ListAccounts"
	OpListAccountRoles         = "ListAccountRoles"
	OpGetRoleCredentials       = "GetRoleCredentials"
	OpLogout                   = "Logout"
)

// Fault is an error answered instead of an operation (from Options.Hook). Type is the exception's
// name (e.g. "TooManyRequestsException"); Status 0 means the status the service model gives it.
type Fault struct {
	Type    string
	Status  int
	Message string
}

// Server is a running emulator of IAM Identity Center's OIDC service and portal on 127.0.0.1. Both
// answer on the same URL: point AWS_ENDPOINT_URL_SSO and AWS_ENDPOINT_URL_SSO_OIDC at it.
type Server struct {
	url      string
	opts     Options
	dir      directory
	srv      *http.Server
	served   chan struct{}
	st       *state
	stats    *stats
	portalIn chan struct{} // one slot per portal request in flight (nil: no limit)
}

// New starts an emulator on a free port of 127.0.0.1. Close stops it.
func New(opts Options) (*Server, error) {
	opts = withDefaults(opts)
	dir, err := newDirectory(opts.Accounts)
	if err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("ssotest: cannot listen on 127.0.0.1: %w", err)
	}
	s := &Server{
		url:    "http://" + l.Addr().String(),
		opts:   opts,
		dir:    dir,
		served: make(chan struct{}),
		st:     newState(opts),
		stats:  newStats(),
	}
	if opts.PortalConcurrency > 0 {
		s.portalIn = make(chan struct{}, opts.PortalConcurrency)
	}
	s.srv = &http.Server{Handler: s.routes(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.served)
		if err := s.srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			panic(fmt.Sprintf("ssotest: serving stopped: %v", err)) // cannot happen on a listener we own
		}
	}()
	return s, nil
}

// Start starts an emulator for one test and stops it when the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func withDefaults(o Options) Options {
	if o.Accounts == nil {
		o.Accounts = DefaultAccounts()
	}
	if o.PageSize <= 0 {
		o.PageSize = 20
	}
	if o.Interval <= 0 {
		o.Interval = 1
	}
	setDefault(&o.DeviceCodeLifetime, 10*time.Minute)
	setDefault(&o.AccessTokenLifetime, time.Hour)
	setDefault(&o.SessionLifetime, 8*time.Hour)
	setDefault(&o.RegistrationLifetime, 90*24*time.Hour)
	setDefault(&o.RoleCredentialsLifetime, time.Hour)
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.MintCredentials == nil {
		o.MintCredentials = randomCredentials
	}
	return o
}

func setDefault(d *time.Duration, def time.Duration) {
	if *d <= 0 {
		*d = def
	}
}

// URL is the emulator's base URL, http://127.0.0.1:PORT, for BaseEndpoint, --endpoint-url and the
// AWS_ENDPOINT_URL_SSO / AWS_ENDPOINT_URL_SSO_OIDC variables.
func (s *Server) URL() string { return s.url }

// Close stops the emulator and waits until it has stopped; requests still running are cut off.
func (s *Server) Close() {
	s.srv.Close()
	<-s.served
}

// Advance moves the emulator's clock forward, so tokens, device codes and registrations expire
// without waiting.
func (s *Server) Advance(d time.Duration) {
	s.st.mu.Lock()
	s.st.offset += d
	s.st.mu.Unlock()
}

// SetAutoApprove switches Options.AutoApprove while the emulator runs.
func (s *Server) SetAutoApprove(on bool) {
	s.st.mu.Lock()
	s.st.autoApprove = on
	s.st.mu.Unlock()
}

// InjectSlowDown makes the next n device-code polls answer slow_down.
func (s *Server) InjectSlowDown(n int) {
	s.st.mu.Lock()
	s.st.slowDown += n
	s.st.mu.Unlock()
}

// Count is the number of requests of operation op so far (see the Op constants).
func (s *Server) Count(op string) int { return s.stats.count(op) }

// Counts is the number of requests per operation so far.
func (s *Server) Counts() map[string]int { return s.stats.counts() }

// MaxInFlight is the largest number of requests of operation op received and not yet answered at
// once (those refused by PortalConcurrency included): how many the client ran concurrently.
func (s *Server) MaxInFlight(op string) int { return s.stats.maxInFlight(op) }

// stats counts requests per operation and how many ran at once.
type stats struct {
	mu       sync.Mutex
	total    map[string]int
	inFlight map[string]int
	peak     map[string]int
}

func newStats() *stats {
	return &stats{total: map[string]int{}, inFlight: map[string]int{}, peak: map[string]int{}}
}

func (st *stats) begin(op string) {
	st.mu.Lock()
	st.total[op]++
	st.inFlight[op]++
	st.peak[op] = max(st.peak[op], st.inFlight[op])
	st.mu.Unlock()
}

func (st *stats) end(op string) {
	st.mu.Lock()
	st.inFlight[op]--
	st.mu.Unlock()
}

func (st *stats) count(op string) int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.total[op]
}

func (st *stats) maxInFlight(op string) int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.peak[op]
}

func (st *stats) counts() map[string]int {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make(map[string]int, len(st.total))
	for k, v := range st.total {
		out[k] = v
	}
	return out
}
