package assume

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials/processcreds"
)

// writeScript writes an executable shell script for credential_process.
func writeScript(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "creds.sh")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	return path
}

// credential_process, credential_source (Environment, EcsContainer) and web identity each start a chain
// whose first AssumeRole is signed with the credentials they give.
func TestOtherSourcesStartAChain(t *testing.T) {
	t.Parallel()
	ecs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "ecs-token-EXAMPLE" {
			http.Error(w, "no token", http.StatusUnauthorized)
			return
		}
		json.NewEncoder(w).Encode(map[string]string{"AccessKeyId": "ASIAECSEXAMPLE000001", "SecretAccessKey": exampleSecret,
			"Token": "ecs-session-EXAMPLE", "Expiration": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)})
	}))
	t.Cleanup(ecs.Close)
	imds := newIMDS(t)
	env := map[string]string{"AWS_ACCESS_KEY_ID": "AKIAENVEXAMPLE000001", "AWS_SECRET_ACCESS_KEY": exampleSecret,
		"AWS_CONTAINER_CREDENTIALS_FULL_URI": ecs.URL + "/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ecs-token-EXAMPLE",
		"AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.URL}
	tokenFile := filepath.Join(t.TempDir(), "token")
	os.WriteFile(tokenFile, []byte("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJFWEFNUExFIn0.EXAMPLE"), 0o600)
	script := writeScript(t, fmt.Sprintf(`echo '{"Version": 1, "AccessKeyId": "AKIAPROCEXAMPLE00001", "SecretAccessKey": "%s"}'`, exampleSecret))

	cases := []struct {
		name      string
		src       Source
		signedBy  string
		withToken bool
	}{
		{"credential_process", Source{Kind: CredentialProcess, Profile: "proc", Process: script}, "AKIAPROCEXAMPLE00001", false},
		{"Environment", Source{Kind: CredentialSource, Profile: "envsrc", CredentialSource: SourceEnvironment}, "AKIAENVEXAMPLE000001", false},
		{"EcsContainer", Source{Kind: CredentialSource, Profile: "ecs", CredentialSource: SourceEcsContainer}, "ASIAECSEXAMPLE000001", true},
		{"Ec2InstanceMetadata", Source{Kind: CredentialSource, Profile: "ec2", CredentialSource: SourceEc2InstanceMetadata}, "ASIAEC2EXAMPLE000001", true},
		{"web identity", Source{Kind: WebIdentity, Profile: "web", WebIdentityTokenFile: tokenFile,
			WebIdentityRoleArn: "arn:aws:iam::111122223333:role/Web"}, "ASIA", true},
	}
	f := newSTSFixture(t, Options{DisableCLICache: true, Getenv: func(k string) string { return env[k] }})
	for _, c := range cases {
		before := len(f.proxy.Calls("AssumeRole"))
		st, err := f.store.Assume(context.Background(), f.plan("admin-"+c.src.Profile, c.src,
			RoleHop{Profile: "admin-" + c.src.Profile, RoleArn: adminRole}), "")
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		calls := f.proxy.Calls("AssumeRole")
		if len(calls) != before+1 {
			t.Errorf("%s: %d AssumeRole calls, want 1", c.name, len(calls)-before)
			continue
		}
		last := calls[len(calls)-1]
		if !strings.HasPrefix(last.AccessKeyID, c.signedBy) || last.WithSessionToken != c.withToken {
			t.Errorf("%s: AssumeRole signed by %s (token %v), want %s (token %v)", c.name, last.AccessKeyID, last.WithSessionToken, c.signedBy, c.withToken)
		}
		if st.Chain[len(st.Chain)-1] != c.src.Profile || st.State != StateActive {
			t.Errorf("%s: status %+v", c.name, st)
		}
	}
	if n := f.proxy.Count("AssumeRoleWithWebIdentity"); n != 1 {
		t.Errorf("AssumeRoleWithWebIdentity called %d times, want 1", n)
	}
}

