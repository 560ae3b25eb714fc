package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rolecall/rolecall/assume"
)

const exampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

// Every fixture (the files the extension's tests decode too) decodes into its Go type with no field
// left over, and encodes back to the same JSON: a field added, renamed or made nullable on one side
// fails here until the fixture, and so the extension's test, follows.
func TestFixturesRoundTrip(t *testing.T) {
	for file, v := range map[string]any{
		"session-status.json": &SessionStatus{},
		"status.json":         &Status{},
		"status-empty.json":   &Status{},
		"profiles.json":       &Profiles{},
		"credentials.json":    &Credentials{},
		"endpoint.json":       &Endpoint{},
		"console.json":        &ConsoleURL{},
	} {
		t.Run(file, func(t *testing.T) {
			data := readFixture(t, file)
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(v); err != nil {
				t.Fatalf("%s does not decode as %T: %v", file, v, err)
			}
			got, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			assertSameJSON(t, got, data)
		})
	}
}

// The engine's values become exactly the fixtures: null where there is nothing (error, refreshAt,
// active), no note when there is none, times in UTC whole seconds whatever the zone they were in.
func TestConversionsGiveTheFixtures(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	exp := time.Date(2026, 11, 27, 12, 0, 0, 0, paris)
	dev := assume.SessionStatus{Profile: "dev-admin", RoleArn: "arn:aws:iam::111122223333:role/Admin",
		AssumedRoleArn: "arn:aws:sts::111122223333:assumed-role/Admin/rolecall-jo-1795774800", AccountID: "111122223333",
		Region: "eu-west-1", Expiration: exp, State: assume.StateActive, AccessKeyID: "ASIA…MPLE",
		Chain: []string{"dev-admin", "base"}, MFA: true, AutoRefresh: true, RefreshAt: exp.Add(-5 * time.Minute),
		ExpiringAt: exp.Add(-10 * time.Minute), Source: assume.SourceMFASession}
	prodExp := time.Date(2026, 11, 27, 10, 30, 0, 0, time.UTC)
	prod := assume.SessionStatus{Profile: "prod-admin", RoleArn: "arn:aws:iam::444455556666:role/Admin",
		AssumedRoleArn: "arn:aws:sts::444455556666:assumed-role/Admin/jo-prod", AccountID: "444455556666", Region: "us-east-1",
		Expiration: prodExp, State: assume.StateError,
		Error: "STS refused to let arn:aws:sts::111122223333:assumed-role/Admin/rolecall-jo-1795774800 assume " +
			"arn:aws:iam::444455556666:role/Admin (AccessDenied): check the role's trust policy",
		AccessKeyID: "ASIA…7XYZ", Chain: []string{"prod-admin", "dev-admin", "base"}, MFA: true, MFAEachRefresh: true, AutoRefresh: true,
		ExpiringAt: prodExp.Add(-10 * time.Minute), Source: assume.SourceSTS,
		Note: `profile "prod-admin" asks for duration_seconds = 7200, more than the hour that roles assumed from an MFA session ` +
			"are often held to, so the MFA code was sent with AssumeRole itself; renewing this session needs a new code"}
	creds := assume.SessionCredentials{Profile: "dev-admin", AccessKeyID: "ASIAIOSFODNN7EXAMPLE", SecretAccessKey: exampleSecret,
		SessionToken: "IQoJb3JpZ2luX2VjEXAMPLETOKEN", Expiration: exp, Region: "eu-west-1"}
	for file, v := range map[string]any{
		"session-status.json": NewSessionStatus(dev),
		"status.json":         NewStatus(assume.StoreStatus{Active: "dev-admin", Sessions: []assume.SessionStatus{dev, prod}}),
		"status-empty.json":   NewStatus(assume.StoreStatus{}),
		"credentials.json":    NewCredentials(creds),
	} {
		got, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(file, func(t *testing.T) { assertSameJSON(t, got, readFixture(t, file)) })
	}
}

// The data of an error reply is the engine's: the fixture the extension reads is what it would get.
func TestErrorFixtureIsTheEngines(t *testing.T) {
	var reply struct {
		Message string         `json:"message"`
		Data    map[string]any `json:"data"`
	}
	if err := json.Unmarshal(readFixture(t, "error-mfa-required.json"), &reply); err != nil {
		t.Fatal(err)
	}
	err := error(&assume.MFARequiredError{Profile: "dev-admin", Serial: "arn:aws:iam::111122223333:mfa/jo", SerialProfile: "base"})
	_, data, ok := assume.ErrorData(err)
	if !ok || !reflect.DeepEqual(data, reply.Data) || err.Error() != reply.Message {
		t.Errorf("the engine gives %q with %v; the fixture says %q with %v", err, data, reply.Message, reply.Data)
	}
}

// The examples of docs/commands.md are what the server sends, key for key and in order.
func TestDocumentedExamples(t *testing.T) {
	want := jsonBlockAfter(t, "## Session status")
	var st SessionStatus
	dec := json.NewDecoder(bytes.NewReader(want))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		t.Fatalf("the documented status does not fit SessionStatus: %v", err)
	}
	if got, _ := json.Marshal(st); !bytes.Equal(got, want) {
		t.Errorf("SessionStatus marshals to\n%s\nthe contract says\n%s", got, want)
	}
	for heading, v := range map[string]any{"## `rolecall-ls.profiles`": &Profiles{}, "## `rolecall-ls.credentials`": &Credentials{}} {
		doc := jsonBlockAfter(t, heading)
		dec := json.NewDecoder(bytes.NewReader(doc))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			t.Errorf("the example under %s does not fit %T: %v", heading, v, err)
			continue
		}
		got, _ := json.Marshal(v)
		assertSameJSON(t, got, doc)
	}
}

// Credentials print masked in every fmt and slog form; only their JSON carries the secrets.
func TestCredentialsHideInLogs(t *testing.T) {
	var c Credentials
	if err := json.Unmarshal(readFixture(t, "credentials.json"), &c); err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("got", "creds", c)
	for _, text := range []string{fmt.Sprintf("%v %+v %#v %s", c, c, c, c), logged.String()} {
		if strings.Contains(text, c.SecretAccessKey) || strings.Contains(text, c.SessionToken) || strings.Contains(text, c.AccessKeyID) {
			t.Errorf("formatted credentials carry a secret: %s", text)
		}
		if !strings.Contains(text, "ASIA…MPLE") {
			t.Errorf("formatted credentials lack the masked key: %s", text)
		}
	}
}

// An assume needs its profile; a refresh does not.
func TestAssumeArgsValidate(t *testing.T) {
	if err := (&AssumeArgs{}).Validate(); err == nil || !strings.Contains(err.Error(), "profile") {
		t.Errorf("an assume without a profile: %v", err)
	}
	if err := (&AssumeArgs{Profile: "dev"}).Validate(); err != nil {
		t.Errorf("an assume of dev: %v", err)
	}
	if _, ok := any(&RefreshArgs{}).(interface{ Validate() error }); ok {
		t.Error("refresh has defaults for every field; it needs no validation")
	}
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// assertSameJSON compares two JSON texts as values: same keys, same nulls, same numbers and strings.
func assertSameJSON(t *testing.T, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: %v", got, err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("%s: %v", want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("got  %s\nwant %s", got, bytes.Join(bytes.Fields(want), []byte(" ")))
	}
}

// jsonBlockAfter returns the first ```json block after heading in docs/commands.md, compacted.
func jsonBlockAfter(t *testing.T, heading string) []byte {
	t.Helper()
	doc, err := os.ReadFile("../../docs/commands.md")
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
