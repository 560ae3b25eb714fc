package assume

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/internal/ststest"
)

// A two-hop chain (keys → Mid → Admin) passes every setting of each profile exactly as written, asks
// for the MFA code of the second hop without prompting, and continues after the first hop when the
// code arrives.
func TestTwoHopChainSendsEverySetting(t *testing.T) {
	t.Parallel()
	f := newSTSFixture(t, Options{})
	mid := RoleHop{Profile: "mid", RoleArn: "arn:aws:iam::111122223333:role/Mid", ExternalID: "ext-mid-1", SessionName: "mid-session"}
	admin := RoleHop{Profile: "dev-admin", RoleArn: "arn:aws:iam::444455556666:role/Admin", ExternalID: "ext-admin-2",
		MFASerial: mfaSerial, DurationSeconds: 900}
	plan := f.plan("dev-admin", baseKeys(), mid, admin)
	plan.Region = "eu-west-1"
	ctx := context.Background()

	_, err := f.store.Assume(ctx, plan, "")
	var need *MFARequiredError
	if !errors.As(err, &need) || need.Serial != mfaSerial || need.Profile != "dev-admin" || need.SerialProfile != "dev-admin" {
		t.Fatalf("first assume: %v, want MFARequiredError for %s", err, mfaSerial)
	}
	mustReason(t, err, ReasonMFARequired)

	before := time.Now().Add(-2 * time.Second)
	st, err := f.store.Assume(ctx, plan, "123456")
	if err != nil {
		t.Fatalf("assume with the code: %v", err)
	}

	calls := f.proxy.Calls("AssumeRole")
	if len(calls) != 2 {
		t.Fatalf("AssumeRole was called %d times, want 2 (Mid once, kept in memory; Admin once)", len(calls))
	}
	first, second := calls[0].Params, calls[1].Params
	expectParams(t, "first hop", first, map[string]string{"RoleArn": mid.RoleArn, "ExternalId": "ext-mid-1",
		"RoleSessionName": "mid-session", "DurationSeconds": "3600", "SerialNumber": "", "TokenCode": ""})
	if calls[0].AccessKeyID != exampleKeyID || calls[0].WithSessionToken {
		t.Errorf("first hop signed by %s (token: %v), want the source's long-term key", calls[0].AccessKeyID, calls[0].WithSessionToken)
	}
	expectParams(t, "second hop", second, map[string]string{"RoleArn": admin.RoleArn, "ExternalId": "ext-admin-2",
		"DurationSeconds": "900", "SerialNumber": mfaSerial, "TokenCode": "123456"})
	if !regexp.MustCompile(`^rolecall-tester-\d{10}$`).MatchString(second.Get("RoleSessionName")) {
		t.Errorf("default session name = %q, want rolecall-tester-<unix time>", second.Get("RoleSessionName"))
	}
	if !strings.HasPrefix(calls[1].AccessKeyID, "ASIA") || !calls[1].WithSessionToken {
		t.Errorf("second hop signed by %s, want the first hop's role session", calls[1].AccessKeyID)
	}
	if n := f.proxy.Count("GetCallerIdentity"); n != 0 {
		t.Errorf("GetCallerIdentity called %d times, want 0 (AssumeRole names the role)", n)
	}
	checkChainStatus(t, st, admin.RoleArn, before)
	creds, err := f.store.Credentials("")
	if err != nil || awsfiles.MaskAccessKeyID(creds.AccessKeyID) != st.AccessKeyID || creds.SecretAccessKey == "" || creds.SessionToken == "" {
		t.Fatalf("credentials of the active session: %v, %v", creds, err)
	}
	assertNoSecret(t, "status JSON", fmtJSON(f.store.Status()), creds.SecretAccessKey, creds.SessionToken)
}

func expectParams(t *testing.T, what string, got url.Values, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got.Get(k) != v {
			t.Errorf("%s sent %s=%q, want %q", what, k, got.Get(k), v)
		}
	}
}

// checkChainStatus checks the status of the dev-admin session of TestTwoHopChainSendsEverySetting.
func checkChainStatus(t *testing.T, st SessionStatus, roleArn string, before time.Time) {
	t.Helper()
	if st.Profile != "dev-admin" || st.RoleArn != roleArn || st.AccountID != "444455556666" || st.Region != "eu-west-1" ||
		st.State != StateActive || st.Source != SourceSTS || !st.MFA || !st.RefreshAt.IsZero() || st.Error != "" {
		t.Errorf("status = %+v", st)
	}
	if !strings.HasPrefix(st.AssumedRoleArn, "arn:aws:sts::444455556666:assumed-role/Admin/rolecall-tester-") {
		t.Errorf("assumed role ARN = %q", st.AssumedRoleArn)
	}
	if want := []string{"dev-admin", "mid", "base"}; strings.Join(st.Chain, ",") != strings.Join(want, ",") {
		t.Errorf("chain = %v, want %v", st.Chain, want)
	}
	if d := st.Expiration.Sub(before); d < 900*time.Second || d > 905*time.Second {
		t.Errorf("expiration is %s after the assume, want the 900 s asked for", d)
	}
	if !regexp.MustCompile(`^ASIA…[A-Z0-9]{4}$`).MatchString(st.AccessKeyID) {
		t.Errorf("status access key = %q, want masked ASIA…XXXX", st.AccessKeyID)
	}
}

