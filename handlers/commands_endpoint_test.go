package handlers_test

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/internal/wire"
)

// endpointAnswer is what a program holding the terminal's two variables gets from the endpoint.
type endpointAnswer struct {
	status                           int
	code                             string
	AccessKeyID, SecretAccessKey, Tk string
}

func askEndpoint(t *testing.T, ep wire.Endpoint) endpointAnswer {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, ep.URI, nil)
	req.Header.Set("Authorization", ep.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("the endpoint does not answer: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var out struct {
		AccessKeyID     string `json:"AccessKeyId"`
		SecretAccessKey string
		Token           string
		Code            string `json:"code"`
	}
	_ = json.Unmarshal(body, &out)
	return endpointAnswer{status: resp.StatusCode, code: out.Code, AccessKeyID: out.AccessKeyID, SecretAccessKey: out.SecretAccessKey, Tk: out.Token}
}

// A terminal given the endpoint once follows the editor: it gets the active session's credentials,
// the renewed ones after a refresh, the other role's after a switch, and a clear refusal after Forget.
// The endpoint is one per server, on loopback, and stops with the server.
func TestTerminalEndpointFollowsTheActiveSession(t *testing.T) {
	t.Parallel()
	f := newSessionFixture(t, sessionConfig, sessionCredentials, true, nil)
	var ep wire.Endpoint
	if err := f.c.ExecuteCommand(wire.CommandEndpoint, map[string]any{}, &ep); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(ep.URI)
	if err != nil || u.Hostname() != "127.0.0.1" || u.Path != "/credentials" || len(ep.Token) < 43 {
		t.Fatalf("endpoint %s with a %d-character token: want http://127.0.0.1:PORT/credentials and a 256-bit token", ep.URI, len(ep.Token))
	}
	if got := askEndpoint(t, ep); got.status != http.StatusGone || got.code != "SessionGone" {
		t.Errorf("before any assume: %d %s, want 410 SessionGone", got.status, got.code)
	}

	credentialsOf := func(profile string) wire.Credentials {
		var c wire.Credentials
		if err := f.c.ExecuteCommand(wire.CommandCredentials, profileArg(profile, ""), &c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	expect := func(when, profile string) {
		t.Helper()
		want := credentialsOf(profile)
		got := askEndpoint(t, ep)
		if got.status != http.StatusOK || got.AccessKeyID != want.AccessKeyID || got.SecretAccessKey != want.SecretAccessKey || got.Tk != want.SessionToken {
			t.Errorf("%s: the endpoint answered %d with key %s, want %s's key %s", when, got.status, got.AccessKeyID, profile, want.AccessKeyID)
		}
	}
	f.assume("dev", "")
	expect("after assuming dev", "dev")
	before := credentialsOf("dev").AccessKeyID
	if err := f.c.ExecuteCommand(wire.CommandRefresh, map[string]any{}, nil); err != nil {
		t.Fatal(err)
	}
	if credentialsOf("dev").AccessKeyID == before {
		t.Fatal("the refresh gave the same key; the test cannot tell old from new")
	}
	expect("after a refresh", "dev")
	f.assume("read", "")
	expect("after switching to read", "read")

	var again wire.Endpoint
	if err := f.c.ExecuteCommand(wire.CommandEndpoint, nil, &again); err != nil || again != ep {
		t.Errorf("a second rolecall-ls.endpoint gave another endpoint (%v): terminals opened earlier would be left behind", err)
	}

	if err := f.c.ExecuteCommand(wire.CommandForget, map[string]any{}, nil); err != nil {
		t.Fatal(err)
	}
	if got := askEndpoint(t, ep); got.status != http.StatusGone || got.code != "SessionGone" {
		t.Errorf("after Forget: %d %s, want 410 SessionGone", got.status, got.code)
	}

	if code := f.c.Shutdown(); code != 0 {
		t.Errorf("exit status %d", code)
	}
	if conn, err := net.Dial("tcp", u.Host); err == nil {
		conn.Close()
		t.Error("the endpoint still listens after shutdown")
	}
	if strings.Contains(f.log.String(), ep.Token) {
		t.Error("the server's log carries the endpoint's token")
	}
}
