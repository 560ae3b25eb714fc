package cli

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
)

// refusingSTS stands in front of STS and answers AccessDenied, as STS does for a wrong code, to every
// request carrying TokenCode=refused; the rest goes on to target.
func refusingSTS(t *testing.T, target, refused string) string {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	forward := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if form, _ := url.ParseQuery(string(body)); form.Get("TokenCode") == refused {
			w.Header().Set("Content-Type", "text/xml")
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>`+
				`<Code>AccessDenied</Code><Message>MultiFactorAuthentication failed with invalid MFA one time pass code. </Message>`+
				`</Error><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>`)
			return
		}
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// A mistyped code at the terminal prompt is asked for again, saying why: first a code that is not six
// digits (refused without a request), then one STS refuses, then the right one.
func TestAssumeAsksAgainForAMistypedMFACode(t *testing.T) {
	f := newCLIFixture(t, twoHopConfig, baseCredentials)
	f.env["AWS_ENDPOINT_URL_STS"] = refusingSTS(t, f.proxy.URL, "111111")
	saved := stdinIsTerminal
	stdinIsTerminal = func(io.Reader) bool { return true }
	t.Cleanup(func() { stdinIsTerminal = saved })

	code, out, errOut := f.run("12345\n111111\n222222\n", "assume", "dev", "--format", "process")
	if code != ExitOK || !strings.Contains(out, `"Version":1`) {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, out, errOut)
	}
	if n := prompts(errOut); n != 3 {
		t.Errorf("asked %d times, want 3:\n%s", n, errOut)
	}
	for _, why := range []string{"an MFA code for " + mfaSerial + " is six digits", "STS refused the MFA code for " + mfaSerial} {
		if !strings.Contains(errOut, why) {
			t.Errorf("stderr does not say why it asks again (%q):\n%s", why, errOut)
		}
	}
	if calls := f.proxy.Calls("GetSessionToken"); len(calls) != 1 || calls[0].Params.Get("TokenCode") != "222222" {
		t.Errorf("GetSessionToken calls that reached STS: %+v, want one with the third code", calls)
	}

	code, _, errOut = f.run("1\n2\n3\n", "assume", "plain-mfa-less-never-asked", "--format", "process")
	if code != ExitFail || prompts(errOut) != 0 {
		t.Errorf("an unknown profile must not prompt: exit %d, stderr %q", code, errOut)
	}
	f.mustRun("assume", "plain") // the fixture still works after a refused code
	code, _, errOut = f.run("111111\n111111\n111111\n111111\n", "assume", "dev", "--no-cli-cache")
	if code != ExitFail || prompts(errOut) != 3 || !strings.Contains(errOut, "STS refused the MFA code") {
		t.Errorf("three refused codes: exit %d, stderr:\n%s\nwant three prompts, then exit 1", code, errOut)
	}
}

// prompts counts the MFA prompts in stderr: each starts a line (the terminal echoes the typed code and
// its newline; a test's stdin is not echoed, so what follows a prompt continues its line).
func prompts(stderr string) int {
	return strings.Count("\n"+stderr, "\nMFA code for "+mfaSerial+": ")
}
