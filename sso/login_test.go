package sso

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/rolecall/rolecall/internal/ssotest"
)

// A user on a remote machine signs in with a device code: Rolecall shows the page and the code, the
// user approves, and the token lands in the AWS CLI's cache, private to the user. A second sign-in
// reuses the client registration.
func TestDeviceCodeSignIn(t *testing.T) {
	t.Parallel()
	f := newFixture(t, ssotest.Options{}, Options{})
	var events []Event
	st, err := f.c.Login(context.Background(), f.s, LoginOptions{UseDeviceCode: true, Events: func(e Event) {
		events = append(events, e)
		f.approveDevice(e)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 3 || events[0].Kind != EventOpen || events[1].Kind != EventWaiting || events[2].Kind != EventSignedIn {
		t.Fatalf("events %+v, want open, waiting, signed-in", events)
	}
	open := events[0]
	if open.UserCode == "" || !strings.HasPrefix(open.URL, f.idc.URL()+"/device?user_code=") ||
		open.VerificationURI != f.idc.URL()+"/device" || !strings.Contains(open.Message, open.UserCode) {
		t.Errorf("open event %+v", open)
	}
	tok := f.cached()
	if tok.StartURL != testStartURL || tok.Region != "eu-west-1" || tok.RefreshToken == "" || tok.ClientSecret == "" ||
		!tok.ExpiresAt.After(time.Now().Add(50*time.Minute)) || !tok.RegistrationExpiresAt.After(time.Now().Add(80*24*time.Hour)) {
		t.Errorf("cached %v", tok)
	}
	if fi, err := os.Stat(f.tokenPath()); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("token file mode %v, %v; want 0600", fi.Mode(), err)
	}
	if !st.SignedIn || !st.Refreshable || !st.Expires.Equal(tok.ExpiresAt) {
		t.Errorf("status %+v", st)
	}
	if _, err := f.c.Login(context.Background(), f.s, LoginOptions{UseDeviceCode: true, Events: f.approveDevice}); err != nil {
		t.Fatal(err)
	}
	if n := f.idc.Count(ssotest.OpRegisterClient); n != 1 {
		t.Errorf("RegisterClient called %d times for two sign-ins, want 1 (the registration is cached)", n)
	}
}

// Polling waits the advertised interval, adds 5 seconds for each slow_down and keeps the longer
// interval afterwards (RFC 8628 section 3.5).
func TestDevicePollingHonoursIntervalAndSlowDown(t *testing.T) {
	t.Parallel()
	f := newFixture(t, ssotest.Options{Interval: 2, SlowDown: 2}, Options{})
	var code string
	f.sleeps.onWait = func(n int, _ time.Duration) error {
		if n == 3 {
			return f.idc.ApproveUserCode(code) // the user approves during the third wait
		}
		return nil
	}
	_, err := f.c.Login(context.Background(), f.s, LoginOptions{UseDeviceCode: true, Events: func(e Event) {
		if e.Kind == EventOpen {
			code = e.UserCode
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{7 * time.Second, 12 * time.Second, 12 * time.Second}
	if got := f.sleeps.recorded(); !equalDurations(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
	if n := f.idc.Count(ssotest.OpCreateToken); n != 4 {
		t.Errorf("%d polls, want 4", n)
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// On this machine the default is the authorization code flow: the browser goes to /authorize with a
// PKCE challenge and comes back to Rolecall's loopback listener; the code is redeemed with the
// verifier (the emulator checks S256). The registration is the CLI's: authorization_code and
// refresh_token grants, the redirect without a port, the start URL as issuer.
func TestAuthorizationCodeSignIn(t *testing.T) {
	t.Parallel()
	f := newFixture(t, ssotest.Options{AutoApprove: true}, Options{})
	var opened string
	st, err := f.c.Login(context.Background(), f.s, LoginOptions{Events: func(e Event) {
		if e.Kind == EventOpen {
			opened = e.URL
			if e.Flow != FlowAuthCode || e.UserCode != "" {
				t.Errorf("open event %+v", e)
			}
		}
		f.browse(e)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(opened, f.idc.URL()+"/authorize?") || !strings.Contains(opened, "code_challenge_method=S256") ||
		!strings.Contains(opened, "redirect_uri=http%3A%2F%2F127.0.0.1%3A") {
		t.Errorf("opened %s", opened)
	}
	if !st.SignedIn || f.cached().RefreshToken == "" {
		t.Errorf("status %+v", st)
	}
	raw, err := os.ReadFile(f.c.registrationFile(f.s))
	if err != nil {
		t.Fatal(err)
	}
	var reg map[string]any
	json.Unmarshal(raw, &reg)
	if gt, _ := json.Marshal(reg["grantTypes"]); string(gt) != `["authorization_code","refresh_token"]` || reg["clientSecret"] == "" {
		t.Errorf("registration cached as %s", gt)
	}
	if _, err := f.c.Login(context.Background(), f.s, LoginOptions{UseDeviceCode: true}); err != nil { // auto-approved
		t.Fatal(err)
	}
	if n := f.idc.Count(ssotest.OpRegisterClient); n != 2 {
		t.Errorf("RegisterClient called %d times, want 2: a device sign-in cannot use an authorization code registration", n)
	}
}

// The user declines, in either flow: the error says so and what to do, and nothing is written.
func TestSignInDeclined(t *testing.T) {
	t.Parallel()
	f := newFixture(t, ssotest.Options{}, Options{})
	_, err := f.c.Login(context.Background(), f.s, LoginOptions{UseDeviceCode: true, Events: func(e Event) {
		if e.Kind == EventOpen {
			f.idc.DenyUserCode(e.UserCode)
		}
	}})
	mustReason(t, err, ReasonDeclined)
	mustSay(t, err, "denied", "rolecall sso login --sso-session corp")

	_, err = f.c.Login(context.Background(), f.s, LoginOptions{Events: func(e Event) {
		if e.Kind == EventOpen {
			denyInBrowser(t, f.idc.URL(), e.URL)
		}
	}})
	mustReason(t, err, ReasonDeclined)
	f.mustNotExist(f.tokenPath())
}

// denyInBrowser opens the authorize page and presses Deny.
func denyInBrowser(t *testing.T, base, authorize string) {
	resp, err := http.Get(authorize)
	if err != nil {
		t.Error(err)
		return
	}
	var page strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		page.WriteString(string(buf[:n]))
		if err != nil {
			break
		}
	}
	resp.Body.Close()
	_, rest, _ := strings.Cut(page.String(), `name="request" value="`)
	id, _, _ := strings.Cut(rest, `"`)
	resp, err = http.PostForm(base+"/authorize", map[string][]string{"request": {id}, "decision": {"deny"}})
	if err != nil {
		t.Error(err)
		return
	}
	resp.Body.Close()
}

// Nobody approves: the device code lapses (on the service's clock and Rolecall's alike) and the
// error says to sign in again; nothing is written.
func TestSignInNotApprovedInTime(t *testing.T) {
	t.Parallel()
	clock := newClock()
	f := newFixture(t, ssotest.Options{Now: clock.Now, DeviceCodeLifetime: 10 * time.Second}, Options{Now: clock.Now})
	f.sleeps.onWait = func(_ int, d time.Duration) error { clock.Advance(d); return nil }
	_, err := f.c.Login(context.Background(), f.s, LoginOptions{UseDeviceCode: true})
	mustReason(t, err, ReasonTimedOut)
	mustSay(t, err, "not approved in time", "rolecall sso login --sso-session corp")
	if n := len(f.sleeps.recorded()); n < 5 || n > 10 {
		t.Errorf("%d waits of 1 s for a 10 s code", n)
	}
	f.mustNotExist(f.tokenPath())
}

// Cancelling (Ctrl-C, or the editor's cancel) stops the polling at once; nothing is written.
func TestSignInCancelled(t *testing.T) {
	t.Parallel()
	f := newFixture(t, ssotest.Options{}, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	f.sleeps.onWait = func(int, time.Duration) error { cancel(); return nil }
	_, err := f.c.Login(ctx, f.s, LoginOptions{UseDeviceCode: true})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	f.mustNotExist(f.tokenPath())

	ctx, cancel = context.WithCancel(context.Background())
	_, err = f.c.Login(ctx, f.s, LoginOptions{Events: func(e Event) {
		if e.Kind == EventWaiting {
			cancel() // the browser never comes back
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("authorization code flow: got %v, want context.Canceled", err)
	}
	f.mustNotExist(f.tokenPath())
}

// A registration that the service has expired (its clock ran past the 90 days while the cache still
// thought it good) is replaced transparently and the sign-in goes on.
func TestExpiredRegistrationIsReplaced(t *testing.T) {
	t.Parallel()
	f := newFixture(t, ssotest.Options{}, Options{})
	if _, err := f.c.Login(context.Background(), f.s, LoginOptions{UseDeviceCode: true, Events: f.approveDevice}); err != nil {
		t.Fatal(err)
	}
	f.idc.Advance(91 * 24 * time.Hour)
	if _, err := f.c.Login(context.Background(), f.s, LoginOptions{UseDeviceCode: true, Events: f.approveDevice}); err != nil {
		t.Fatalf("sign-in with an expired registration: %v", err)
	}
	if n := f.idc.Count(ssotest.OpRegisterClient); n != 2 {
		t.Errorf("RegisterClient called %d times, want 2", n)
	}
}

// A start URL Identity Center does not know: one sentence naming the setting to check.
func TestWrongStartURL(t *testing.T) {
	t.Parallel()
	f := newFixture(t, ssotest.Options{Hook: func(_ context.Context, op string) *ssotest.Fault {
		if op == ssotest.OpStartDeviceAuthorization || op == ssotest.OpRegisterClient {
			return &ssotest.Fault{Type: "InvalidRequestException", Message: "Invalid start url"}
		}
		return nil
	}}, Options{})
	for _, device := range []bool{true, false} {
		_, err := f.c.Login(context.Background(), f.s, LoginOptions{UseDeviceCode: device})
		mustReason(t, err, ReasonStartURL)
		mustSay(t, err, testStartURL, "sso_start_url", "[sso-session corp]")
	}
	bad := f.s
	bad.StartURL = "d-1234567890.awsapps.com/start"
	_, err := f.c.Login(context.Background(), bad, LoginOptions{})
	mustReason(t, err, ReasonStartURL)
	f.mustNotExist(f.tokenPath())
}

// testClock is a clock the test moves.
type testClock struct {
	mu  chan struct{}
	now time.Time
}

func newClock() *testClock {
	c := &testClock{mu: make(chan struct{}, 1), now: time.Now()}
	return c
}

func (c *testClock) Now() time.Time {
	c.mu <- struct{}{}
	defer func() { <-c.mu }()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu <- struct{}{}
	c.now = c.now.Add(d)
	<-c.mu
}
