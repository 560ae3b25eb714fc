package handlers_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/handlers"
	"github.com/rolecall/rolecall/internal/lsptest"
	"github.com/rolecall/rolecall/internal/ststest"
	"github.com/rolecall/rolecall/internal/syncbuf"
	"github.com/rolecall/rolecall/internal/wire"
	"github.com/rolecall/rolecall/server"
)

// AWS's documented example keys: safe to write down, and searched for where no secret may appear.
const (
	exampleKeyID  = "AKIAIOSFODNN7EXAMPLE"
	exampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	mfaSerial     = "arn:aws:iam::111122223333:mfa/jo"
	adminRole     = "arn:aws:iam::111122223333:role/Admin"
	readRole      = "arn:aws:iam::444455556666:role/Read"
)

const sessionCredentials = "# long-term keys\n[base]\naws_access_key_id = " + exampleKeyID + "\naws_secret_access_key = " + exampleSecret + "\n"

// sessionConfig: dev is assumed from base without MFA, admin with MFA, read across accounts.
const sessionConfig = "[profile base]\nregion = eu-west-1\nmfa_serial = " + mfaSerial + "\n\n" +
	"[profile dev]\nrole_arn = " + adminRole + "\nsource_profile = base\nrole_session_name = jo-dev\nregion = eu-west-1\n\n" +
	"[profile admin]\nrole_arn = " + adminRole + "\nsource_profile = base\nmfa_serial = " + mfaSerial + "\nduration_seconds = 1800\n\n" +
	"[profile read]\nrole_arn = " + readRole + "\nsource_profile = dev\nexternal_id = ext-EXAMPLE\n"

// sessionFixture is the real server (handlers.Register) driven by lsptest, with its files in a
// temporary home and STS (moto behind a recording proxy) configured through AWS_ENDPOINT_URL_STS.
type sessionFixture struct {
	t     *testing.T
	c     *lsptest.Client
	moto  *ststest.Moto
	proxy *ststest.Proxy
	home  string
	log   *syncbuf.Buffer
}

// newSessionFixture starts the server; withSTS starts moto too; initOptions are the client's settings.
func newSessionFixture(t *testing.T, config, credentials string, withSTS bool, initOptions any) *sessionFixture {
	t.Helper()
	return newSessionFixtureEnv(t, config, credentials, withSTS, initOptions, nil)
}

