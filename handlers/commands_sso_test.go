package handlers_test

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/handlers"
	"github.com/rolecall/rolecall/internal/lsptest"
	"github.com/rolecall/rolecall/internal/ssotest"
	"github.com/rolecall/rolecall/internal/ststest"
	"github.com/rolecall/rolecall/internal/syncbuf"
	"github.com/rolecall/rolecall/internal/wire"
	"github.com/rolecall/rolecall/server"
	"github.com/rolecall/rolecall/sso"
)

const ssoStartURL = "https://d-1234567890.awsapps.com/start"

// ssoConfig has one [sso-session] and a legacy profile with its own start URL.
const ssoConfig = "[default]\nregion = eu-west-1\n\n[sso-session corp]\nsso_start_url = " + ssoStartURL + "\nsso_region = eu-west-1\n" +
	"sso_registration_scopes = sso:account:access\n\n[profile old-sso]\nsso_start_url = https://d-0000000000.awsapps.com/start\n" +
	"sso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = ReadOnlyAccess\n"

// ssoFixture is the real server with IAM Identity Center emulated (ssotest) and, when asked, STS (moto),
// both reached through the endpoint variables as a user's SDK would.
type ssoFixture struct {
	t    *testing.T
	c    *lsptest.Client
	idc  *ssotest.Server
	home string
	log  *syncbuf.Buffer
}

