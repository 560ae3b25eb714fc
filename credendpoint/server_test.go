package credendpoint

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// AWS's documented example keys: safe to write down, and searched for where no secret may appear.
const (
	exampleKeyID  = "ASIAIOSFODNN7EXAMPLE"
	exampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	exampleToken  = "IQoJb3JpZ2luX2VjEXAMPLETOKEN"
)

var exampleExpiry = time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)

func fixedSource(c Credentials) Source {
	return SourceFunc(func(context.Context) (Credentials, error) { return c, nil })
}

func exampleCredentials() Credentials {
	return Credentials{AccessKeyID: exampleKeyID, SecretAccessKey: exampleSecret, SessionToken: exampleToken,
		Expiration: exampleExpiry, AccountID: "111122223333"}
}

// lockedBuffer collects log output from the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func startServer(t testing.TB, src Source) (*Server, *lockedBuffer) {
	t.Helper()
	logs := &lockedBuffer{}
	s, err := Start(src, Options{Log: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, logs
}

// answer is one response: status, decoded body, headers.
type answer struct {
	status int
	body   map[string]string
	header http.Header
	raw    string
}

// get asks the server as an SDK would, with optional changes to the request.
func get(t testing.TB, s *Server, token string, change ...func(*http.Request)) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	for _, c := range change {
		c(req)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, header: resp.Header, raw: string(raw), body: map[string]string{}}
	if err := json.Unmarshal(raw, &a.body); err != nil {
		t.Fatalf("the answer is not a JSON object of strings: %q", raw)
	}
	return a
}

// The answer has exactly the fields both SDKs read, Expiration in RFC 3339, and is never cached.
func TestServesCredentialsInTheShapeTheSDKsRead(t *testing.T) {
	t.Parallel()
	s, _ := startServer(t, fixedSource(exampleCredentials()))
	a := get(t, s, s.Token())
	want := map[string]string{"AccessKeyId": exampleKeyID, "SecretAccessKey": exampleSecret, "Token": exampleToken,
		"Expiration": "2031-05-06T07:08:09Z", "AccountId": "111122223333"}
	if a.status != http.StatusOK || len(a.body) != len(want) {
		t.Fatalf("answer %d %s", a.status, a.raw)
	}
	for k, v := range want {
		if a.body[k] != v {
			t.Errorf("%s = %q, want %q", k, a.body[k], v)
		}
	}
	if a.header.Get("Content-Type") != "application/json" || a.header.Get("Cache-Control") != "no-store" {
		t.Errorf("headers %v", a.header)
	}
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") || !strings.HasSuffix(s.URL(), Path) {
		t.Errorf("URL %q", s.URL())
	}
}

// Without the token: 401; with a wrong one (or the token of another server): 403. Both say what to do.
func TestRefusesAMissingOrWrongToken(t *testing.T) {
	t.Parallel()
	s, _ := startServer(t, fixedSource(exampleCredentials()))
	other, _ := startServer(t, fixedSource(exampleCredentials()))
	if a := get(t, s, ""); a.status != http.StatusUnauthorized || a.body["code"] != codeMissingToken ||
		!strings.Contains(a.body["message"], EnvAuthToken) || a.header.Get("WWW-Authenticate") == "" {
		t.Errorf("no token: %d %s", a.status, a.raw)
	}
	for _, wrong := range []string{other.Token(), s.Token() + "x", s.Token()[:len(s.Token())-1], "Bearer " + s.Token()} {
		if a := get(t, s, wrong); a.status != http.StatusForbidden || a.body["code"] != codeInvalidToken ||
			!strings.Contains(a.body["message"], "token is wrong") {
			t.Errorf("wrong token: %d %s", a.status, a.raw)
		}
	}
	if s.Token() == other.Token() {
		t.Error("two servers share a token")
	}
}

