package handlers

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/internal/lsptest"
	"github.com/rolecall/rolecall/internal/wire"
	"github.com/rolecall/rolecall/server"
)

func TestAFileChangedOnDiskIsReadAgainWhenTheClientReportsIt(t *testing.T) {
	w := newWorkspace(t, "", "")
	c := w.init(nil)
	reg := c.AwaitServerRequest(protocol.MethodClientRegisterCapability, nil)
	for _, want := range []string{protocol.MethodWorkspaceDidChangeWatchedFiles, filepath.ToSlash(w.CredentialsPath)} {
		if !strings.Contains(string(reg), want) {
			t.Errorf("the watcher registration %s lacks %s", reg, want)
		}
	}
	uri := w.openConfig(roleConfig)
	w.awaitCode(uri, "source-profile-missing", 2)

	w.write(w.CredentialsPath, baseCredentials)
	if err := c.Notify(protocol.MethodWorkspaceDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{
		Changes: []protocol.FileEvent{{URI: server.URI(w.credentialsURI()), Type: protocol.FileChangeTypeCreated}}}); err != nil {
		t.Fatal(err)
	}
	w.awaitClean(uri)
}

// initWithoutWatching initializes as a client that cannot watch files for the server.
func initWithoutWatching(t *testing.T, w *workspace, opts any) *lsptest.Client {
	t.Helper()
	c := w.start()
	params := lsptest.DefaultInitializeParams(opts)
	var caps map[string]any
	if err := json.Unmarshal(params["capabilities"].(json.RawMessage), &caps); err != nil {
		t.Fatal(err)
	}
	delete(caps["workspace"].(map[string]any), "didChangeWatchedFiles")
	params["capabilities"] = caps
	if _, err := c.InitializeWith(params); err != nil {
		t.Fatal(err)
	}
	if err := c.Notify(protocol.MethodInitialized, map[string]any{}); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTheServerWatchesTheFilesWhenTheClientCannot(t *testing.T) {
	w := newWorkspace(t, "", "")
	c := initWithoutWatching(t, w, nil)
	uri := w.openConfig(roleConfig)
	w.awaitCode(uri, "source-profile-missing", 2)

	// Another program (the AWS CLI, an SSO tool) writes the credentials file.
	w.write(w.CredentialsPath, baseCredentials)
	w.awaitClean(uri)
	if reqs := c.ServerRequests(protocol.MethodClientRegisterCapability); len(reqs) != 0 {
		t.Errorf("the server asked a client without the capability to watch files: %s", reqs[0].Params)
	}
}

func TestFilesFromTheSettingsAreAWSFiles(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	dir := t.TempDir()
	config, creds, other := filepath.Join(dir, "my-config"), filepath.Join(dir, "my-credentials"), filepath.Join(dir, "other-credentials")
	w.write(creds, baseCredentials)
	w.write(other, "")
	c := initWithoutWatching(t, w, map[string]any{"configFile": config, "credentialsFile": creds})

	// A plain-text document at the configured path is the config file, read with the configured
	// credentials file (which defines base).
	uri := uriOf(t, config)
	c.Open(uri, "plaintext", roleConfig)
	w.awaitClean(uri)

	// The settings change: the other credentials file lacks base.
	if err := c.Notify(protocol.MethodWorkspaceDidChangeConfiguration, map[string]any{
		"settings": map[string]any{"rolecall": map[string]any{"configFile": config, "credentialsFile": other}}}); err != nil {
		t.Fatal(err)
	}
	w.awaitCode(uri, "source-profile-missing", 2)
}

func TestAWSConfigFileFromTheEnvironment(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	path := filepath.Join(t.TempDir(), "team.cfg")
	w.env["AWS_CONFIG_FILE"] = path
	c := initWithoutWatching(t, w, nil)
	uri := uriOf(t, path)
	c.Open(uri, "plaintext", strings.Replace(roleConfig, "= base", "= bsae", 1))
	w.awaitCode(uri, "source-profile-missing", 2)
}

func TestAProjectConfigPairsWithTheCredentialsBesideIt(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials) // ~/.aws/credentials defines base
	project := t.TempDir()
	w.write(filepath.Join(project, ".aws", "credentials"), "[other]\naws_access_key_id = "+exampleKeyID+"\naws_secret_access_key = "+exampleSecret+"\n")
	c := initWithoutWatching(t, w, nil)
	uri := uriOf(t, filepath.Join(project, ".aws", "config"))
	c.Open(uri, "ini", roleConfig)
	w.awaitCode(uri, "source-profile-missing", 2) // the project's credentials lack base
	home := w.openConfig(roleConfig)
	w.awaitClean(home) // ~/.aws/config pairs with ~/.aws/credentials, which has it
}

