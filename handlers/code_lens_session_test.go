package handlers_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/handlers"
	"github.com/rolecall/rolecall/internal/lsptest"
	"github.com/rolecall/rolecall/internal/ststest"
	"github.com/rolecall/rolecall/internal/syncbuf"
	"github.com/rolecall/rolecall/internal/wire"
	"github.com/rolecall/rolecall/server"
)

// An editor that can refresh code lenses sees the active profile's lens change to its state once the
// role is assumed, and clicking it refreshes.
func TestActiveProfileLensShowsItsStateAndRefreshes(t *testing.T) {
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".aws"), 0o700); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(home, ".aws", "config")
	for name, text := range map[string]string{"config": sessionConfig, "credentials": sessionCredentials} {
		if err := os.WriteFile(filepath.Join(home, ".aws", name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	moto := ststest.StartMoto(t)
	env := map[string]string{"AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL_STS": moto.URL}
	log := &syncbuf.Buffer{}
	c := lsptest.Start(t, func(rwc io.ReadWriteCloser) int {
		srv := server.New(rwc, server.Options{Name: "rolecall", Logger: slog.New(slog.NewTextHandler(log, nil))})
		h := handlers.Register(srv, handlers.Options{Home: home,
			Env:    func(name string) (string, bool) { v, ok := env[name]; return v, ok },
			Assume: assume.Options{UserName: "tester"}})
		code := srv.Run(context.Background())
		h.Close()
		return code
	})
	params := lsptest.DefaultInitializeParams(nil)
	caps := string(params["capabilities"].(json.RawMessage))
	params["capabilities"] = json.RawMessage(strings.Replace(caps, `"workspace": {`, `"workspace": {"codeLens": {"refreshSupport": true}, `, 1))
	if _, err := c.InitializeWith(params); err != nil {
		t.Fatal(err)
	}
	if err := c.Notify(protocol.MethodInitialized, map[string]any{}); err != nil {
		t.Fatal(err)
	}
	uri := "file://" + config
	c.Open(uri, "aws-config", sessionConfig)
	c.AwaitDiagnostics(uri, nil)

	if got := lensOf(t, c, uri, "dev"); got.Title != "Assume role" {
		t.Fatalf("before assuming, dev's lens is %+v", got)
	}
	var st json.RawMessage
	if err := c.ExecuteCommand(wire.CommandAssume, map[string]any{"profile": "dev"}, &st); err != nil {
		t.Fatalf("assume dev: %v", err)
	}
	c.AwaitServerRequest(protocol.MethodWorkspaceCodeLensRefresh, nil)
	got := lensOf(t, c, uri, "dev")
	if got.Title != "Active · 59m · Refresh" || got.Command != "rolecall.refresh" || len(got.Arguments) != 1 || string(got.Arguments[0]) != `"dev"` {
		t.Errorf("the active profile's lens is %+v, want Active · 59m · Refresh running %s [\"dev\"]", got, "rolecall.refresh")
	}
	if other := lensOf(t, c, uri, "admin"); other.Title != "Assume role (MFA)" {
		t.Errorf("another profile's lens changed too: %+v", other)
	}
}

// lensOf is the command of the code lens on a profile's header.
func lensOf(t *testing.T, c *lsptest.Client, uri, profile string) protocol.Command {
	t.Helper()
	var lenses []protocol.CodeLens
	if err := c.Request(protocol.MethodTextDocumentCodeLens, protocol.CodeLensParams{TextDocument: protocol.TextDocumentIdentifier{URI: server.URI(uri)}}, &lenses); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(sessionConfig, "\n")
	for _, l := range lenses {
		if lines[l.Range.Start.Line] == "[profile "+profile+"]" {
			return l.Command
		}
	}
	t.Fatalf("no code lens on [profile %s]: %+v", profile, lenses)
	return protocol.Command{}
}