// Two roles from the same keys and MFA device need one code: one GetSessionToken, then both roles,
// and their refreshes, are assumed with the MFA session without sending a code.
func TestMFASessionSharedByTwoRoles(t *testing.T) {
	t.Parallel()
	f := newSTSFixture(t, Options{DisableCLICache: true})
	dev := f.plan("dev", baseKeys(), RoleHop{Profile: "dev", RoleArn: "arn:aws:iam::111122223333:role/Dev", MFASerial: mfaSerial})
	ops := f.plan("ops", baseKeys(), RoleHop{Profile: "ops", RoleArn: "arn:aws:iam::111122223333:role/Ops", MFASerial: mfaSerial})
	ctx := context.Background()

	if _, err := f.store.Assume(ctx, dev, ""); !errors.As(err, new(*MFARequiredError)) {
		t.Fatalf("assume without a code: %v, want MFARequiredError", err)
	}
	if n := len(f.proxy.Calls("")); n != 0 {
		t.Fatalf("%d STS calls before the code was given, want 0", n)
	}
	if _, err := f.store.Assume(ctx, dev, "123456"); err != nil {
		t.Fatal(err)
	}
	stOps, err := f.store.Assume(ctx, ops, "")
	if err != nil {
		t.Fatalf("second role from the same keys and serial asked again: %v", err)
	}
	if _, err := f.store.Refresh(ctx, "dev", ""); err != nil {
		t.Fatalf("refresh with a live MFA session asked for a code: %v", err)
	}

	tokens := f.proxy.Calls("GetSessionToken")
	if len(tokens) != 1 {
		t.Fatalf("GetSessionToken called %d times, want 1", len(tokens))
	}
	p := tokens[0].Params
	if p.Get("SerialNumber") != mfaSerial || p.Get("TokenCode") != "123456" || p.Get("DurationSeconds") != "43200" {
		t.Errorf("GetSessionToken sent %v, want the serial, the code and 43200 s", p)
	}
	assumes := f.proxy.Calls("AssumeRole")
	if len(assumes) != 3 {
		t.Fatalf("AssumeRole called %d times, want 3 (dev, ops, dev's refresh)", len(assumes))
	}
	for i, c := range assumes {
		if c.Params.Has("SerialNumber") || c.Params.Has("TokenCode") || !c.WithSessionToken {
			t.Errorf("AssumeRole %d sent serial %q / code %q (signed with a session token: %v), want neither, signed with the MFA session",
				i, c.Params.Get("SerialNumber"), c.Params.Get("TokenCode"), c.WithSessionToken)
		}
		if c.Params.Get("DurationSeconds") != "3600" {
			t.Errorf("AssumeRole %d sent DurationSeconds=%s, want 3600 when not written", i, c.Params.Get("DurationSeconds"))
		}
	}
	if stOps.Source != SourceMFASession || stOps.RefreshAt.IsZero() || !stOps.MFA || stOps.MFAEachRefresh {
		t.Errorf("ops status = %+v, want source mfa-session and a refresh time (the MFA session outlives it)", stOps)
	}
}

// A hop asking for more than an hour gets its MFA code on AssumeRole itself (no MFA session), and the
// status says why.
func TestLongDurationSendsMFAWithAssumeRole(t *testing.T) {
	t.Parallel()
	f := newSTSFixture(t, Options{DisableCLICache: true})
	plan := f.plan("long", baseKeys(), RoleHop{Profile: "long", RoleArn: adminRole, MFASerial: mfaSerial, DurationSeconds: 7200})
	st, err := f.store.Assume(context.Background(), plan, "654321")
	if err != nil {
		t.Fatal(err)
	}
	if n := f.proxy.Count("GetSessionToken"); n != 0 {
		t.Errorf("GetSessionToken called %d times, want 0", n)
	}
	calls := f.proxy.Calls("AssumeRole")
	if len(calls) != 1 || calls[0].Params.Get("TokenCode") != "654321" || calls[0].Params.Get("SerialNumber") != mfaSerial ||
		calls[0].Params.Get("DurationSeconds") != "7200" || calls[0].WithSessionToken {
		t.Fatalf("AssumeRole calls = %+v", calls)
	}
	if !strings.Contains(st.Note, "duration_seconds = 7200") || !st.RefreshAt.IsZero() || !st.MFAEachRefresh {
		t.Errorf("status note %q, refreshAt %v, MFAEachRefresh %v: want the reason, no auto-refresh, a code on each refresh",
			st.Note, st.RefreshAt, st.MFAEachRefresh)
	}
}

