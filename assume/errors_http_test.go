package assume

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeSTS answers STS's query protocol with scripted responses, for the errors moto never returns.
type fakeSTS struct {
	*httptest.Server
	mu     sync.Mutex
	counts map[string]int
	answer func(action string, n int) (status int, body string) // n counts calls of action from 1
}

func newFakeSTS(t *testing.T, answer func(action string, n int) (int, string)) *fakeSTS {
	f := &fakeSTS{counts: map[string]int{}, answer: answer}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(body))
		action := form.Get("Action")
		f.mu.Lock()
		f.counts[action]++
		n := f.counts[action]
		f.mu.Unlock()
		status, out := f.answer(action, n)
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(status)
		io.WriteString(w, out)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeSTS) count(action string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.counts[action]
}

func stsErrorXML(code, msg string) string {
	return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>` + code +
		`</Code><Message>` + msg + `</Message></Error><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>`
}

func assumeRoleXML(keyID string, expires time.Time) string {
	return fmt.Sprintf(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>`+
		`<AccessKeyId>%s</AccessKeyId><SecretAccessKey>%s</SecretAccessKey><SessionToken>session-token-EXAMPLE</SessionToken>`+
		`<Expiration>%s</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/Admin/s</Arn>`+
		`<AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>`+
		`<ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata></AssumeRoleResponse>`,
		keyID, exampleSecret, expires.UTC().Format(time.RFC3339))
}

// always answers every action with one error.
func always(status int, code, msg string) func(string, int) (int, string) {
	return func(string, int) (int, string) { return status, stsErrorXML(code, msg) }
}

func TestSTSErrorsPeopleCanActOn(t *testing.T) {
	t.Parallel()
	const deniedMsg = "User: arn:aws:iam::111122223333:user/jo is not authorized to perform: sts:AssumeRole on resource: " + adminRole
	const mfaMsg = "MultiFactorAuthentication failed with invalid MFA one time pass code."
	tempKeys := baseKeys()
	tempKeys.SessionToken = "temporary-session-token-EXAMPLE"
	admin := RoleHop{Profile: "admin", RoleArn: adminRole}
	cases := []struct {
		name   string
		answer func(string, int) (int, string)
		src    Source
		hop    RoleHop
		code   string
		reason string
		want   []string
	}{
		{"expired source token", always(400, "ExpiredToken", "The security token included in the request is expired"),
			tempKeys, admin, "", ReasonSourceCredentials,
			[]string{`profile "base" (/home/jo/.aws/credentials:3)`, "ExpiredToken", "AKIA…MPLE", "renew"}},
		{"region disabled", always(403, "RegionDisabledException", "STS is not activated in this region for account:111122223333."),
			baseKeys(), admin, "", ReasonSTSError, []string{"RegionDisabledException", "ap-east-1", "activate it"}},
		{"trust policy", always(403, "AccessDenied", deniedMsg),
			baseKeys(), admin, "", ReasonAccessDenied,
			[]string{"STS refused to let arn:aws:iam::111122223333:user/jo assume " + adminRole, "trust policy"}},
		{"wrong code on the MFA session", always(403, "AccessDenied", mfaMsg),
			baseKeys(), RoleHop{Profile: "admin", RoleArn: adminRole, MFASerial: mfaSerial}, "123456", ReasonMFAInvalid,
			[]string{mfaSerial, "wrong or was already used"}},
		{"wrong code on AssumeRole", always(403, "AccessDenied", mfaMsg),
			baseKeys(), RoleHop{Profile: "admin", RoleArn: adminRole, MFASerial: mfaSerial, DurationSeconds: 7200}, "123456", ReasonMFAInvalid,
			[]string{mfaSerial}},
		{"malformed code", always(500, "InternalFailure", "must not be called"),
			baseKeys(), RoleHop{Profile: "admin", RoleArn: adminRole, MFASerial: mfaSerial}, "12345", ReasonMFAInvalid,
			[]string{"six digits"}},
		{"validation", always(400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."),
			baseKeys(), admin, "", ReasonSTSError, []string{"ValidationError", "MaxSessionDuration", "duration_seconds"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			sts := newFakeSTS(t, c.answer)
			store := newQuietStore(t, Options{DisableCLICache: true}, nil)
			plan := Plan{Profile: "admin", Source: c.src, Roles: []RoleHop{c.hop}, Region: "ap-east-1", Endpoint: sts.URL}
			_, err := store.Assume(context.Background(), plan, c.code)
			mustReason(t, err, c.reason, c.src.SessionToken)
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q lacks %q", err, w)
				}
			}
			t.Logf("%s", err)
		})
	}
}

