package handlers_test

import (
	"encoding/json"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/internal/wire"
)

// Credentials returns the secrets of the active session (or a named one), matching its status.
func TestCredentialsCommand(t *testing.T) {
	t.Parallel()
	f := newSessionFixture(t, sessionConfig, sessionCredentials, true, nil)
	st := f.assume("dev", "")
	var creds wire.Credentials
	if err := f.c.ExecuteCommand(wire.CommandCredentials, nil, &creds); err != nil {
		t.Fatal(err)
	}
	if creds.Profile != "dev" || awsfiles.MaskAccessKeyID(creds.AccessKeyID) != st.AccessKeyID || creds.SecretAccessKey == "" ||
		creds.SessionToken == "" || !creds.Expiration.Equal(st.Expiration.Time) || creds.Region != "eu-west-1" {
		t.Errorf("credentials %v do not match the session %+v", creds, st)
	}
	var named wire.Credentials
	if err := f.c.ExecuteCommand(wire.CommandCredentials, profileArg("dev", ""), &named); err != nil || named != creds {
		t.Errorf("credentials of dev by name: %v (%v)", named, err)
	}
	commandFailure(t, f.c.ExecuteCommand(wire.CommandCredentials, profileArg("read", ""), nil), assume.ReasonNoSession)
}

// A whole session with known secrets: open the credentials file, hover its keys, assume, refresh, a
// failed assume, status, forget, all with debug logging. No secret (the source keys' secret and token,
// the returned SecretAccessKey and SessionToken, any unmasked access key ID) appears in anything the
// server wrote except the results of rolecall-ls.credentials, nor in its log.
func TestSessionLeaksNoSecret(t *testing.T) {
	t.Parallel()
	const sourceToken = "IQoJb3JpZ2luX2VjEXAMPLESOURCETOKEN"
	credentials := sessionCredentials + "\n[temp]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = temp-" + exampleSecret +
		"\naws_session_token = " + sourceToken + "\n"
	f := newSessionFixture(t, sessionConfig, credentials, true, nil)
	secrets := []string{exampleSecret, sourceToken, exampleKeyID, "ASIAIOSFODNN7EXAMPLE"}

	uri := "file://" + f.path("credentials")
	f.c.Open(uri, "aws-credentials", credentials)
	f.c.AwaitDiagnostics(uri, nil)
	for line := 2; line <= 9; line++ {
		var hover *protocol.Hover
		if err := f.c.Request(protocol.MethodTextDocumentHover, map[string]any{"textDocument": map[string]any{"uri": uri},
			"position": map[string]any{"line": line, "character": 25}}, &hover); err != nil {
			t.Fatalf("hover on line %d: %v", line, err)
		}
	}

	var secretResults []string
	takeCredentials := func() {
		resp, err := f.c.Go(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": wire.CommandCredentials,
			"arguments": []any{map[string]any{}}}).Response()
		if err != nil || resp.Error != nil {
			t.Fatalf("credentials: %v %v", err, resp.Error)
		}
		var creds wire.Credentials
		if err := json.Unmarshal(resp.Result, &creds); err != nil {
			t.Fatal(err)
		}
		secrets = append(secrets, creds.AccessKeyID, creds.SecretAccessKey, creds.SessionToken)
		secretResults = append(secretResults, string(resp.Result))
	}
	f.assume("dev", "")
	takeCredentials()
	if err := f.c.ExecuteCommand(wire.CommandRefresh, nil, nil); err != nil {
		t.Fatal(err)
	}
	takeCredentials()
	f.status()
	f.moto.EnableAuth(t) // the EXAMPLE source key is unknown to moto: the next assume fails
	err := f.c.ExecuteCommand(wire.CommandAssume, profileArg("admin", "123456"), nil)
	data := commandFailure(t, err, assume.ReasonSourceCredentials)
	if !strings.Contains(data["message"].(string), "AKIA…MPLE") {
		t.Errorf("the failure does not name the masked key: %v", data["message"])
	}
	if err := f.c.ExecuteCommand(wire.CommandForget, profileArg("dev", ""), nil); err != nil {
		t.Fatal(err)
	}
	if code := f.c.Shutdown(); code != 0 {
		t.Errorf("exit status %d", code)
	}

	assertNoSecrets(t, string(f.c.ServerOutput()), f.log.String(), secrets, secretResults)
	if len(f.c.Notifications(wire.StatusNotification)) < 3 { // assume, refresh, forget
		t.Errorf("only %d rolecall/status notifications in a whole session", len(f.c.Notifications(wire.StatusNotification)))
	}
}

// assertNoSecrets checks that none of secrets is in the server's output once the credentials results
// (which must be there, as received) are cut out, nor in its debug log.
func assertNoSecrets(t *testing.T, out, logText string, secrets, credentialResults []string) {
	t.Helper()
	for _, r := range credentialResults {
		if !strings.Contains(out, r) {
			t.Fatalf("a credentials result is not in the server's output as received")
		}
		out = strings.ReplaceAll(out, r, `"<the credentials result>"`)
	}
	if !strings.Contains(logText, "level=DEBUG") {
		t.Fatalf("debug logging did not reach the buffer")
	}
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("the server's output carries the secret %s…", s[:8])
		}
		if strings.Contains(logText, s) {
			t.Errorf("the server's log carries the secret %s…", s[:8])
		}
	}
}
