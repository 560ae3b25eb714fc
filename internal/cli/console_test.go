package cli

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// federationStandIn answers getSigninToken on loopback and records the queries it got.
func federationStandIn(t *testing.T) (*httptest.Server, func() []url.Values) {
	var mu sync.Mutex
	var got []url.Values
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.URL.Query())
		mu.Unlock()
		w.Write([]byte(`{"SigninToken":"SIGNIN-TOKEN"}`))
	}))
	t.Cleanup(srv.Close)
	return srv, func() []url.Values { mu.Lock(); defer mu.Unlock(); return append([]url.Values(nil), got...) }
}

// `console --print` prints the login URL; a role assumed straight from user keys asks for a 12-hour
// console session, a chained one for none; the region flag picks the console's region.
func TestConsolePrintsTheSigninURL(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	fed, queries := federationStandIn(t)
	f.env[envFederationEndpoint] = fed.URL + "/federation"

	out, _ := f.mustRun("console", "plain", "--print", "--region", "eu-central-1", "--destination", "ec2/home")
	u, err := url.Parse(strings.TrimSpace(out))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Path != "/federation" || q.Get("Action") != "login" || q.Get("SigninToken") != "SIGNIN-TOKEN" ||
		q.Get("Destination") != "https://eu-central-1.console.aws.amazon.com/ec2/home?region=eu-central-1" {
		t.Errorf("printed %s", out)
	}
	first := queries()[0]
	if first.Get("Action") != "getSigninToken" || first.Get("SessionDuration") != "43200" || !strings.Contains(first.Get("Session"), `"sessionId":"ASIA`) {
		t.Errorf("the federation endpoint got %v", first)
	}

	f.mustRun("console", "dev", "--print", "--mfa-code", "123456")
	if chained := queries()[1]; chained.Has("SessionDuration") {
		t.Errorf("a chained session asked for SessionDuration %s", chained.Get("SessionDuration"))
	}
}

// Without --print the URL goes to the browser ($BROWSER here) and not to the terminal.
func TestConsoleOpensTheBrowser(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	fed, _ := federationStandIn(t)
	f.env[envFederationEndpoint] = fed.URL + "/federation"
	// The stand-in browser writes the URL it was given into a named pipe; reading the pipe waits for it.
	opened := filepath.Join(f.home, "opened")
	if err := syscall.Mkfifo(opened, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(opened)
		got <- string(b)
	}()
	browser := filepath.Join(f.home, "browser.sh")
	if err := os.WriteFile(browser, []byte("#!/bin/sh\nprintf '%s' \"$1\" > "+opened+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	f.env["BROWSER"] = browser
	out, errOut := f.mustRun("console", "plain")
	select {
	case url := <-got:
		if !strings.Contains(url, "SigninToken=SIGNIN-TOKEN") {
			t.Errorf("the browser got %q", url)
		}
	case <-time.After(time.Minute):
		t.Fatal("the browser was never started")
	}
	if strings.Contains(out+errOut, "SIGNIN-TOKEN") || !strings.Contains(errOut, "Opened the console as") {
		t.Errorf("stdout %q, stderr %q", out, errOut)
	}
}

// A profile of plain user keys cannot open the console, and says why.
func TestConsoleRefusesUserKeys(t *testing.T) {
	t.Parallel()
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	code, out, errOut := f.run("", "console", "base", "--print")
	if code != ExitFail || out != "" || !strings.Contains(errOut, "holds an IAM user's access keys") || !strings.Contains(errOut, "GetFederationToken") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
