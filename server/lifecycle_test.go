package server_test

import (
	"context"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/server"
)

func TestShutdownThenExitEndsWithStatus0(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	if code := h.Shutdown(); code != 0 {
		t.Fatalf("exit status after shutdown+exit = %d, want 0", code)
	}
}

func TestExitWithoutShutdownEndsWithStatus1(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	if code := h.Exit(); code != 1 {
		t.Fatalf("exit status after exit alone = %d, want 1", code)
	}
}

func TestExitBeforeInitializeEndsWithStatus1(t *testing.T) {
	h := newHarness(t)
	if code := h.Exit(); code != 1 {
		t.Fatalf("exit status = %d, want 1", code)
	}
}

func TestInputClosingEndsWithStatus1(t *testing.T) {
	for name, steps := range map[string]func(h *harness){
		"before initialize": func(h *harness) {},
		"after initialize":  func(h *harness) { h.Initialize(nil) },
		"after shutdown, without exit": func(h *harness) {
			h.Initialize(nil)
			if err := h.Request(protocol.MethodShutdown, nil, nil); err != nil {
				t.Fatalf("shutdown: %v", err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			steps(h)
			if code := h.CloseInput(); code != 1 {
				t.Fatalf("exit status after the input closed = %d, want 1", code)
			}
		})
	}
}

func TestInputClosingCancelsRunningRequests(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	h.Go("test/block", struct{}{})
	<-h.blockStarted
	if code := h.CloseInput(); code != 1 {
		t.Fatalf("exit status = %d, want 1", code)
	}
	if err := <-h.blockObserved; err == nil {
		t.Fatal("the running handler's context was not cancelled when the input closed")
	}
}

func TestRequestBeforeInitializeIsServerNotInitialized(t *testing.T) {
	h := newHarness(t)
	err := h.Request(protocol.MethodTextDocumentHover, map[string]any{}, nil)
	if code := errorCode(t, err); code != -32002 {
		t.Fatalf("code = %d, want -32002 (ServerNotInitialized)", code)
	}
	// The connection is still usable.
	h.Initialize(nil)
}

func TestNotificationsBeforeInitializeAreDropped(t *testing.T) {
	h := newHarness(t)
	h.Open("file:///early.ini", "ini", "x")
	h.Initialize(nil)
	if d := h.document(t, "file:///early.ini"); d.Open {
		t.Fatal("a didOpen sent before initialize was applied; it must be dropped")
	}
}

func TestInitializeTwiceIsAnError(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	_, err := h.InitializeWith(map[string]any{"capabilities": map[string]any{}})
	if code := errorCode(t, err); code != -32600 {
		t.Fatalf("second initialize: code = %d, want -32600 (InvalidRequest)", code)
	}
	if d := h.document(t, "file:///none"); d.Open {
		t.Fatal("unexpected document")
	}
}

func TestRequestsAfterShutdownAreInvalid(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	if err := h.Request(protocol.MethodShutdown, nil, nil); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	err := h.Request(protocol.MethodTextDocumentHover, map[string]any{}, nil)
	if code := errorCode(t, err); code != -32600 {
		t.Fatalf("request after shutdown: code = %d, want -32600 (InvalidRequest)", code)
	}
	if code := h.Exit(); code != 0 {
		t.Fatalf("exit status = %d, want 0", code)
	}
}

func TestInitializeReplyAdvertisesSyncAndHandlerCapabilities(t *testing.T) {
	h := newHarness(t)
	res := h.Initialize(map[string]any{"configFile": "/tmp/config"})
	sync, ok := res.Capabilities.TextDocumentSync.(*protocol.TextDocumentSyncOptions)
	if !ok {
		t.Fatalf("textDocumentSync = %#v, want options", res.Capabilities.TextDocumentSync)
	}
	if sync.Change == nil || *sync.Change != protocol.TextDocumentSyncKindIncremental {
		t.Errorf("change sync kind = %v, want incremental (2)", sync.Change)
	}
	if sync.OpenClose == nil || !*sync.OpenClose || sync.Save == nil {
		t.Errorf("openClose/save not advertised: %#v", sync)
	}
	if res.Capabilities.PositionEncoding != protocol.PositionEncodingKindUTF16 {
		t.Errorf("positionEncoding = %q, want utf-16", res.Capabilities.PositionEncoding)
	}
	if res.Capabilities.HoverProvider == nil {
		t.Error("the OnInitialize hook's hoverProvider was lost")
	}
	if got := res.Capabilities.ExecuteCommandProvider.Commands; len(got) != 1 || got[0] != "test.echo" {
		t.Errorf("executeCommandProvider.commands = %v, want [test.echo]", got)
	}
	if res.ServerInfo.Name != "test-server" {
		t.Errorf("serverInfo.name = %q", res.ServerInfo.Name)
	}
}

func TestInitializedMayCallTheClient(t *testing.T) {
	registered := make(chan error, 1)
	var srv *server.Server
	h := newHarnessWith(t, nil, func(s *server.Server) {
		srv = s
		s.OnInitialized(func(ctx context.Context) error {
			section := "rolecall"
			items, err := srv.Client().Configuration(ctx, &protocol.ConfigurationParams{
				Items: []protocol.ConfigurationItem{{Section: &section}}})
			if err == nil && len(items) != 1 {
				t.Errorf("workspace/configuration result has %d items, want 1", len(items))
			}
			if err == nil {
				err = srv.Client().RegisterCapability(ctx, &protocol.RegistrationParams{Registrations: []protocol.Registration{
					{ID: "watch", Method: protocol.MethodWorkspaceDidChangeWatchedFiles}}})
			}
			registered <- err
			return err
		})
	})
	h.Initialize(map[string]any{"configFile": "/tmp/config"})
	if err := <-registered; err != nil {
		t.Fatalf("calling the client from OnInitialized: %v", err)
	}
	params := h.AwaitServerRequest(protocol.MethodClientRegisterCapability, nil)
	if !strings.Contains(string(params), "workspace/didChangeWatchedFiles") {
		t.Errorf("registerCapability params = %s", params)
	}
}

func TestCallBeforeInitializeIsRefused(t *testing.T) {
	srv := server.New(nopConn{}, server.Options{})
	_, err := srv.Client().Configuration(context.Background(), &protocol.ConfigurationParams{})
	if err == nil || !strings.Contains(err.Error(), "before initialize") {
		t.Fatalf("a request before initialize = %v, want a refusal", err)
	}
	if err := srv.Notify(context.Background(), "window/logMessage", nil); err == nil {
		t.Fatal("Notify before Run succeeded; want an error")
	}
}

func TestRegisteringAReservedMethodPanics(t *testing.T) {
	srv := server.New(nopConn{}, server.Options{})
	defer func() {
		if recover() == nil {
			t.Fatal("registering textDocument/didOpen did not panic")
		}
	}()
	server.HandleNotify(srv, protocol.MethodTextDocumentDidOpen, func(context.Context, *protocol.DidOpenTextDocumentParams) error { return nil })
}

type nopConn struct{}

func (nopConn) Read([]byte) (int, error)    { select {} }
func (nopConn) Write(p []byte) (int, error) { return len(p), nil }
func (nopConn) Close() error                { return nil }
