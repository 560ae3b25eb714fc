package handlers

import (
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
	"github.com/rolecall/rolecall/server"
)

// codeActions asks for the quick fixes of a diagnostic, as an editor does when the cursor is on it.
func codeActions(t *testing.T, w *workspace, uri string, d protocol.Diagnostic) []protocol.CodeAction {
	t.Helper()
	var actions []protocol.CodeAction
	params := protocol.CodeActionParams{TextDocument: textDoc(uri), Range: d.Range,
		Context: protocol.CodeActionContext{Diagnostics: []protocol.Diagnostic{d}}}
	if err := w.c.Request(protocol.MethodTextDocumentCodeAction, params, &actions); err != nil {
		t.Fatal(err)
	}
	return actions
}

func diagnosticWithCode(t *testing.T, diags []protocol.Diagnostic, code string) protocol.Diagnostic {
	t.Helper()
	for _, d := range diags {
		if codeOf(d) == code {
			return d
		}
	}
	t.Fatalf("no %s among %+v", code, diags)
	return protocol.Diagnostic{}
}

func preferred(t *testing.T, actions []protocol.CodeAction) protocol.CodeAction {
	t.Helper()
	for _, a := range actions {
		if a.IsPreferred != nil && *a.IsPreferred {
			return a
		}
	}
	t.Fatalf("no preferred action among %+v", actions)
	return protocol.CodeAction{}
}

func TestAQuickFixRemovesItsDiagnostic(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	c := w.init(nil)
	broken := strings.Replace(roleConfig, "= base", "= bsae", 1)
	uri := w.openConfig(broken)
	d := diagnosticWithCode(t, w.awaitCode(uri, "source-profile-missing", 2), "source-profile-missing")

	fix := preferred(t, codeActions(t, w, uri, d))
	if fix.Kind == nil || *fix.Kind != protocol.CodeActionKindQuickFix || len(fix.Diagnostics) != 1 || codeOf(fix.Diagnostics[0]) != "source-profile-missing" {
		t.Errorf("the action = %+v, want a quickfix carrying its diagnostic", fix)
	}
	fixed := applyEdits(t, broken, fix.Edit.Changes[server.URI(uri)])
	if fixed != roleConfig {
		t.Fatalf("the fix gives:\n%s\nwant:\n%s", fixed, roleConfig)
	}
	c.Change(uri, fixed)
	w.awaitClean(uri)
}

func TestAQuickFixCanEditTheOtherFile(t *testing.T) {
	badCreds := strings.Replace(baseCredentials, "[base]", "[profile base]", 1)
	w := newWorkspace(t, "", badCreds)
	c := w.init(nil)
	uri := w.openConfig(roleConfig)
	d := diagnosticWithCode(t, w.awaitCode(uri, "source-profile-missing", 2), "source-profile-missing")

	fix := preferred(t, codeActions(t, w, uri, d))
	creds := applyEdits(t, badCreds, fix.Edit.Changes[server.URI(w.credentialsURI())])
	if creds != baseCredentials {
		t.Fatalf("the fix of the credentials file gives:\n%s", creds)
	}
	// The editor would save the other file: it changes on disk, and the client reports it.
	w.write(w.CredentialsPath, creds)
	if err := c.Notify(protocol.MethodWorkspaceDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{
		Changes: []protocol.FileEvent{{URI: server.URI(w.credentialsURI()), Type: protocol.FileChangeTypeChanged}}}); err != nil {
		t.Fatal(err)
	}
	w.awaitClean(uri)
	w.awaitClean(w.credentialsURI())
}

func TestAQuickFixThatWouldCarryASecretIsNotOffered(t *testing.T) {
	w := newWorkspace(t, "", "")
	w.init(nil)
	text := "[default]\nregion = us-east-1\naws_access_key_id = " + exampleKeyID + "\naws_secret_access_key = " + exampleSecret + "\n"
	uri := w.openConfig(text)
	d := diagnosticWithCode(t, w.awaitCode(uri, "secret-in-config", 3), "secret-in-config")

	for _, a := range codeActions(t, w, uri, d) {
		for _, edits := range a.Edit.Changes {
			for _, e := range edits {
				if strings.Contains(e.NewText, exampleSecret) {
					t.Errorf("the action %q carries the secret", a.Title)
				}
			}
		}
	}
	w.assertNoSecrets(exampleSecret)
}

func TestFixEditWithholdsAnEditCarryingASecret(t *testing.T) {
	cfg := awsfiles.Parse(awsfiles.ConfigFile, "/home/jo/.aws/config", []byte("[default]\naws_secret_access_key = "+exampleSecret+"\n"))
	cred := awsfiles.Parse(awsfiles.CredentialsFile, "/home/jo/.aws/credentials", nil)
	pair := &filePair{Config: &fileState{File: cfg, URI: "file:///home/jo/.aws/config"},
		Credentials: &fileState{File: cred, URI: "file:///home/jo/.aws/credentials"}}
	pair.Model = awsfiles.NewModel(cfg, cred)
	secrets := secretValues(pair)
	d := rules.Diagnostic{File: cfg}
	move := rules.Fix{Title: "Move to the credentials file", Edits: []awsfiles.Edit{
		{File: cfg, Span: cfg.Line(1).Span(), NewText: ""},
		{File: cred, Span: awsfiles.Span{}, NewText: "[default]\naws_secret_access_key = " + exampleSecret + "\n"}}}
	if _, ok := fixEdit(pair, d, move, secrets, false); ok {
		t.Error("a fix whose edit holds a secret value was offered")
	}
	remove := rules.Fix{Title: "Remove the line", Edits: move.Edits[:1]}
	edit, ok := fixEdit(pair, d, remove, secrets, false)
	if !ok || len(edit.Changes[server.URI("file:///home/jo/.aws/config")]) != 1 {
		t.Errorf("a harmless fix was withheld: %+v", edit)
	}
}