// newSessionFixtureEnv is newSessionFixture with more variables in the server's environment.
func newSessionFixtureEnv(t *testing.T, config, credentials string, withSTS bool, initOptions any, extra map[string]string) *sessionFixture {
	t.Helper()
	f := &sessionFixture{t: t, home: t.TempDir(), log: &syncbuf.Buffer{}}
	env := map[string]string{"AWS_EC2_METADATA_DISABLED": "true"}
	maps.Copy(env, extra)
	if withSTS {
		f.moto = ststest.StartMoto(t)
		f.proxy = ststest.NewProxy(t, f.moto.URL)
		env["AWS_ENDPOINT_URL_STS"] = f.proxy.URL
	}
	if err := os.MkdirAll(filepath.Join(f.home, ".aws"), 0o700); err != nil {
		t.Fatal(err)
	}
	f.write("config", config)
	f.write("credentials", credentials)
	logger := slog.New(slog.NewTextHandler(f.log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	f.c = lsptest.Start(t, func(rwc io.ReadWriteCloser) int {
		srv := server.New(rwc, server.Options{Name: "rolecall", Logger: logger})
		h := handlers.Register(srv, handlers.Options{Home: f.home,
			Env:    func(name string) (string, bool) { v, ok := env[name]; return v, ok },
			Assume: assume.Options{UserName: "tester"}})
		code := srv.Run(context.Background())
		h.Close()
		return code
	})
	f.c.Initialize(initOptions)
	return f
}

func (f *sessionFixture) path(name string) string { return filepath.Join(f.home, ".aws", name) }

func (f *sessionFixture) write(name, text string) {
	f.t.Helper()
	if err := os.WriteFile(f.path(name), []byte(text), 0o600); err != nil {
		f.t.Fatal(err)
	}
}

// status runs rolecall-ls.status.
func (f *sessionFixture) status() wire.Status {
	f.t.Helper()
	var st wire.Status
	if err := f.c.ExecuteCommand(wire.CommandStatus, map[string]any{}, &st); err != nil {
		f.t.Fatalf("status: %v", err)
	}
	return st
}

// assume runs rolecall-ls.assume and fails the test on an error.
func (f *sessionFixture) assume(profile, code string) wire.SessionStatus {
	f.t.Helper()
	var st wire.SessionStatus
	if err := f.c.ExecuteCommand(wire.CommandAssume, profileArg(profile, code), &st); err != nil {
		f.t.Fatalf("assume %s: %v", profile, err)
	}
	return st
}

func profileArg(profile, code string) map[string]any {
	arg := map[string]any{}
	if profile != "" {
		arg["profile"] = profile
	}
	if code != "" {
		arg["mfaCode"] = code
	}
	return arg
}

// commandFailure checks that err is the documented error reply (-32803 with data.reason) and
// returns its data.
func commandFailure(t *testing.T, err error, reason string) map[string]any {
	t.Helper()
	var re *lsptest.ResponseError
	if !errors.As(err, &re) {
		t.Fatalf("error = %v, want an error reply with reason %s", err, reason)
	}
	var data map[string]any
	if err := json.Unmarshal(re.Data, &data); err != nil || re.Code != -32803 || data["reason"] != reason {
		t.Fatalf("error reply %d %q with data %s, want -32803 with reason %s", re.Code, re.Message, re.Data, reason)
	}
	data["message"] = re.Message
	return data
}

// invalidArgument checks that err is the InvalidParams reply (-32602) to a bad argument of command,
// saying what was expected.
func invalidArgument(t *testing.T, err error, command, want string) {
	t.Helper()
	var re *lsptest.ResponseError
	if !errors.As(err, &re) || re.Code != -32602 || !strings.HasPrefix(re.Message, command+" ") || !strings.Contains(re.Message, want) {
		t.Fatalf("error = %v, want InvalidParams from %s mentioning %s", err, command, want)
	}
}

// awaitStatus waits for a rolecall/status notification after mark that satisfies pred.
func (f *sessionFixture) awaitStatus(mark int, pred func(wire.Status) bool) wire.Status {
	f.t.Helper()
	var got wire.Status
	f.c.AwaitNotificationSince(mark, wire.StatusNotification, func(params json.RawMessage) bool {
		var st wire.Status
		if json.Unmarshal(params, &st) != nil {
			return false
		}
		got = st
		return pred(st)
	})
	return got
}

// Settings from initializationOptions reach the store (expiry warning, auto-refresh), and
// workspace/didChangeConfiguration changes them, with a status notification.
func TestSessionSettings(t *testing.T) {
	t.Parallel()
	f := newSessionFixture(t, sessionConfig, sessionCredentials, true,
		map[string]any{"expiryWarningMinutes": 20, "autoRefresh": true, "cliCache": "not a boolean"})
	st := f.assume("dev", "")
	if warn := st.Expiration.Sub(st.ExpiringAt.Time).Minutes(); warn != 20 || st.RefreshAt == nil || !st.AutoRefresh {
		t.Errorf("expiringAt is %v minutes before expiry (want 20), refreshAt %v, autoRefresh %v", warn, st.RefreshAt, st.AutoRefresh)
	}
	if _, err := os.Stat(filepath.Join(f.home, ".aws", "cli", "cache")); err != nil {
		t.Errorf("a cliCache setting of the wrong type must keep the default (on), yet no cache was written: %v", err)
	}
	mark := f.c.Mark()
	if err := f.c.Notify("workspace/didChangeConfiguration", map[string]any{
		"settings": map[string]any{"rolecall": map[string]any{"autoRefresh": false, "expiryWarningMinutes": 5}}}); err != nil {
		t.Fatal(err)
	}
	got := f.awaitStatus(mark, func(s wire.Status) bool { return len(s.Sessions) == 1 && !s.Sessions[0].AutoRefresh })
	s := got.Sessions[0]
	if s.RefreshAt != nil || s.Expiration.Sub(s.ExpiringAt.Time).Minutes() != 5 {
		t.Errorf("after the change: refreshAt %v, expiringAt %v before expiry", s.RefreshAt, s.Expiration.Sub(s.ExpiringAt.Time))
	}
	if !strings.Contains(f.log.String(), "cliCache") {
		t.Errorf("the setting of the wrong type was not logged:\n%s", f.log.String())
	}
}