func TestAnUntitledBufferIsCheckedAsItsLanguage(t *testing.T) {
	w := newWorkspace(t, roleConfig, "")
	c := initWithoutWatching(t, w, nil)
	const uri = "untitled:Untitled-1"
	c.Open(uri, languageCredentials, "[profile base]\naws_access_key_id = "+exampleKeyID+"\naws_secret_access_key = "+exampleSecret+"\n")
	w.awaitCode(uri, "profile-prefix-in-credentials", 0)
	c.Change(uri, baseCredentials)
	w.awaitClean(uri)
	text := hoverAt(t, w, uri, pos(0, 2))
	wantAll(t, "the hover in an untitled buffer", text, "**base** · static keys")
	w.assertNoSecrets(exampleSecret, exampleKeyID)
}

func TestThePathTellsTheFilesApartWhenBothHaveOneLanguage(t *testing.T) {
	// Helix and Emacs setups give both files the language aws-config.
	w := newWorkspace(t, roleConfig, "")
	c := initWithoutWatching(t, w, nil)
	uri := w.credentialsURI()
	c.Open(uri, languageConfig, strings.Replace(baseCredentials, "[base]", "[profile base]", 1))
	w.awaitCode(uri, "profile-prefix-in-credentials", 0)
}

func TestWatchersUseRelativePatternsWhenTheClientHasThem(t *testing.T) {
	w := newWorkspace(t, "", "")
	c := w.start()
	params := lsptest.DefaultInitializeParams(nil)
	var caps map[string]any
	if err := json.Unmarshal(params["capabilities"].(json.RawMessage), &caps); err != nil {
		t.Fatal(err)
	}
	caps["workspace"].(map[string]any)["didChangeWatchedFiles"] = map[string]any{"dynamicRegistration": true, "relativePatternSupport": true}
	params["capabilities"] = caps
	if _, err := c.InitializeWith(params); err != nil {
		t.Fatal(err)
	}
	if err := c.Notify(protocol.MethodInitialized, map[string]any{}); err != nil {
		t.Fatal(err)
	}
	reg := string(c.AwaitServerRequest(protocol.MethodClientRegisterCapability, nil))
	for _, want := range []string{`"baseUri":"` + uriOf(t, filepath.Dir(w.ConfigPath)) + `"`, `"pattern":"config"`, `"pattern":"credentials"`} {
		if !strings.Contains(reg, want) {
			t.Errorf("the registration %s lacks %s", reg, want)
		}
	}
}

// A client's watcher can report late, or never (VS Code's, for a file outside the workspace, on a
// loaded machine). The picker must not list the roles of a config file that is gone meanwhile.
func TestThePickerSeesAFileGoneBeforeTheWatcherSaysSo(t *testing.T) {
	w := newWorkspace(t, roleConfig, baseCredentials)
	c := w.init(nil) // this client accepts the watchers and never reports a change
	c.AwaitServerRequest(protocol.MethodClientRegisterCapability, nil)
	roles := func() []wire.RoleProfile {
		var got wire.Profiles
		if err := c.ExecuteCommand(wire.CommandProfiles, map[string]any{}, &got); err != nil {
			t.Fatal(err)
		}
		return got.Roles
	}
	if len(roles()) == 0 {
		t.Fatal("the config's role is not listed to begin with")
	}
	if err := os.Rename(w.ConfigPath, w.ConfigPath+".moved"); err != nil {
		t.Fatal(err)
	}
	if got := roles(); len(got) != 0 {
		t.Errorf("the picker still lists %d roles of a config file that is gone", len(got))
	}
	w.write(w.ConfigPath, roleConfig)
	if len(roles()) == 0 {
		t.Error("the config written back is not seen")
	}
}
