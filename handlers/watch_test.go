package handlers

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/internal/lsptest"
)

// The user deletes ~/.aws and creates it again (a restore from a backup, a dotfiles tool), then the AWS
// CLI replaces the credentials file by renaming a new one over it. The server's own watcher (the client
// cannot watch files) must see each step: the published diagnostics of the open config file follow.
func TestTheServerWatcherSurvivesTheDirectoryBeingDeletedAndCreatedAgain(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	initWithoutWatching(t, w, nil)
	uri := w.openConfig(roleConfig)
	w.awaitClean(uri)

	dir := filepath.Dir(w.CredentialsPath)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	w.awaitCode(uri, "source-profile-missing", 2)

	w.write(w.CredentialsPath, baseCredentials) // creates the directory again
	w.awaitClean(uri)

	tmp := filepath.Join(dir, "credentials.new")
	w.write(tmp, "[other]\naws_access_key_id = "+exampleKeyID+"\naws_secret_access_key = "+exampleSecret+"\n")
	if err := os.Rename(tmp, w.CredentialsPath); err != nil {
		t.Fatal(err)
	}
	w.awaitCode(uri, "source-profile-missing", 2)
}

// The directory does not exist when the server starts (a new machine), and appears later.
func TestTheServerWatcherSeesTheDirectoryAppear(t *testing.T) {
	w := newWorkspace(t, "", "")
	if err := os.RemoveAll(filepath.Dir(w.CredentialsPath)); err != nil {
		t.Fatal(err)
	}
	initWithoutWatching(t, w, nil)
	doc := "untitled:Untitled-1" // pairs with the files the AWS tools read
	w.c.Open(doc, languageConfig, roleConfig)
	w.awaitCode(doc, "source-profile-missing", 2)
	w.write(w.CredentialsPath, baseCredentials)
	w.awaitClean(doc)
}

// An editor that is slow to accept the watcher registration (or never answers) must not hold up the
// edits behind the initialized notification that asked for it.
func TestEditsDoNotWaitForTheClientToAcceptTheWatchers(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	c := w.start()
	release := make(chan struct{})
	defer close(release)
	c.HandleServerRequest(protocol.MethodClientRegisterCapability, func(json.RawMessage) (any, *lsptest.ResponseError) {
		<-release
		return nil, nil
	})
	c.Initialize(nil)
	c.AwaitServerRequest(protocol.MethodClientRegisterCapability, nil)
	c.Timeout = registrationTimeout / 2 // the edit must not wait for the registration to give up
	w.awaitCode(w.openConfig(strings.Replace(roleConfig, "base", "bsae", 1)), "source-profile-missing", 2)
}
