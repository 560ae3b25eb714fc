package assume

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

// jsonBlockAfter returns the first ```json block after heading in docs/commands.md, compacted.
func jsonBlockAfter(t *testing.T, heading string) []byte {
	t.Helper()
	doc, err := os.ReadFile("../docs/commands.md")
	if err != nil {
		t.Fatalf("the contract docs/commands.md: %v", err)
	}
	_, rest, ok := strings.Cut(string(doc), heading)
	if !ok {
		t.Fatalf("docs/commands.md has no %q", heading)
	}
	_, rest, _ = strings.Cut(rest, "```json\n")
	block, _, _ := strings.Cut(rest, "```")
	var out bytes.Buffer
	if err := json.Compact(&out, []byte(block)); err != nil {
		t.Fatalf("the example under %q is not JSON: %v", heading, err)
	}
	return out.Bytes()
}

// SessionStatus marshals to exactly the object of docs/commands.md: same keys, same order, same forms.
func TestSessionStatusMatchesTheContract(t *testing.T) {
	want := jsonBlockAfter(t, "## Session status")
	var st SessionStatus
	dec := json.NewDecoder(bytes.NewReader(want))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		t.Fatalf("the documented status does not fit SessionStatus: %v", err)
	}
	got, _ := json.Marshal(st)
	if !bytes.Equal(got, want) {
		t.Errorf("SessionStatus marshals to\n%s\nthe contract says\n%s", got, want)
	}
	empty, _ := json.Marshal(StoreStatus{Sessions: []SessionStatus{}})
	if string(empty) != `{"active":null,"sessions":[]}` {
		t.Errorf("empty store status: %s", empty)
	}
}

func TestCredentialsMatchTheContractAndHideInLogs(t *testing.T) {
	var documented map[string]any
	json.Unmarshal(jsonBlockAfter(t, "## `rolecall-ls.credentials`"), &documented)
	c := SessionCredentials{Profile: "dev-admin", AccessKeyID: "ASIAIOSFODNN7EXAMPLE", SecretAccessKey: exampleSecret,
		SessionToken: "session-token-EXAMPLE", Expiration: UTCTime{time.Date(2026, 11, 27, 11, 0, 0, 0, time.UTC)}, Region: "eu-west-1"}
	data, _ := json.Marshal(c)
	var ours map[string]any
	json.Unmarshal(data, &ours)
	if keys(ours) != keys(documented) || ours["expiration"] != "2026-11-27T11:00:00Z" {
		t.Errorf("credentials JSON %s; documented keys %s", data, keys(documented))
	}
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("got", "creds", c)
	for _, text := range []string{fmt.Sprint(c), fmt.Sprintf("%v %+v %#v %s", c, c, c, c), logged.String()} {
		assertNoSecret(t, "formatted credentials", text, c.SessionToken)
		if !strings.Contains(text, "ASIA…MPLE") {
			t.Errorf("formatted credentials lack the masked key: %s", text)
		}
	}
}

func keys(m map[string]any) string {
	var k []string
	for key := range m {
		k = append(k, key)
	}
	sort.Strings(k)
	return strings.Join(k, ",")
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
