package assume

import (
	"bytes"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Printing a session's credentials in any fmt or slog form shows the masked key and no secret.
func TestCredentialsHideInLogs(t *testing.T) {
	c := SessionCredentials{Profile: "dev-admin", AccessKeyID: "ASIAIOSFODNN7EXAMPLE", SecretAccessKey: exampleSecret,
		SessionToken: "session-token-EXAMPLE", Expiration: time.Date(2026, 11, 27, 11, 0, 0, 0, time.UTC), Region: "eu-west-1"}
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("got", "creds", c)
	for _, text := range []string{fmt.Sprint(c), fmt.Sprintf("%v %+v %#v %s", c, c, c, c), logged.String()} {
		assertNoSecret(t, "formatted credentials", text, c.SessionToken)
		if !strings.Contains(text, "ASIA…MPLE") || !strings.Contains(text, "2026-11-27T11:00:00Z") {
			t.Errorf("formatted credentials lack the masked key or the expiry: %s", text)
		}
	}
}

func TestErrorData(t *testing.T) {
	reason, data, ok := ErrorData(fmt.Errorf("wrapped: %w", &MFARequiredError{Profile: "dev", Serial: mfaSerial}))
	if !ok || reason != ReasonMFARequired || !reflect.DeepEqual(data, map[string]any{"reason": "mfa-required", "profile": "dev", "mfaSerial": mfaSerial}) {
		t.Errorf("ErrorData = %q, %v, %v", reason, data, ok)
	}
	if _, _, ok := ErrorData(fmt.Errorf("plain")); ok {
		t.Error("ErrorData accepted a foreign error")
	}
}

func TestDefaultSessionName(t *testing.T) {
	now := time.Unix(1795774800, 0)
	cases := map[string]string{
		"jo":                    "rolecall-jo-1795774800",
		`CORP\jo smith`:         "rolecall-CORP-jo-smith-1795774800",
		"jö":                    "rolecall-j--1795774800",
		strings.Repeat("a", 80): "rolecall-" + strings.Repeat("a", 44) + "-1795774800",
	}
	for user, want := range cases {
		got := defaultSessionName(user, now)
		if got != want || len(got) > 64 {
			t.Errorf("defaultSessionName(%q) = %q, want %q", user, got, want)
		}
	}
	if got := sanitizeSessionName("x"); got != "x-" {
		t.Errorf("sanitizeSessionName(x) = %q", got)
	}
}

func TestPlanChainAndValidation(t *testing.T) {
	p := Plan{Profile: "self", Source: Source{Kind: StaticKeys, Profile: "self", AccessKeyID: exampleKeyID, SecretAccessKey: exampleSecret},
		Roles: []RoleHop{{Profile: "self", RoleArn: adminRole}}}
	if got := p.chain(); !reflect.DeepEqual(got, []string{"self"}) {
		t.Errorf("chain of a self-sourced profile = %v", got)
	}
	bad := []Plan{
		{},
		{Profile: "r", Source: Source{Kind: StaticKeys, Profile: "b"}},
		{Profile: "r", Source: baseKeys(), Roles: []RoleHop{{Profile: "r"}}},
		{Profile: "r", Source: baseKeys(), Roles: []RoleHop{{Profile: "r", RoleArn: adminRole, DurationSeconds: -1}}},
		{Profile: "r", Source: Source{Kind: CredentialSource, Profile: "b", CredentialSource: "environment"}},
		{Profile: "r", Source: Source{Kind: SSO, Profile: "b"}},
	}
	for _, p := range bad {
		err := p.validate()
		if err == nil {
			t.Errorf("plan %+v passed validation", p)
			continue
		}
		mustReason(t, err, ReasonProfileInvalid)
	}
}

// Printing a plan or the engine's credentials in any fmt form shows no secret.
func TestPlansAndCredentialsPrintWithoutSecrets(t *testing.T) {
	src := baseKeys()
	src.SessionToken = "session-token-EXAMPLE"
	p := Plan{Profile: "admin", Source: src, Roles: []RoleHop{{Profile: "admin", RoleArn: adminRole}}}
	c := credentials{exampleKeyID, exampleSecret, "session-token-EXAMPLE", time.Now()}
	for _, text := range []string{fmt.Sprintf("%v %+v %#v %s", p, p, p, src), fmt.Sprintf("%v %+v %#v %+v %#v", c, c, hopResult{creds: c}, result{creds: c}, []hopResult{{creds: c}})} {
		assertNoSecret(t, "formatted value", text, src.SessionToken)
		if !strings.Contains(text, "AKIA…MPLE") {
			t.Errorf("formatted value lacks the masked key: %s", text)
		}
	}
}