func newSSOFixture(t *testing.T, withSTS bool) *ssoFixture {
	t.Helper()
	f := &ssoFixture{t: t, home: t.TempDir(), log: &syncbuf.Buffer{}, idc: ssotest.Start(t, ssotest.Options{})}
	env := map[string]string{"AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL_SSO": f.idc.URL(), "AWS_ENDPOINT_URL_SSO_OIDC": f.idc.URL()}
	if withSTS {
		env["AWS_ENDPOINT_URL_STS"] = ststest.StartMoto(t).URL
	}
	if err := os.MkdirAll(filepath.Join(f.home, ".aws"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f.path("config"), []byte(ssoConfig), 0o600); err != nil {
		t.Fatal(err)
	}
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
	f.c.Initialize(nil)
	return f
}

func (f *ssoFixture) path(name string) string { return filepath.Join(f.home, ".aws", name) }

// tokenFile is where the AWS CLI keeps the sign-in of sso-session name.
func (f *ssoFixture) tokenFile(name string) string {
	sum := sha1.Sum([]byte(name))
	return filepath.Join(f.home, ".aws", "sso", "cache", hex.EncodeToString(sum[:])+".json")
}

// signedIn leaves the token cache as `aws sso login --sso-session corp` would.
func (f *ssoFixture) signedIn() {
	f.t.Helper()
	tok, err := f.idc.SignIn()
	if err != nil {
		f.t.Fatal(err)
	}
	at := func(x time.Time) string { return x.UTC().Format("2006-01-02T15:04:05Z") }
	data := `{"startUrl": "` + ssoStartURL + `", "region": "eu-west-1", "accessToken": "` + tok.AccessToken +
		`", "expiresAt": "` + at(tok.ExpiresAt) + `", "clientId": "` + tok.ClientID + `", "clientSecret": "` + tok.ClientSecret +
		`", "registrationExpiresAt": "` + at(tok.RegistrationExpiresAt) + `", "refreshToken": "` + tok.RefreshToken + `"}`
	os.MkdirAll(filepath.Dir(f.tokenFile("corp")), 0o700)
	if err := os.WriteFile(f.tokenFile("corp"), []byte(data), 0o600); err != nil {
		f.t.Fatal(err)
	}
}

// execute runs a command and fails the test on an error.
func (f *ssoFixture) execute(command string, arg, result any) {
	f.t.Helper()
	if err := f.c.ExecuteCommand(command, arg, result); err != nil {
		f.t.Fatalf("%s %v: %v", command, arg, err)
	}
}

// goCommand sends workspace/executeCommand without waiting for the reply.
func (f *ssoFixture) goCommand(command string, arg any) *lsptest.Pending {
	return f.c.Go(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": command, "arguments": []any{arg}})
}

// awaitProgress waits for the sign-in step of that kind.
func (f *ssoFixture) awaitProgress(kind string) wire.SSOProgress {
	f.t.Helper()
	var got wire.SSOProgress
	f.c.AwaitNotification(wire.SSOProgressNotification, func(params json.RawMessage) bool {
		return json.Unmarshal(params, &got) == nil && got.Kind == kind
	})
	return got
}

// The editor signs in with the device code flow: it hears where to go and which code to confirm, the
// person approves, and the token is cached where the AWS CLI finds it. No token reaches the client.
func TestSSOSignInFromTheEditor(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t, false)
	pending := f.goCommand(wire.CommandSSOLogin, map[string]any{"ssoSession": "corp", "useDeviceCode": true, "id": "sign-in-1"})
	open := f.awaitProgress("open")
	if open.ID != "sign-in-1" || open.Flow != "device-code" || open.UserCode == nil || open.VerificationURI == nil ||
		open.URL == nil || !strings.Contains(*open.URL, *open.UserCode) || open.ExpiresAt == nil || open.Message == "" {
		t.Fatalf("the open step = %+v", open)
	}
	if err := f.idc.ApproveUserCode(*open.UserCode); err != nil {
		t.Fatal(err)
	}
	var st wire.SSOSession
	if err := pending.Wait(&st); err != nil {
		t.Fatalf("sign-in: %v", err)
	}
	if st.Name != "corp" || st.SSOSession == nil || *st.SSOSession != "corp" || !st.SignedIn || st.Expiration == nil ||
		!st.Refreshable || st.StartURL != ssoStartURL {
		t.Errorf("signed in as %+v", st)
	}
	f.awaitProgress("signed-in")

	var all wire.SSOSessions
	f.execute(wire.CommandSSOSessions, map[string]any{}, &all)
	if len(all.Sessions) != 2 || !all.Sessions[0].SignedIn || all.Sessions[1].SignedIn ||
		all.Sessions[1].Profile == nil || *all.Sessions[1].Profile != "old-sso" || all.Sessions[1].SSOSession != nil {
		t.Errorf("sessions = %+v", all)
	}
	data, err := os.ReadFile(f.tokenFile("corp"))
	if err != nil {
		t.Fatalf("no token where the AWS CLI looks: %v", err)
	}
	var cached struct{ AccessToken, RefreshToken string }
	json.Unmarshal(data, &cached)
	out := string(f.c.ServerOutput()) + f.log.String()
	for _, secret := range []string{cached.AccessToken, cached.RefreshToken} {
		if secret == "" || strings.Contains(out, secret) {
			t.Errorf("a token (%d chars) reached the client or the log, or is missing", len(secret))
		}
	}
}

// Cancelling the request stops the sign-in at once and writes nothing.
func TestSSOSignInCancelled(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t, false)
	pending := f.goCommand(wire.CommandSSOLogin, map[string]any{"useDeviceCode": true}) // the only sso-session
	if open := f.awaitProgress("open"); open.ID != "corp" {
		t.Errorf("the progress of an unnamed sign-in is %q, want the session's name", open.ID)
	}
	if err := pending.Cancel(); err != nil {
		t.Fatal(err)
	}
	var re *lsptest.ResponseError
	if err := pending.Wait(nil); !errors.As(err, &re) || re.Code != -32800 {
		t.Fatalf("a cancelled sign-in answered %v, want RequestCancelled", err)
	}
	if _, err := os.Stat(f.tokenFile("corp")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a cancelled sign-in left a token file: %v", err)
	}
}

// Without a sign-in, discovery and a role say "sign in to corp", with the session for the editor's
// Sign In action; a wrong session name says which exist.
func TestSSOCommandsSayToSignIn(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t, false)
	err := f.c.ExecuteCommand(wire.CommandSSOAccounts, map[string]any{"ssoSession": "corp"}, nil)
	if data := commandFailure(t, err, sso.ReasonSignInRequired); data["ssoSession"] != "corp" ||
		!strings.HasPrefix(data["message"].(string), "Sign in to corp") {
		t.Errorf("accounts without a sign-in: %v", data)
	}
	err = f.c.ExecuteCommand(wire.CommandSSOAssume, map[string]any{"ssoSession": "corp", "accountId": "111111111111", "roleName": "ReadOnlyAccess"}, nil)
	if data := commandFailure(t, err, assume.ReasonSourceCredentials); data["ssoReason"] != sso.ReasonSignInRequired || data["ssoSession"] != "corp" {
		t.Errorf("a role without a sign-in: %v", data)
	}
	err = f.c.ExecuteCommand(wire.CommandSSOAccounts, map[string]any{"ssoSession": "crop"}, nil)
	if data := commandFailure(t, err, sso.ReasonConfig); !strings.Contains(data["message"].(string), `did you mean "corp"`) {
		t.Errorf("a misspelt session: %v", data)
	}
	var re *lsptest.ResponseError
	if err := f.c.ExecuteCommand(wire.CommandSSOAssume, map[string]any{"ssoSession": "corp"}, nil); !errors.As(err, &re) || re.Code != -32602 {
		t.Errorf("an assume without account and role: %v, want InvalidParams", err)
	}
}