// A failing source is reported against the source profile and its line, without the output of the
// process, which may hold a secret.
func TestSourceFailuresNameTheProfile(t *testing.T) {
	t.Parallel()
	f := newSTSFixture(t, Options{DisableCLICache: true, Getenv: func(string) string { return "" }})
	leaky := writeScript(t, fmt.Sprintf(`echo 'not json %s'`, exampleSecret))
	failing := writeScript(t, `echo 'boom' >&2; exit 3`)
	cases := []struct {
		src  Source
		want string
	}{
		{Source{Kind: CredentialProcess, Profile: "proc", File: "config", Line: 7, Process: leaky}, "did not print the JSON"},
		{Source{Kind: CredentialProcess, Profile: "proc", File: "config", Line: 7, Process: failing}, "exited with status 3"},
		{Source{Kind: CredentialSource, Profile: "envsrc", File: "config", Line: 9, CredentialSource: SourceEnvironment}, "AWS_ACCESS_KEY_ID"},
		{Source{Kind: CredentialSource, Profile: "ecs", File: "config", Line: 11, CredentialSource: SourceEcsContainer}, "AWS_CONTAINER_CREDENTIALS"},
	}
	for _, c := range cases {
		_, err := f.store.Assume(context.Background(), f.plan("r", c.src, RoleHop{Profile: "r", RoleArn: adminRole}), "")
		mustReason(t, err, ReasonSourceCredentials)
		where := fmt.Sprintf("profile %q (config:%d)", c.src.Profile, c.src.Line)
		if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), where) {
			t.Errorf("error %q lacks %q or %q", err, c.want, where)
		}
	}
	if n := len(f.proxy.Calls("")); n != 0 {
		t.Errorf("%d STS calls although no source gave credentials", n)
	}
}