// With signature checks on, the user's own key works; a wrong secret or an unknown key fails with a
// message that names the source profile and its file:line (and not the secret); a user whom no policy
// allows sts:AssumeRole gets access-denied naming the caller and the role.
func TestSignaturesChecked(t *testing.T) {
	t.Parallel()
	f := newSTSFixture(t, Options{DisableCLICache: true})
	id, secret := f.moto.CreateUser(t, "jo", ststest.AllowAllSTS)
	idNoPolicy, secretNoPolicy := f.moto.CreateUser(t, "nopolicy", "")
	f.moto.EnableAuth(t)
	ctx := context.Background()
	hop := RoleHop{Profile: "admin", RoleArn: adminRole}
	keys := func(id, secret string) Source {
		src := baseKeys()
		src.AccessKeyID, src.SecretAccessKey = id, secret
		return src
	}

	if _, err := f.store.Assume(ctx, f.plan("admin", keys(id, secret), hop), ""); err != nil {
		t.Fatalf("assume with the user's own key: %v", err)
	}

	wrong := secret[:len(secret)-4] + "ABCD"
	_, err := f.store.Assume(ctx, f.plan("admin", keys(id, wrong), hop), "")
	re := mustReason(t, err, ReasonSourceCredentials, wrong, secret)
	msg := err.Error()
	t.Logf("wrong secret: %s", msg)
	for _, want := range []string{`profile "base" (/home/jo/.aws/credentials:3)`, "SignatureDoesNotMatch", awsfiles.MaskAccessKeyID(id), "aws_secret_access_key"} {
		if !strings.Contains(msg, want) {
			t.Errorf("wrong-secret message %q lacks %q", msg, want)
		}
	}
	if d := re.Data(); d["sourceProfile"] != "base" || d["profile"] != "admin" {
		t.Errorf("data = %v", d)
	}

	_, err = f.store.Assume(ctx, f.plan("admin", keys("AKIAI44QH8DHBEXAMPLE", secret), hop), "")
	mustReason(t, err, ReasonSourceCredentials, secret)
	if !strings.Contains(err.Error(), "InvalidClientTokenId") {
		t.Errorf("unknown key message: %v", err)
	}

	_, err = f.store.Assume(ctx, f.plan("admin", keys(idNoPolicy, secretNoPolicy), hop), "")
	mustReason(t, err, ReasonAccessDenied, secretNoPolicy)
	t.Logf("no policy: %s", err)
	if want := "STS refused to let arn:aws:iam::123456789012:user/nopolicy assume " + adminRole; !strings.Contains(err.Error(), want) {
		t.Errorf("access denied message %q lacks %q", err, want)
	}
	assertNoSecret(t, "status", fmtJSON(f.store.Status()), secret, wrong, secretNoPolicy)
}

func fmtJSON(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}

// A keys profile without roles gets a session from GetSessionToken: an MFA session when it has
// mfa_serial, which a role from the same keys and serial then reuses without a code.
func TestKeysProfileSessions(t *testing.T) {
	t.Parallel()
	f := newSTSFixture(t, Options{DisableCLICache: true})
	ctx := context.Background()
	plain, err := f.store.Assume(ctx, f.plan("base", baseKeys()), "")
	if err != nil {
		t.Fatal(err)
	}
	if c := f.proxy.Calls("GetSessionToken"); len(c) != 1 || c[0].Params.Has("SerialNumber") || plain.RefreshAt.IsZero() || plain.RoleArn != "" {
		t.Errorf("plain keys: calls %+v, status %+v", c, plain)
	}

	src := baseKeys()
	src.MFASerial = mfaSerial
	if _, err := f.store.Assume(ctx, f.plan("base", src), ""); !errors.As(err, new(*MFARequiredError)) {
		t.Fatalf("keys with mfa_serial, no code: %v", err)
	}
	st, err := f.store.Assume(ctx, f.plan("base", src), "123456")
	if err != nil {
		t.Fatal(err)
	}
	if !st.MFA || !st.RefreshAt.IsZero() || st.AssumedRoleArn != "arn:aws:sts::123456789012:user/moto" {
		t.Errorf("MFA session status %+v (renewing it needs a code)", st)
	}
	if _, err := f.store.Assume(ctx, f.plan("dev", baseKeys(), RoleHop{Profile: "dev", RoleArn: adminRole, MFASerial: mfaSerial}), ""); err != nil {
		t.Fatalf("a role from the same keys and serial asked again: %v", err)
	}
	if n := f.proxy.Count("GetSessionToken"); n != 2 {
		t.Errorf("GetSessionToken called %d times, want 2 (plain, then the MFA session)", n)
	}
}
