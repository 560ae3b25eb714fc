package handlers_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/internal/wire"
)

// federationStandIn answers getSigninToken as the AWS federation endpoint does and records the requests.
type federationStandIn struct {
	*httptest.Server
	mu    sync.Mutex
	asked []url.Values
}

func newFederationStandIn(t *testing.T) *federationStandIn {
	f := &federationStandIn{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.asked = append(f.asked, r.URL.Query())
		f.mu.Unlock()
		_, _ = w.Write([]byte(`{"SigninToken":"EXAMPLE-SIGNIN-TOKEN"}`))
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *federationStandIn) first() url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.asked[0]
}

// "Open Console" in the editor: the active session's credentials go to the federation endpoint, the
// reply is a login URL for the session's region (the chosen one after the region picker), and a
// session of an IAM user's own keys is refused with the reason why.
func TestConsoleAndRegionOfTheActiveSession(t *testing.T) {
	t.Parallel()
	fed := newFederationStandIn(t)
	f := newSessionFixtureEnv(t, sessionConfig, sessionCredentials, true, nil,
		map[string]string{"ROLECALL_FEDERATION_ENDPOINT": fed.URL + "/federation"})
	f.assume("dev", "")

	var signin wire.ConsoleURL
	if err := f.c.ExecuteCommand(wire.CommandConsole, map[string]any{}, &signin); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(signin.URL)
	if err != nil || !strings.HasPrefix(signin.URL, fed.URL+"/federation?") || u.Query().Get("Action") != "login" ||
		u.Query().Get("SigninToken") != "EXAMPLE-SIGNIN-TOKEN" || signin.Profile != "dev" {
		t.Fatalf("console URL %q for %q", signin.URL, signin.Profile)
	}
	if dest := u.Query().Get("Destination"); dest != "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1" {
		t.Errorf("destination %q, want the console home of the session's region", dest)
	}
	var creds wire.Credentials
	if err := f.c.ExecuteCommand(wire.CommandCredentials, nil, &creds); err != nil {
		t.Fatal(err)
	}
	asked := fed.first()
	var session map[string]string
	_ = json.Unmarshal([]byte(asked.Get("Session")), &session)
	if asked.Get("Action") != "getSigninToken" || session["sessionId"] != creds.AccessKeyID || asked.Get("SessionDuration") != "43200" {
		t.Errorf("the federation endpoint was asked %v", asked)
	}

	// The region picker: the session works in ap-southeast-2 from now on, and so does the console.
	var st wire.SessionStatus
	if err := f.c.ExecuteCommand(wire.CommandRegion, map[string]any{"region": "ap-southeast-2"}, &st); err != nil || st.Region != "ap-southeast-2" {
		t.Fatalf("region: %+v, %v", st, err)
	}
	if err := f.c.ExecuteCommand(wire.CommandCredentials, nil, &creds); err != nil || creds.Region != "ap-southeast-2" {
		t.Errorf("the terminals' region after the choice: %q (%v)", creds.Region, err)
	}
	// A rolecall/status tells the editor (its status bar, details view and terminals) of the new region.
	f.c.AwaitNotification(wire.StatusNotification, func(p json.RawMessage) bool {
		return strings.Contains(string(p), `"region":"ap-southeast-2"`)
	})
	if err := f.c.ExecuteCommand(wire.CommandConsole, map[string]any{"destination": "s3/home"}, &signin); err != nil {
		t.Fatal(err)
	}
	u, _ = url.Parse(signin.URL)
	if dest := u.Query().Get("Destination"); dest != "https://ap-southeast-2.console.aws.amazon.com/s3/home?region=ap-southeast-2" {
		t.Errorf("destination %q after choosing ap-southeast-2", dest)
	}
	err = f.c.ExecuteCommand(wire.CommandRegion, map[string]any{"region": "eu-west-1\nAWS_PROFILE=x"}, nil)
	if err == nil || !strings.Contains(err.Error(), "not a region name") {
		t.Errorf("a malformed region: %v", err)
	}

	// base assumes no role: an MFA session of the user's keys cannot open the console.
	f.assume("base", "123456")
	data := commandFailure(t, f.c.ExecuteCommand(wire.CommandConsole, nil, nil), "not-federatable")
	if !strings.Contains(data["message"].(string), "role_arn") || data["profile"] != "base" {
		t.Errorf("refusal %v", data)
	}
	commandFailure(t, f.c.ExecuteCommand(wire.CommandConsole, map[string]any{"profile": "read"}, nil), assume.ReasonNoSession)
	if strings.Contains(f.log.String(), "EXAMPLE-SIGNIN-TOKEN") {
		t.Error("the server's log carries the sign-in token")
	}
}

// With rolecall.mfa.yubikeyAccount set, an MFA role is assumed without a code: ykman (a stand-in
// here, as no YubiKey exists) gives it.
func TestYubiKeySettingAnswersMFA(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ykman := filepath.Join(dir, "ykman")
	if err := os.WriteFile(ykman, []byte("#!/bin/sh\n[ \"$5\" = aws-jo ] && echo 135790\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	f := newSessionFixture(t, sessionConfig, sessionCredentials, true,
		map[string]any{"mfa": map[string]any{"yubikeyAccount": "aws-jo", "ykmanPath": ykman}})
	f.assume("admin", "")
	if calls := f.proxy.Calls("GetSessionToken"); len(calls) != 1 || calls[0].Params.Get("TokenCode") != "135790" {
		t.Errorf("GetSessionToken calls %+v, want the YubiKey's code", calls)
	}
}
