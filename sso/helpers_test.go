package sso

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rolecall/rolecall/internal/ssotest"
)

const testStartURL = "https://d-1234567890.awsapps.com/start"

// fixture is an emulated Identity Center, a Client with its own cache directory and a session
// pointed at the emulator, as a user's config with AWS_ENDPOINT_URL_SSO(_OIDC) would make it.
type fixture struct {
	t      *testing.T
	idc    *ssotest.Server
	c      *Client
	s      Session
	dir    string
	sleeps *sleepRecorder
}

func newFixture(t *testing.T, emu ssotest.Options, opts Options) *fixture {
	t.Helper()
	idc := ssotest.Start(t, emu)
	f := &fixture{t: t, idc: idc, dir: t.TempDir(), sleeps: &sleepRecorder{}}
	if opts.CacheDir == "" {
		opts.CacheDir = f.dir
	}
	if opts.Sleep == nil {
		opts.Sleep = f.sleeps.sleep
	}
	opts.MaxBackoff = time.Millisecond
	f.c = New(opts)
	f.s = Session{Name: "corp", StartURL: testStartURL, Region: "eu-west-1", Scopes: []string{"sso:account:access"},
		OIDCEndpoint: idc.URL(), PortalEndpoint: idc.URL()}
	return f
}

// sleepRecorder replaces the wait between polls: it records each wait and runs the test's step for
// it instead of sleeping, so polling is tested without waiting for real.
type sleepRecorder struct {
	mu     sync.Mutex
	waits  []time.Duration
	onWait func(n int, d time.Duration) error // n counts from 1
}

func (r *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	r.mu.Lock()
	r.waits = append(r.waits, d)
	n, step := len(r.waits), r.onWait
	r.mu.Unlock()
	if step != nil {
		if err := step(n, d); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func (r *sleepRecorder) recorded() []time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Duration(nil), r.waits...)
}

// approveDevice is a user who reads the code and approves it at once.
func (f *fixture) approveDevice(e Event) {
	if e.Kind == EventOpen && e.UserCode != "" {
		if err := f.idc.ApproveUserCode(e.UserCode); err != nil {
			f.t.Error(err)
		}
	}
}

// browse is a browser on this machine opening the authorize page: the emulator (auto-approving)
// redirects it to Rolecall's loopback listener.
func (f *fixture) browse(e Event) {
	if e.Kind != EventOpen || e.UserCode != "" {
		return
	}
	resp, err := http.Get(e.URL)
	if err != nil {
		f.t.Errorf("the browser could not follow the sign-in: %v", err)
		return
	}
	resp.Body.Close()
}

func (f *fixture) tokenPath() string { return tokenFile(f.dir, f.s) }

// cached reads the session's token file as the AWS CLI would.
func (f *fixture) cached() token {
	f.t.Helper()
	t, ok, err := readToken(f.tokenPath())
	if err != nil || !ok {
		f.t.Fatalf("no token cached at %s: %v", f.tokenPath(), err)
	}
	return t
}

func (f *fixture) mustNotExist(path string) {
	f.t.Helper()
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		f.t.Errorf("%s exists (%v), want nothing written", filepath.Base(path), err)
	}
}

func mustReason(t *testing.T, err error, want string) {
	t.Helper()
	if got := ReasonOf(err); got != want {
		t.Fatalf("error %v has reason %q, want %q", err, got, want)
	}
}

func mustSay(t *testing.T, err error, words ...string) {
	t.Helper()
	for _, w := range words {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("error %v does not say %q", err, w)
		}
	}
}
