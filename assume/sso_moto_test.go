package assume

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/internal/ssotest"
	"github.com/rolecall/rolecall/sso"
)

// A role whose chain starts at an SSO profile, read from the files as a user writes them: the SSO
// token (about to expire) is refreshed, the portal gives the SSO role's keys, and those assume the
// role at moto. When the Identity Center session is over, the error says how to sign in.
func TestSSOThenAssumeRoleFromTheFiles(t *testing.T) {
	t.Parallel()
	idc := ssotest.Start(t, ssotest.Options{})
	f := newSTSFixture(t, Options{DisableCLICache: true})
	dir := t.TempDir()
	f.store.engine.ssoCacheDir = filepath.Join(dir, "sso-cache")
	config := filepath.Join(dir, "config")
	os.WriteFile(config, []byte("[profile sso-base]\nsso_session = corp\nsso_account_id = 111111111111\n"+
		"sso_role_name = ReadOnlyAccess\nregion = eu-west-1\n\n[profile admin]\nrole_arn = "+adminRole+"\nsource_profile = sso-base\n\n"+
		"[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n"), 0o600)
	m, err := awsfiles.Load(awsfiles.Locations{Config: config, Credentials: filepath.Join(dir, "credentials")})
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"AWS_ENDPOINT_URL_SSO": idc.URL(), "AWS_ENDPOINT_URL_SSO_OIDC": idc.URL(), "AWS_ENDPOINT_URL_STS": f.proxy.URL}
	plan, err := FromProfile(m, "admin", func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	if plan.Source.SSO.PortalEndpoint != idc.URL() || plan.Source.SSO.OIDCEndpoint != idc.URL() {
		t.Fatalf("plan's SSO endpoints %+v", plan.Source.SSO)
	}
	tok, _ := idc.SignIn()
	writeSSOToken(t, f.store.engine.ssoCacheDir, "corp", tok, time.Now().Add(3*time.Minute))

	if _, err := f.store.Assume(context.Background(), plan, ""); err != nil {
		t.Fatal(err)
	}
	if got := idc.Counts(); got[ssotest.OpCreateToken] != 1 || got[ssotest.OpGetRoleCredentials] != 1 {
		t.Errorf("Identity Center saw %v, want one refresh and one GetRoleCredentials", got)
	}
	if calls := f.proxy.Calls("AssumeRole"); len(calls) != 1 || !strings.HasPrefix(calls[0].AccessKeyID, "ASIA") {
		t.Errorf("AssumeRole calls %+v, want one signed with the SSO role's keys", calls)
	}

	f.store.Forget("admin")
	idc.Advance(9 * time.Hour) // the 8-hour Identity Center session is over
	writeSSOToken(t, f.store.engine.ssoCacheDir, "corp", tok, time.Now().Add(-time.Minute))
	_, err = f.store.Assume(context.Background(), plan, "")
	mustReason(t, err, ReasonSourceCredentials)
	if want := "Sign in to corp: run `rolecall sso login --sso-session corp`"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
	var ssoErr *sso.Error
	if !errors.As(err, &ssoErr) || ssoErr.Reason != sso.ReasonSignInRequired || ssoErr.Session != "corp" {
		t.Errorf("the error does not carry the sso session for an editor's Sign in action: %#v", ssoErr)
	}
}

// writeSSOToken writes the token cache file `aws sso login` leaves for key.
func writeSSOToken(t *testing.T, dir, key string, tok ssotest.Token, expires time.Time) {
	t.Helper()
	os.MkdirAll(dir, 0o700)
	at := func(x time.Time) string { return x.UTC().Format("2006-01-02T15:04:05Z") }
	data := `{"startUrl": "https://d-1234567890.awsapps.com/start", "region": "eu-west-1", "accessToken": "` + tok.AccessToken +
		`", "expiresAt": "` + at(expires) + `", "clientId": "` + tok.ClientID + `", "clientSecret": "` + tok.ClientSecret +
		`", "registrationExpiresAt": "` + at(tok.RegistrationExpiresAt) + `", "refreshToken": "` + tok.RefreshToken + `"}`
	if err := os.WriteFile(filepath.Join(dir, ssoCacheName(key)), []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

// A role the portal gives that no profile names is assumed from the discovered account and role.
func TestSSORoleWithoutAProfile(t *testing.T) {
	t.Parallel()
	idc := ssotest.Start(t, ssotest.Options{})
	f := newSTSFixture(t, Options{DisableCLICache: true})
	f.store.engine.ssoCacheDir = t.TempDir()
	tok, _ := idc.SignIn()
	writeSSOToken(t, f.store.engine.ssoCacheDir, "corp", tok, time.Now().Add(time.Hour))
	s := sso.Session{Name: "corp", StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1",
		OIDCEndpoint: idc.URL(), PortalEndpoint: idc.URL()}
	st, err := f.store.Assume(context.Background(), FromSSO(s, "222222222222", "ReadOnlyAccess", "", "", f.proxy.URL), "")
	if err != nil {
		t.Fatal(err)
	}
	if st.Profile != "corp/222222222222/ReadOnlyAccess" || st.Expiration.IsZero() {
		t.Errorf("status %+v", st)
	}
	_, err = f.store.Assume(context.Background(), FromSSO(s, "222222222222", "AdministratorAccess", "", "", f.proxy.URL), "")
	mustReason(t, err, ReasonSourceCredentials)
	if !strings.Contains(err.Error(), "does not give you the role AdministratorAccess in account 222222222222") {
		t.Errorf("a role not given: %v", err)
	}
}