// Throttling is retried by the SDK; when it persists the error says so.
func TestThrottlingRetried(t *testing.T) {
	t.Parallel()
	sts := newFakeSTS(t, func(action string, n int) (int, string) {
		if action == "AssumeRole" && n > 2 {
			return 200, assumeRoleXML("ASIATHROTTLEEXAMPLE1", time.Now().Add(time.Hour))
		}
		return 400, stsErrorXML("Throttling", "Rate exceeded")
	})
	store := newQuietStore(t, Options{DisableCLICache: true}, nil)
	plan := Plan{Profile: "admin", Source: baseKeys(), Roles: []RoleHop{{Profile: "admin", RoleArn: adminRole}}, Endpoint: sts.URL}
	st, err := store.Assume(context.Background(), plan, "")
	if err != nil {
		t.Fatalf("two throttled answers then success: %v", err)
	}
	if n := sts.count("AssumeRole"); n != 3 {
		t.Errorf("AssumeRole sent %d times, want 3", n)
	}
	// GetCallerIdentity was throttled too: its failure is ignored and AssumeRole's answer names the user.
	if st.AssumedRoleArn != "arn:aws:sts::111122223333:assumed-role/Admin/s" || st.AccessKeyID != "ASIA…PLE1" {
		t.Errorf("status %+v", st)
	}

	stuck := newFakeSTS(t, always(400, "Throttling", "Rate exceeded"))
	plan.Endpoint = stuck.URL
	if !store.SetPlan(plan) {
		t.Fatal("SetPlan found no session")
	}
	_, err = store.Refresh(context.Background(), "admin", "")
	re := mustReason(t, err, ReasonSTSError)
	if re.Data()["stsCode"] != "Throttling" || !strings.Contains(err.Error(), "wait a minute") {
		t.Errorf("persistent throttling: %v (%v)", err, re.Data())
	}
}

// A failed refresh keeps the old credentials until they expire and puts the session in state error.
func TestFailedRefreshKeepsCredentials(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	denied := false
	sts := newFakeSTS(t, func(action string, n int) (int, string) {
		mu.Lock()
		defer mu.Unlock()
		if denied {
			return 403, stsErrorXML("AccessDenied", "User: arn:aws:iam::111122223333:user/jo is not authorized to perform: sts:AssumeRole")
		}
		return 200, assumeRoleXML(fmt.Sprintf("ASIAREFRESHEXAMPLE0%d", n), time.Now().Add(time.Hour))
	})
	store := newQuietStore(t, Options{DisableCLICache: true}, nil)
	plan := Plan{Profile: "admin", Source: baseKeys(), Roles: []RoleHop{{Profile: "admin", RoleArn: adminRole}}, Endpoint: sts.URL}
	if _, err := store.Assume(context.Background(), plan, ""); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	denied = true
	mu.Unlock()
	if _, err := store.Refresh(context.Background(), "", ""); err == nil {
		t.Fatal("refresh succeeded against a denying STS")
	}
	st := store.Status().Sessions[0]
	if st.State != StateError || st.Error == "" || !strings.Contains(st.Error, "STS refused") || !st.RefreshAt.IsZero() {
		t.Errorf("status after the failed refresh: %+v", st)
	}
	creds, err := store.Credentials("admin")
	if err != nil || creds.AccessKeyID != "ASIAREFRESHEXAMPLE01" {
		t.Errorf("credentials after the failed refresh: %v, %v; want the old ones", creds, err)
	}
}

// No answer within the timeout, or no listener at all, gives "cannot reach STS at <endpoint>".
func TestUnreachableSTS(t *testing.T) {
	t.Parallel()
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { silent.Close() })
	var held []net.Conn
	var heldMu sync.Mutex
	go func() { // accept, read nothing, answer nothing
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			heldMu.Lock()
			held = append(held, c)
			heldMu.Unlock()
		}
	}()
	t.Cleanup(func() {
		heldMu.Lock()
		defer heldMu.Unlock()
		for _, c := range held {
			c.Close()
		}
	})
	refused, _ := net.Listen("tcp", "127.0.0.1:0")
	refusedURL := "http://" + refused.Addr().String()
	refused.Close()

	store := newQuietStore(t, Options{DisableCLICache: true, CallTimeout: 300 * time.Millisecond}, nil)
	for _, c := range []struct{ endpoint, cause string }{
		{"http://" + silent.Addr().String(), "no answer within 300ms"},
		{refusedURL, "connection refused"},
	} {
		plan := Plan{Profile: "admin", Source: baseKeys(), Roles: []RoleHop{{Profile: "admin", RoleArn: adminRole}}, Endpoint: c.endpoint}
		start := time.Now()
		_, err := store.Assume(context.Background(), plan, "")
		elapsed := time.Since(start)
		re := mustReason(t, err, ReasonSTSUnreachable)
		if want := "cannot reach STS at " + c.endpoint; !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), c.cause) {
			t.Errorf("message %q, want it to start %q and say %q", err, want, c.cause)
		}
		// A refused connection fails at once: saying "within 300ms" would claim a wait that never was.
		if c.cause == "connection refused" && strings.Contains(err.Error(), "within") {
			t.Errorf("message %q claims a wait for a connection that was refused at once", err)
		}
		if re.Data()["endpoint"] != c.endpoint || elapsed > 5*time.Second {
			t.Errorf("data %v, took %s", re.Data(), elapsed)
		}
	}
}

func TestDefaultEndpointNamed(t *testing.T) {
	if got := endpointOf(Plan{Region: "eu-west-1"}); got != "https://sts.eu-west-1.amazonaws.com" {
		t.Errorf("endpointOf(eu-west-1) = %s", got)
	}
	if got := endpointOf(Plan{}); got != "https://sts.us-east-1.amazonaws.com" {
		t.Errorf("endpointOf(no region) = %s", got)
	}
}
