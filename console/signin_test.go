package console

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	keyID  = "ASIAIOSFODNN7EXAMPLE"
	secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	token  = "IQoJb3JpZ2luX2VjEXAMPLETOKEN"
)

// federation is a stand-in for the AWS federation endpoint, reached over TLS under the real host
// names (the client dials it whatever the host), that records what it was asked.
type federation struct {
	mu       sync.Mutex
	requests []*http.Request
	srv      *httptest.Server
	status   int
}

func newFederation(t *testing.T) *federation {
	f := &federation{status: http.StatusOK}
	f.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.requests = append(f.requests, r)
		status := f.status
		f.mu.Unlock()
		w.WriteHeader(status)
		if status == http.StatusOK {
			_, _ = w.Write([]byte(`{"SigninToken":"TOKEN-FROM-FEDERATION"}`))
		}
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// client sends every request to the stand-in, keeping the URL's host name in Host and SNI.
func (f *federation) client() *http.Client {
	tr := f.srv.Client().Transport.(*http.Transport).Clone()
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, f.srv.Listener.Addr().String())
	}
	tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} // the stand-in's certificate is for 127.0.0.1
	return &http.Client{Transport: tr}
}

func (f *federation) only(t *testing.T) *http.Request {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.requests) != 1 {
		t.Fatalf("the federation endpoint got %d requests, want 1", len(f.requests))
	}
	return f.requests[0]
}

// Per partition: the getSigninToken request goes to that partition's sign-in host with exactly the
// session JSON and the console session length; the login URL points at the same host and opens the
// region's console.
func TestSigninURLPerPartition(t *testing.T) {
	t.Parallel()
	cases := []struct {
		arn, region, signin, destination string
	}{
		{"arn:aws:sts::111122223333:assumed-role/Dev/s", "eu-west-1", "signin.aws.amazon.com",
			"https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1"},
		{"", "", "signin.aws.amazon.com", "https://console.aws.amazon.com/console/home"},
		{"arn:aws-us-gov:sts::111122223333:assumed-role/Dev/s", "us-gov-west-1", "signin.amazonaws-us-gov.com",
			"https://us-gov-west-1.console.amazonaws-us-gov.com/console/home?region=us-gov-west-1"},
		{"", "cn-north-1", "signin.amazonaws.cn", "https://cn-north-1.console.amazonaws.cn/console/home?region=cn-north-1"},
	}
	for _, c := range cases {
		fed := newFederation(t)
		req := Request{Session: Session{AccessKeyID: keyID, SecretAccessKey: secret, SessionToken: token, Arn: c.arn, Region: c.region},
			SessionDuration: MaxSessionDuration}
		got, err := SigninURL(context.Background(), req, Options{HTTPClient: fed.client()})
		if err != nil {
			t.Fatalf("%s %s: %v", c.arn, c.region, err)
		}
		r := fed.only(t)
		q := r.URL.Query()
		var session map[string]string
		if r.Method != http.MethodGet || r.Host != c.signin || r.URL.Path != "/federation" || q.Get("Action") != "getSigninToken" ||
			q.Get("SessionDuration") != "43200" || len(q) != 3 || json.Unmarshal([]byte(q.Get("Session")), &session) != nil ||
			len(session) != 3 || session["sessionId"] != keyID || session["sessionKey"] != secret || session["sessionToken"] != token {
			t.Errorf("%s: the federation endpoint got %s %s%s with %v", c.signin, r.Method, r.Host, r.URL.Path, q)
		}
		u, err := url.Parse(got)
		if err != nil {
			t.Fatal(err)
		}
		lq := u.Query()
		if u.Scheme != "https" || u.Host != c.signin || u.Path != "/federation" || lq.Get("Action") != "login" || lq.Get("Issuer") != "rolecall" ||
			lq.Get("Destination") != c.destination || lq.Get("SigninToken") != "TOKEN-FROM-FEDERATION" || len(lq) != 4 {
			t.Errorf("%s: login URL %s://%s%s with %v", c.signin, u.Scheme, u.Host, u.Path, lq)
		}
	}
}

// A role-chained session sends no SessionDuration (the endpoint would refuse it); a destination path
// opens that page of the region's console.
func TestSigninURLWithoutDurationAndWithDestination(t *testing.T) {
	t.Parallel()
	fed := newFederation(t)
	req := Request{Session: Session{AccessKeyID: keyID, SecretAccessKey: secret, SessionToken: token, Region: "eu-west-1"},
		Destination: "s3/home"}
	got, err := SigninURL(context.Background(), req, Options{HTTPClient: fed.client()})
	if err != nil {
		t.Fatal(err)
	}
	if q := fed.only(t).URL.Query(); q.Has("SessionDuration") {
		t.Errorf("SessionDuration was sent: %v", q.Get("SessionDuration"))
	}
	u, _ := url.Parse(got)
	if d := u.Query().Get("Destination"); d != "https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1" {
		t.Errorf("Destination = %s", d)
	}
}

// Long-term keys, a destination outside the console, an override that is not loopback, and a refusal
// of the federation endpoint each give a clear error that holds no secret.
func TestSigninURLRefusals(t *testing.T) {
	t.Parallel()
	fed := newFederation(t)
	fed.status = http.StatusBadRequest
	good := Session{AccessKeyID: keyID, SecretAccessKey: secret, SessionToken: token, Region: "us-east-1"}
	cases := []struct {
		req  Request
		opts Options
		says string
	}{
		{Request{Session: Session{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: secret}}, Options{}, "long-term access keys"},
		{Request{Session: good, Destination: "https://evil.example/console"}, Options{}, "is not a page of the aws console"},
		{Request{Session: good, Destination: "http://console.aws.amazon.com/"}, Options{}, "is not a page of the aws console"},
		{Request{Session: good}, Options{FederationEndpoint: "https://collector.example/federation"}, "not a loopback URL"},
		{Request{Session: good}, Options{HTTPClient: fed.client()}, "refused the session (HTTP 400)"},
		{Request{Session: good}, Options{FederationEndpoint: "http://127.0.0.1:1/federation", HTTPClient: &http.Client{Timeout: 5 * time.Second}},
			"cannot reach the AWS federation endpoint 127.0.0.1:1"},
	}
	for _, c := range cases {
		_, err := SigninURL(context.Background(), c.req, c.opts)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("want %q, got %v", c.says, err)
			continue
		}
		if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), token) || strings.Contains(url.QueryEscape(err.Error()), url.QueryEscape(secret)) {
			t.Errorf("the error holds a secret: %v", err)
		}
	}
	var nf *NotFederatableError
	if _, err := SigninURL(context.Background(), cases[0].req, Options{}); !errors.As(err, &nf) {
		t.Errorf("long-term keys gave %T", err)
	}
}
