package assume

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sync"
	"testing"
	"time"
)

// revokingSTS refuses every request signed with a revoked key (as STS does for a session that was
// revoked or is unknown) and otherwise answers AssumeRole and GetSessionToken.
type revokingSTS struct {
	*httptest.Server
	mu      sync.Mutex
	revoked map[string]bool
	signers []string // AssumeRole signers, in order
}

var signerPattern = regexp.MustCompile(`Credential=([^/]+)/`)

func newRevokingSTS(t *testing.T, revoked ...string) *revokingSTS {
	f := &revokingSTS{revoked: map[string]bool{}}
	for _, k := range revoked {
		f.revoked[k] = true
	}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(body))
		signer := ""
		if m := signerPattern.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
			signer = m[1]
		}
		f.mu.Lock()
		revoked := f.revoked[signer]
		if form.Get("Action") == "AssumeRole" {
			f.signers = append(f.signers, signer)
		}
		n := len(f.signers)
		f.mu.Unlock()
		switch {
		case revoked:
			w.WriteHeader(403)
			io.WriteString(w, stsErrorXML("InvalidClientTokenId", "The security token included in the request is invalid."))
		case form.Get("Action") == "GetSessionToken":
			io.WriteString(w, `<GetSessionTokenResponse><GetSessionTokenResult>`+
				`<Credentials><AccessKeyId>ASIAMFAFRESHEXAMPLE1</AccessKeyId><SecretAccessKey>x</SecretAccessKey>`+
				`<SessionToken>t</SessionToken><Expiration>`+time.Now().Add(12*time.Hour).UTC().Format(time.RFC3339)+`</Expiration>`+
				`</Credentials></GetSessionTokenResult></GetSessionTokenResponse>`)
		default:
			io.WriteString(w, assumeRoleXML(fmt.Sprintf("ASIAROLEEXAMPLE%05d", n), time.Now().Add(time.Hour)))
		}
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *revokingSTS) assumeSigners() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.signers...)
}

// A cached intermediate session that STS no longer accepts is dropped and the chain is assumed again
// from the source, within the same call.
func TestRevokedCachedHopIsReassumed(t *testing.T) {
	t.Parallel()
	sts := newRevokingSTS(t, "ASIAREVOKEDEXAMPLE01")
	dir := t.TempDir()
	mid := RoleHop{Profile: "mid", RoleArn: "arn:aws:iam::111122223333:role/Mid"}
	revoked := hopResult{creds: credentials{"ASIAREVOKEDEXAMPLE01", exampleSecret, "token-EXAMPLE", time.Now().Add(time.Hour)}}
	if err := writeCLICache(dir, mid, revoked); err != nil {
		t.Fatal(err)
	}
	store := newQuietStore(t, Options{CLICacheDir: dir}, nil)
	plan := Plan{Profile: "admin", Source: baseKeys(), Roles: []RoleHop{mid, {Profile: "admin", RoleArn: adminRole}}, Endpoint: sts.URL}
	if _, err := store.Assume(context.Background(), plan, ""); err != nil {
		t.Fatalf("assume over a revoked cached hop: %v", err)
	}
	got := sts.assumeSigners()
	want := []string{"ASIAREVOKEDEXAMPLE01", exampleKeyID, "ASIAROLEEXAMPLE00002"}
	if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("AssumeRole signers %v, want %v (revoked cache, then source, then the fresh Mid session)", got, want)
	}
}

// An MFA session STS no longer accepts is dropped: without a code the caller is asked for one; with
// it, a new MFA session is made.
func TestRevokedMFASessionAsksForACode(t *testing.T) {
	t.Parallel()
	sts := newRevokingSTS(t, "ASIAMFASTALEEXAMPLE1")
	store := newQuietStore(t, Options{DisableCLICache: true}, nil)
	store.engine.holdMFASession(mfaKey{exampleKeyID, mfaSerial},
		credentials{"ASIAMFASTALEEXAMPLE1", exampleSecret, "token-EXAMPLE", time.Now().Add(12 * time.Hour)})
	plan := Plan{Profile: "admin", Source: baseKeys(), Roles: []RoleHop{{Profile: "admin", RoleArn: adminRole, MFASerial: mfaSerial}},
		Endpoint: sts.URL}
	if _, err := store.Assume(context.Background(), plan, ""); !errors.As(err, new(*MFARequiredError)) {
		t.Fatalf("assume with a revoked MFA session: %v, want MFARequiredError", err)
	}
	if _, err := store.Assume(context.Background(), plan, "123456"); err != nil {
		t.Fatal(err)
	}
	if got := sts.assumeSigners(); len(got) != 2 || got[1] != "ASIAMFAFRESHEXAMPLE1" {
		t.Errorf("AssumeRole signers %v, want the revoked MFA session, then the new one", got)
	}
}