// A web page that makes its own host name resolve to 127.0.0.1 (DNS rebinding) sends that name in
// Host, and a browser sends Origin: both are refused before the token is even looked at.
func TestRefusesWhatABrowserCouldSend(t *testing.T) {
	t.Parallel()
	s, _ := startServer(t, fixedSource(exampleCredentials()))
	port := s.Addr().String()[strings.LastIndex(s.Addr().String(), ":"):]
	for _, host := range []string{"evil.example" + port, "127.0.0.1", "127.0.0.1:1", "localhost.evil.example" + port} {
		a := get(t, s, s.Token(), func(r *http.Request) { r.Host = host })
		if a.status != http.StatusForbidden || a.body["code"] != codeForbiddenHost {
			t.Errorf("Host %q: %d %s", host, a.status, a.raw)
		}
	}
	if a := get(t, s, s.Token(), func(r *http.Request) { r.Host = "LOCALHOST" + port }); a.status != http.StatusOK {
		t.Errorf("Host localhost: %d %s", a.status, a.raw)
	}
	a := get(t, s, s.Token(), func(r *http.Request) { r.Header.Set("Origin", "https://evil.example") })
	if a.status != http.StatusForbidden || a.body["code"] != codeBrowser {
		t.Errorf("Origin: %d %s", a.status, a.raw)
	}
}

// GET only, at the one path.
func TestAnswersGETOnlyAtItsPath(t *testing.T) {
	t.Parallel()
	s, _ := startServer(t, fixedSource(exampleCredentials()))
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodOptions, http.MethodDelete} {
		a := get(t, s, s.Token(), func(r *http.Request) { r.Method = m })
		if a.status != http.StatusMethodNotAllowed || a.header.Get("Allow") != "GET" {
			t.Errorf("%s: %d %s", m, a.status, a.raw)
		}
	}
	a := get(t, s, s.Token(), func(r *http.Request) { r.URL.Path = "/" })
	if a.status != http.StatusNotFound {
		t.Errorf("GET /: %d %s", a.status, a.raw)
	}
}

// The source's reasons become statuses the SDKs handle as documented: 503 (retried) for what a person
// can fix in a moment, 410 for a session that is gone, 500 for anything else, each with its message.
func TestPassesTheSourcesRefusalOn(t *testing.T) {
	t.Parallel()
	cases := []struct {
		err    error
		status int
		code   string
	}{
		{&Refusal{Reason: ReasonMFARequired, Message: "needs a code: refresh it"}, 503, ReasonMFARequired},
		{&Refusal{Reason: ReasonExpired, Message: "expired: refresh it"}, 503, ReasonExpired},
		{&Refusal{Reason: ReasonGone, Message: "forgotten: assume it again"}, 410, ReasonGone},
		{errors.New("something broke"), 500, codeInternal},
	}
	for _, c := range cases {
		s, _ := startServer(t, SourceFunc(func(context.Context) (Credentials, error) { return Credentials{}, c.err }))
		a := get(t, s, s.Token())
		if a.status != c.status || a.body["code"] != c.code || a.body["message"] != c.err.Error() {
			t.Errorf("%v: %d %s", c.err, a.status, a.raw)
		}
	}
}

// Only loopback IP literals: a wildcard, a host name or another interface is refused before listening.
func TestRefusesToListenBeyondLoopback(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{":0", "0.0.0.0:0", "[::]:0", "localhost:0", "192.0.2.1:0", "example.com:0", "127.0.0.1"} {
		if s, err := Start(fixedSource(exampleCredentials()), Options{Addr: addr}); err == nil {
			s.Close()
			t.Errorf("Start on %q succeeded", addr)
		}
	}
}

// Everything the server logs during refusals and answers holds neither the token nor a credential.
func TestLogsHoldNoSecret(t *testing.T) {
	t.Parallel()
	s, logs := startServer(t, fixedSource(exampleCredentials()))
	get(t, s, s.Token())
	get(t, s, "")
	get(t, s, s.Token()+"x")
	get(t, s, s.Token(), func(r *http.Request) { r.Host = "evil.example" })
	s.Close()
	out := logs.String()
	if !strings.Contains(out, codeInvalidToken) || !strings.Contains(out, codeForbiddenHost) {
		t.Errorf("the refusals were not logged:\n%s", out)
	}
	for _, secret := range []string{s.Token(), exampleSecret, exampleToken, exampleKeyID} {
		if strings.Contains(out, secret) {
			t.Errorf("the log holds a secret %q:\n%s", secret, out)
		}
	}
	if got := exampleCredentials().String(); strings.Contains(got, exampleSecret) || strings.Contains(got, exampleToken) {
		t.Errorf("Credentials.String() = %q", got)
	}
}
