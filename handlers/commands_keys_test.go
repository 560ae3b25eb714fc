package handlers

import (
	"os"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
	"github.com/rolecall/rolecall/internal/keychaintest"
	"github.com/rolecall/rolecall/internal/wire"
)

const plaintextCredentials = "# keys\n[kc-editor]\nregion = eu-west-1\naws_access_key_id = " + exampleKeyID +
	"\naws_secret_access_key = " + exampleSecret + "\n[other]\nregion = us-east-1\n"

// A user sees the hint on plaintext keys, picks "Move these keys to the keychain", and the server moves
// them: the keys are in the Secret Service, the file on disk has the credential_process line instead, and
// nothing the server sent or logged holds the secret.
func TestQuickFixMovesPlaintextKeysToTheKeychain(t *testing.T) {
	keychaintest.Require(t)
	w := newWorkspace(t, "", plaintextCredentials)
	w.env["ROLECALL_KEYCHAIN_BACKEND"] = "secret-service"
	w.init(nil)
	uri := w.openCredentials(plaintextCredentials)
	d := diagnosticWithCode(t, w.awaitCode(uri, rules.CodePlaintextKeys, 3), rules.CodePlaintextKeys)
	if d.Severity != protocol.DiagnosticSeverityHint {
		t.Errorf("severity %v, want hint", d.Severity)
	}
	var move *protocol.CodeAction
	for _, a := range codeActions(t, w, uri, d) {
		if a.Title == "Move these keys to the keychain" {
			move = &a
		}
	}
	if move == nil || move.Command.Command != wire.CommandKeysImport || len(move.Command.Arguments) != 1 {
		t.Fatalf("no keychain action with the import command: %+v", move)
	}
	var res wire.KeysImportResult
	if err := w.c.ExecuteCommand(move.Command.Command, move.Command.Arguments[0], &res); err != nil {
		t.Fatalf("%s: %v", wire.CommandKeysImport, err)
	}
	if res.Profile != "kc-editor" || res.AccessKeyID != "AKIA…MPLE" || !strings.Contains(res.Keychain, "Secret Service") ||
		res.CredentialsFile != w.CredentialsPath {
		t.Errorf("result %+v", res)
	}
	disk, _ := os.ReadFile(w.CredentialsPath)
	want := strings.Replace(plaintextCredentials, "aws_access_key_id = "+exampleKeyID+"\naws_secret_access_key = "+exampleSecret+"\n",
		awsfiles.KeychainMarker+" (`rolecall keys export kc-editor` puts them back)\ncredential_process = "+awsfiles.KeychainProcess("kc-editor")+"\n", 1)
	if string(disk) != want {
		t.Fatalf("credentials on disk:\n%s\nwant:\n%s", disk, want)
	}
	w.c.Change(uri, string(disk)) // the editor reloads the file it shows
	w.c.AwaitDiagnostics(uri, func(ds []protocol.Diagnostic) bool { return !hasAnyCode(ds, rules.CodePlaintextKeys) })

	var again wire.KeysImportResult
	err := w.c.ExecuteCommand(wire.CommandKeysImport, map[string]string{"profile": "kc-editor"}, &again)
	if err == nil || !strings.Contains(err.Error(), "already in the keychain") {
		t.Errorf("a second import: %v", err)
	}
	w.assertNoSecrets(exampleSecret)
}

// rolecall.hints.plaintextKeys = false silences the hint, and turning it back on brings it back.
func TestPlaintextKeysHintFollowsItsSetting(t *testing.T) {
	w := newWorkspace(t, "", plaintextCredentials)
	w.init(map[string]any{"hints": map[string]any{"plaintextKeys": false}})
	uri := w.openCredentials(plaintextCredentials)
	w.c.AwaitDiagnostics(uri, func(d []protocol.Diagnostic) bool { return len(d) == 0 })
	if err := w.c.Notify(protocol.MethodWorkspaceDidChangeConfiguration, map[string]any{
		"settings": map[string]any{"rolecall": map[string]any{"hints": map[string]any{"plaintextKeys": true}}}}); err != nil {
		t.Fatal(err)
	}
	w.awaitCode(uri, rules.CodePlaintextKeys, 3)
}
