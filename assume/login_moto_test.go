package assume

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolecall/rolecall/awsfiles"
)

// A role whose chain starts at an `aws login` profile (login_session): the keys of the console
// sign-in, read from the cache `aws login` leaves through the SDK's own provider, assume the role at
// moto. With no sign-in, or one that is over and cannot be renewed, the error says to run
// `aws login --profile P`.
func TestLoginSessionSource(t *testing.T) {
	t.Parallel()
	signinSvc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("X-Amzn-ErrorType", "AccessDeniedException")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"error":"TOKEN_EXPIRED","message":"Your session has expired"}`)
	}))
	t.Cleanup(signinSvc.Close)
	dir := t.TempDir()
	loginCache := filepath.Join(dir, "login-cache")
	f := newSTSFixture(t, Options{DisableCLICache: true, Getenv: func(k string) string {
		if k == "AWS_LOGIN_CACHE_DIRECTORY" {
			return loginCache
		}
		return ""
	}})
	config := filepath.Join(dir, "config")
	os.WriteFile(config, []byte("[profile console]\nlogin_session = arn:aws:iam::111122223333:user/jo\nregion = eu-west-1\n\n"+
		"[profile admin]\nrole_arn = "+adminRole+"\nsource_profile = console\nregion = eu-west-1\n\n"+
		"[profile other]\nlogin_session = arn:aws:iam::111122223333:user/kim\nregion = eu-west-1\n"), 0o600)
	m, err := awsfiles.Load(awsfiles.Locations{Config: config, Credentials: filepath.Join(dir, "credentials")})
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"AWS_ENDPOINT_URL_STS": f.proxy.URL, "AWS_ENDPOINT_URL_SIGNIN": signinSvc.URL}
	plan := func(profile string) Plan {
		p, err := FromProfile(m, profile, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	admin := plan("admin")
	if admin.Source.Kind != Login || admin.Source.LoginSession != "arn:aws:iam::111122223333:user/jo" || admin.Source.LoginEndpoint != signinSvc.URL {
		t.Fatalf("plan source %v", admin.Source)
	}
	writeLoginToken(t, loginCache, admin.Source.LoginSession, time.Now().Add(time.Hour))
	if _, err := f.store.Assume(context.Background(), admin, ""); err != nil {
		t.Fatal(err)
	}
	if calls := f.proxy.Calls("AssumeRole"); len(calls) != 1 || calls[0].AccessKeyID != "ASIALOGINEXAMPLE0001" {
		t.Errorf("AssumeRole calls %+v, want one signed by the console sign-in's key", calls)
	}

	_, err = f.store.Assume(context.Background(), plan("other"), "")
	mustReason(t, err, ReasonSourceCredentials)
	if !strings.Contains(err.Error(), "run `aws login --profile other`") {
		t.Errorf("no sign-in: %v", err)
	}

	f.store.Forget("admin")
	writeLoginToken(t, loginCache, admin.Source.LoginSession, time.Now().Add(-time.Minute))
	_, err = f.store.Assume(context.Background(), admin, "")
	mustReason(t, err, ReasonSourceCredentials, "login-secret-EXAMPLE", "login-refresh-EXAMPLE")
	if !strings.Contains(err.Error(), "is over") || !strings.Contains(err.Error(), "run `aws login --profile console`") {
		t.Errorf("an expired sign-in: %v", err)
	}
}

// writeLoginToken writes the file `aws login` leaves for a login_session (the SDK's loginToken shape).
func writeLoginToken(t *testing.T, dir, session string, expires time.Time) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalECPrivateKey(key)
	token := map[string]any{
		"accessToken": map[string]any{"accessKeyId": "ASIALOGINEXAMPLE0001", "secretAccessKey": "login-secret-EXAMPLE",
			"sessionToken": "login-session-token-EXAMPLE", "accountId": "111122223333", "expiresAt": expires.UTC().Format(time.RFC3339)},
		"tokenType": "aws_sigv4", "refreshToken": "login-refresh-EXAMPLE", "identityToken": "",
		"clientId": "arn:aws:signin:::devtools/same-device", "dpopKey": string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der})),
	}
	data, _ := json.Marshal(token)
	sum := sha256.Sum256([]byte(session))
	os.MkdirAll(dir, 0o700)
	if err := os.WriteFile(filepath.Join(dir, hex.EncodeToString(sum[:])+".json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
}