// Signed in, the editor lists the accounts by name, assumes a role no profile names (it becomes the
// active session, with its sign-in), previews and writes the generated profiles, and the written file
// is clean. Signing out forgets the role session.
func TestSSOAccountsAssumeProfilesAndSignOut(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t, true)
	f.signedIn()
	var dir wire.SSOAccounts
	f.execute(wire.CommandSSOAccounts, map[string]any{"ssoSession": "corp"}, &dir)
	if dir.SSOSession != "corp" || len(dir.Accounts) != 2 || dir.Accounts[0].AccountName != "development" ||
		strings.Join(dir.Accounts[0].Roles, ",") != "AdministratorAccess,ReadOnlyAccess" {
		t.Fatalf("accounts = %+v", dir)
	}

	mark := f.c.Mark()
	var st wire.SessionStatus
	f.execute(wire.CommandSSOAssume, map[string]any{"ssoSession": "corp", "accountId": "111111111111", "roleName": "AdministratorAccess"}, &st)
	if st.Profile != "corp/111111111111/AdministratorAccess" || st.State != assume.StateActive || !strings.HasPrefix(st.AccessKeyID, "ASIA") ||
		st.SSO == nil || st.SSO.Name != "corp" || st.SSO.StartURL != ssoStartURL || st.SSO.Region != "eu-west-1" {
		t.Errorf("assumed %+v (sso %+v)", st, st.SSO)
	}
	var note wire.Status
	f.c.AwaitNotificationSince(mark, wire.StatusNotification, func(p json.RawMessage) bool {
		return json.Unmarshal(p, &note) == nil && note.Active != nil && *note.Active == st.Profile
	})
	if note.Sessions[0].SSO == nil || note.Sessions[0].SSO.Name != "corp" {
		t.Errorf("rolecall/status does not carry the sign-in: %+v", note.Sessions[0])
	}

	before, _ := os.ReadFile(f.path("config"))
	var plan wire.SSOProfilesPlan
	f.execute(wire.CommandSSOProfiles, map[string]any{"ssoSession": "corp", "write": false}, &plan)
	want := "development-AdministratorAccess,development-ReadOnlyAccess,production-ReadOnlyAccess"
	if strings.Join(plan.Added, ",") != want || len(plan.Removed)+len(plan.Kept) != 0 || !plan.Changed || plan.Written ||
		!strings.Contains(plan.Block, "# BEGIN rolecall sso-session corp") || !strings.HasPrefix(plan.Content, string(before)) ||
		!strings.HasSuffix(plan.Content, plan.Block) || plan.ConfigFile != f.path("config") {
		t.Errorf("preview = %+v", plan)
	}
	if after, _ := os.ReadFile(f.path("config")); string(after) != string(before) {
		t.Error("the preview changed the file")
	}
	f.execute(wire.CommandSSOProfiles, map[string]any{"ssoSession": "corp", "write": true}, &plan)
	written, _ := os.ReadFile(f.path("config"))
	if !plan.Written || string(written) != plan.Content {
		t.Errorf("write = %+v; the file holds\n%s", plan, written)
	}
	f.execute(wire.CommandSSOProfiles, map[string]any{"ssoSession": "corp", "write": true}, &plan)
	if plan.Written || plan.Changed || strings.Join(plan.Kept, ",") != want {
		t.Errorf("a second write = %+v, want nothing changed", plan)
	}
	uri := "file://" + filepath.ToSlash(f.path("config"))
	f.c.Open(uri, "aws-config", string(written))
	f.c.AwaitDiagnostics(uri, func(d []protocol.Diagnostic) bool { return d != nil && len(d) == 0 })

	var out wire.SSOSession
	f.execute(wire.CommandSSOLogout, map[string]any{"ssoSession": "corp"}, &out)
	var status wire.Status
	f.execute(wire.CommandStatus, map[string]any{}, &status)
	if out.SignedIn || len(status.Sessions) != 0 || status.Active != nil {
		t.Errorf("after sign-out: %+v, sessions %+v", out, status)
	}
}
