package ststest

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"sync"
	"testing"
)

// Proxy is a reverse proxy in front of an STS endpoint that records every query-protocol call (the
// form body's Action and parameters), so a test can check what STS received and count calls.
type Proxy struct {
	URL string
	mu  sync.Mutex
	log []Call
}

// Call is one recorded request.
type Call struct {
	Action      string
	Params      url.Values // the form parameters as sent (RoleArn, ExternalId, TokenCode, ...)
	AccessKeyID string     // the key that signed it ("" when unsigned)
	// WithSessionToken: the request carried X-Amz-Security-Token, i.e. it was signed with temporary
	// credentials (an MFA session or a role session) rather than an IAM user's own keys.
	WithSessionToken bool
}

var credentialPattern = regexp.MustCompile(`Credential=([^/,\s]+)/`)

// NewProxy starts a recording proxy to target (a URL such as Moto.URL), closed when the test ends.
// The Host header is passed on unchanged, so SigV4 signatures made for the proxy's address still
// verify at moto.
func NewProxy(t testing.TB, target string) *Proxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{}
	forward := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.record(r)
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	p.URL = srv.URL
	return p
}

func (p *Proxy) record(r *http.Request) {
	body, err := io.ReadAll(r.Body)
	r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("Action") == "" {
		return
	}
	call := Call{Action: form.Get("Action"), Params: form, WithSessionToken: r.Header.Get("X-Amz-Security-Token") != ""}
	if m := credentialPattern.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
		call.AccessKeyID = m[1]
	}
	p.mu.Lock()
	p.log = append(p.log, call)
	p.mu.Unlock()
}

// Count is the number of calls of action (e.g. "AssumeRole") so far.
func (p *Proxy) Count(action string) int {
	return len(p.Calls(action))
}

// Calls returns the calls of action so far, oldest first ("" = all calls).
func (p *Proxy) Calls(action string) []Call {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []Call
	for _, c := range p.log {
		if action == "" || c.Action == action {
			out = append(out, c)
		}
	}
	return out
}

// Counts returns the number of calls per Action.
func (p *Proxy) Counts() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[string]int{}
	for _, c := range p.log {
		out[c.Action]++
	}
	return out
}
