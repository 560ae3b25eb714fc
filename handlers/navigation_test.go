package handlers

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/internal/lsptest"
	"github.com/rolecall/rolecall/server"
)

const navConfig = `[profile base]
region = eu-west-1

[profile dev]
role_arn = arn:aws:iam::111122223333:role/Dev
source_profile = base
region = eu-west-1

[profile ops]
role_arn = arn:aws:iam::111122223333:role/Ops
source_profile = base
region = eu-west-1
`

func TestDefinitionJumpsToTheProfileInBothFiles(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	w.init(nil)
	uri := w.openConfig(navConfig)
	var locs []protocol.Location
	params := protocol.DefinitionParams{TextDocumentPositionParams: positionParams(uri, pos(5, 18))}
	if err := w.c.Request(protocol.MethodTextDocumentDefinition, params, &locs); err != nil {
		t.Fatal(err)
	}
	want := []protocol.Location{
		{URI: server.URI(uri), Range: protocol.Range{Start: pos(0, 9), End: pos(0, 13)}},
		{URI: server.URI(w.credentialsURI()), Range: protocol.Range{Start: pos(0, 1), End: pos(0, 5)}},
	}
	if len(locs) != 2 || locs[0] != want[0] || locs[1] != want[1] {
		t.Errorf("definition = %+v\nwant %+v", locs, want)
	}
}

func TestReferencesFindEverySourceProfile(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	w.init(nil)
	uri := w.openConfig(navConfig)
	refs := func(p protocol.Position, decl bool) []protocol.Location {
		var locs []protocol.Location
		params := protocol.ReferenceParams{TextDocumentPositionParams: positionParams(uri, p),
			Context: protocol.ReferenceContext{IncludeDeclaration: decl}}
		if err := w.c.Request(protocol.MethodTextDocumentReferences, params, &locs); err != nil {
			t.Fatal(err)
		}
		return locs
	}
	uses := refs(pos(0, 10), false)
	if len(uses) != 2 || uses[0].Range.Start != pos(5, 17) || uses[1].Range.Start != pos(10, 17) {
		t.Errorf("references of the header = %+v, want lines 5 and 10", uses)
	}
	all := refs(pos(10, 18), true)
	if len(all) != 4 || string(all[1].URI) != w.credentialsURI() {
		t.Errorf("references with declarations = %+v, want 2 headers (config, credentials) and 2 uses", all)
	}
}

func TestPrepareRenameAcceptsOnlyAProfileName(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	w.init(nil)
	uri := w.openConfig(navConfig)
	var res protocol.PrepareRenamePlaceholder
	err := w.c.Request(protocol.MethodTextDocumentPrepareRename,
		protocol.PrepareRenameParams{TextDocumentPositionParams: positionParams(uri, pos(5, 18))}, &res)
	if err != nil || res.Placeholder != "base" || res.Range != (protocol.Range{Start: pos(5, 17), End: pos(5, 21)}) {
		t.Errorf("prepareRename on a source_profile value = %+v, %v", res, err)
	}
	for _, p := range []protocol.Position{pos(4, 2), pos(1, 12), pos(2, 0)} {
		err := w.c.Request(protocol.MethodTextDocumentPrepareRename,
			protocol.PrepareRenameParams{TextDocumentPositionParams: positionParams(uri, p)}, nil)
		if err == nil || !strings.Contains(err.Error(), "only a profile name can be renamed here") {
			t.Errorf("prepareRename at %+v = %v, want a refusal", p, err)
		}
	}
}

func renameAt(w *workspace, uri string, p protocol.Position, newName string) (*protocol.WorkspaceEdit, error) {
	var edit *protocol.WorkspaceEdit
	err := w.c.Request(protocol.MethodTextDocumentRename, protocol.RenameParams{
		TextDocumentPositionParams: positionParams(uri, p), NewName: newName}, &edit)
	return edit, err
}

func TestRenameChangesHeadersInBothFilesAndEverySourceProfile(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	w.init(nil)
	uri := w.openConfig(navConfig)
	edit, err := renameAt(w, uri, pos(0, 11), "core")
	if err != nil {
		t.Fatal(err)
	}
	cfg := applyEdits(t, navConfig, edit.Changes[server.URI(uri)])
	creds := applyEdits(t, baseCredentials, edit.Changes[server.URI(w.credentialsURI())])
	if want := strings.ReplaceAll(strings.ReplaceAll(navConfig, "profile base", "profile core"), "= base", "= core"); cfg != want {
		t.Errorf("renamed config:\n%s\nwant:\n%s", cfg, want)
	}
	if !strings.HasPrefix(creds, "[core]\n") {
		t.Errorf("renamed credentials:\n%s", creds)
	}

	for name, why := range map[string]string{"ops": "already exists", "a b": "cannot be a profile name",
		"": "empty", "default": "default profile", "x]": "cannot be a profile name"} {
		_, err := renameAt(w, uri, pos(5, 18), name)
		if err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("rename to %q = %v, want an error saying %q", name, err, why)
		}
	}
}

func TestRenameUsesVersionedDocumentChangesWhenTheClientCan(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	c := w.start()
	params := lsptest.DefaultInitializeParams(nil)
	var caps map[string]any
	if err := json.Unmarshal(params["capabilities"].(json.RawMessage), &caps); err != nil {
		t.Fatal(err)
	}
	caps["workspace"].(map[string]any)["workspaceEdit"] = map[string]any{"documentChanges": true}
	params["capabilities"] = caps
	if _, err := c.InitializeWith(params); err != nil {
		t.Fatal(err)
	}
	if err := c.Notify(protocol.MethodInitialized, map[string]any{}); err != nil {
		t.Fatal(err)
	}
	uri := w.openConfig(navConfig)
	c.Change(uri, navConfig) // version 2
	edit, err := renameAt(w, uri, pos(10, 18), "core")
	if err != nil {
		t.Fatal(err)
	}
	if len(edit.DocumentChanges) != 2 {
		t.Fatalf("documentChanges = %+v", edit.DocumentChanges)
	}
	open, disk := edit.DocumentChanges[0].(*protocol.TextDocumentEdit), edit.DocumentChanges[1].(*protocol.TextDocumentEdit)
	if string(open.TextDocument.URI) != uri || open.TextDocument.Version == nil || *open.TextDocument.Version != 2 || len(open.Edits) != 3 {
		t.Errorf("the open config's edit = %+v", open)
	}
	if string(disk.TextDocument.URI) != w.credentialsURI() || disk.TextDocument.Version != nil {
		t.Errorf("the credentials file's edit = %+v (a file that is not open has version null)", disk)
	}
}

func TestRenameAnSSOSession(t *testing.T) {
	w := newWorkspace(t, "", "")
	w.init(nil)
	uri := w.openConfig(hoverConfig)
	edit, err := renameAt(w, uri, posOf(t, hoverConfig, "sso-session corp", 13), "main")
	if err != nil {
		t.Fatal(err)
	}
	got := applyEdits(t, hoverConfig, edit.Changes[server.URI(uri)])
	if !strings.Contains(got, "[sso-session main]") || !strings.Contains(got, "sso_session = main") || strings.Contains(got, "corp") {
		t.Errorf("renamed:\n%s", got)
	}
	if _, err := os.Stat(w.CredentialsPath); err == nil {
		t.Error("the test expects no credentials file")
	}
}