// An SSO source: the token `aws sso login` cached (sso-session and legacy forms) is exchanged for role
// credentials at the portal (a local stand-in: moto has no Identity Center), which sign the
// AssumeRole at moto. Without a valid token, the error says which login to run.
func TestSSOSourceUsesTheTokenCache(t *testing.T) {
	t.Parallel()
	portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if r.URL.Path != "/federation/credentials" || r.Header.Get("x-amz-sso_bearer_token") != "sso-access-token-EXAMPLE" ||
			q.Get("account_id") != "111122223333" || q.Get("role_name") != "Dev" {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"message":"Session token not found or invalid"}`)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"roleCredentials": map[string]any{"accessKeyId": "ASIASSOEXAMPLE000001",
			"secretAccessKey": exampleSecret, "sessionToken": "sso-session-EXAMPLE", "expiration": time.Now().Add(time.Hour).UnixMilli()}})
	}))
	t.Cleanup(portal.Close)
	f := newSTSFixture(t, Options{DisableCLICache: true})
	f.store.engine.ssoEndpoint = portal.URL
	f.store.engine.ssoCacheDir = t.TempDir()
	writeToken := func(key string, expires time.Time) {
		path := filepath.Join(f.store.engine.ssoCacheDir, ssoCacheName(key))
		data, _ := json.Marshal(map[string]string{"accessToken": "sso-access-token-EXAMPLE", "expiresAt": expires.UTC().Format(time.RFC3339),
			"region": "eu-west-1", "startUrl": "https://example.awsapps.com/start"})
		os.WriteFile(path, data, 0o600)
	}
	settings := SSOSettings{SessionName: "corp", StartURL: "https://example.awsapps.com/start", Region: "eu-west-1",
		AccountID: "111122223333", RoleName: "Dev"}
	legacy := settings
	legacy.SessionName = ""
	writeToken("corp", time.Now().Add(time.Hour))
	writeToken(legacy.StartURL, time.Now().Add(time.Hour))

	for _, sso := range []SSOSettings{settings, legacy} {
		src := Source{Kind: SSO, Profile: "sso-dev", File: "config", Line: 4, SSO: sso}
		if _, err := f.store.Assume(context.Background(), f.plan("admin", src, RoleHop{Profile: "admin", RoleArn: adminRole}), ""); err != nil {
			t.Fatalf("assume from SSO (session %q): %v", sso.SessionName, err)
		}
		calls := f.proxy.Calls("AssumeRole")
		if last := calls[len(calls)-1]; last.AccessKeyID != "ASIASSOEXAMPLE000001" {
			t.Errorf("AssumeRole signed by %s, want the SSO role credentials", last.AccessKeyID)
		}
		f.store.Forget("admin")
	}

	missing := settings
	missing.SessionName = "other"
	legacyExpired := legacy
	legacyExpired.StartURL = "https://expired.awsapps.com/start"
	writeToken(legacyExpired.StartURL, time.Now().Add(-time.Minute))
	for sso, want := range map[SSOSettings]string{missing: "aws sso login --sso-session other", legacyExpired: "aws sso login --profile sso-dev"} {
		src := Source{Kind: SSO, Profile: "sso-dev", File: "config", Line: 4, SSO: sso}
		_, err := f.store.Assume(context.Background(), f.plan("admin", src, RoleHop{Profile: "admin", RoleArn: adminRole}), "")
		mustReason(t, err, ReasonSourceCredentials)
		if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), `profile "sso-dev" (config:4)`) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// newIMDS is a local stand-in for the EC2 instance metadata service (IMDSv2: a token first, then the
// instance role's credentials).
func newIMDS(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPut && r.URL.Path == "/latest/api/token":
			w.Header().Set("X-Aws-Ec2-Metadata-Token-Ttl-Seconds", "21600")
			io.WriteString(w, "imds-token-EXAMPLE")
		case r.Header.Get("X-Aws-Ec2-Metadata-Token") != "imds-token-EXAMPLE":
			w.WriteHeader(http.StatusUnauthorized)
		case r.URL.Path == "/latest/meta-data/iam/security-credentials/":
			io.WriteString(w, "instance-role")
		case r.URL.Path == "/latest/meta-data/iam/security-credentials/instance-role":
			json.NewEncoder(w).Encode(map[string]string{"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": "ASIAEC2EXAMPLE000001",
				"SecretAccessKey": exampleSecret, "Token": "ec2-session-EXAMPLE", "LastUpdated": time.Now().UTC().Format(time.RFC3339),
				"Expiration": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)})
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// ProcessOutput is read back by the SDK's own credential_process parser.
func TestProcessOutputReadByTheSDK(t *testing.T) {
	c := SessionCredentials{Profile: "dev", AccessKeyID: "ASIAIOSFODNN7EXAMPLE", SecretAccessKey: exampleSecret,
		SessionToken: "session-token-EXAMPLE", Expiration: time.Now().Add(time.Hour).Truncate(time.Second), Region: "eu-west-1"}
	out, err := c.ProcessOutput()
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "out.json")
	os.WriteFile(file, out, 0o600)
	got, err := processcreds.NewProvider("cat " + file).Retrieve(context.Background())
	if err != nil || got.AccessKeyID != c.AccessKeyID || got.SecretAccessKey != c.SecretAccessKey ||
		got.SessionToken != c.SessionToken || !got.CanExpire || !got.Expires.Equal(c.Expiration) {
		t.Errorf("the SDK read %+v, %v from %s", got, err, out)
	}
	if env := c.Environment(); env[3] != [2]string{"AWS_CREDENTIAL_EXPIRATION", FormatTime(c.Expiration)} || env[4][1] != "eu-west-1" {
		t.Errorf("environment %v", env)
	}
}

// ssoCacheName is the AWS CLI's name for a token cache file: the SHA-1 of the session name (or start
// URL), in hex.
func ssoCacheName(key string) string {
	sum := sha1.Sum([]byte(key))
	return hex.EncodeToString(sum[:]) + ".json"
}
