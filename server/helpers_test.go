package server_test

import (
	"context"
	"errors"
	"github.com/rolecall/rolecall/internal/syncbuf"
	"io"
	"log/slog"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/internal/lsptest"
	"github.com/rolecall/rolecall/server"
)

// harness is a server with a tiny handler set, driven by an lsptest client.
type harness struct {
	*lsptest.Client
	logs *syncbuf.Buffer

	events chan server.DocumentEvent // every OnDocumentChange call, in order

	blockStarted  chan struct{} // test/block has started
	blockObserved chan error    // test/block saw its context end
	slowStarted   chan struct{} // test/slow has started
	releaseSlow   chan struct{} // close to let test/slow return
}

type docInfo struct {
	Open       bool   `json:"open"`
	Version    int32  `json:"version"`
	LanguageID string `json:"languageId"`
	Text       string `json:"text"`
}

type uriParams struct {
	URI string `json:"uri"`
}

// newHarness starts a server with the test handlers.
func newHarness(t *testing.T) *harness { return newHarnessWith(t, nil, nil) }

// newHarnessWith is newHarness with adjusted options and extra handlers.
func newHarnessWith(t *testing.T, options func(*server.Options), extra func(*server.Server)) *harness {
	t.Helper()
	h := &harness{
		logs:          &syncbuf.Buffer{},
		events:        make(chan server.DocumentEvent, 1000),
		blockStarted:  make(chan struct{}, 10),
		blockObserved: make(chan error, 10),
		slowStarted:   make(chan struct{}, 10),
		releaseSlow:   make(chan struct{}),
	}
	h.Client = lsptest.Start(t, func(rwc io.ReadWriteCloser) int {
		opts := server.Options{Name: "test-server", Version: "0.0.1", Logger: server.NewLogger(h.logs, slog.LevelDebug)}
		if options != nil {
			options(&opts)
		}
		srv := server.New(rwc, opts)
		h.register(srv)
		if extra != nil {
			extra(srv)
		}
		return srv.Run(context.Background())
	})
	return h
}

func (h *harness) register(srv *server.Server) {
	srv.OnInitialize(func(ctx context.Context, p *protocol.InitializeParams) (protocol.ServerCapabilities, error) {
		return protocol.ServerCapabilities{HoverProvider: protocol.Boolean(true)}, nil
	})
	srv.OnDocumentChange(func(ctx context.Context, ev server.DocumentEvent) error {
		h.events <- ev
		return nil
	})
	server.Handle(srv, protocol.MethodTextDocumentHover, func(ctx context.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
		return &protocol.Hover{Contents: &protocol.MarkupContent{Kind: protocol.MarkupKindPlainText, Value: "hover"}}, nil
	})
	server.Handle(srv, "test/document", func(ctx context.Context, p *uriParams) (*docInfo, error) {
		d, ok := srv.Documents().Get(server.URI(p.URI))
		return &docInfo{Open: ok, Version: d.Version, LanguageID: d.LanguageID, Text: d.Text}, nil
	})
	server.Handle(srv, "test/panic", func(ctx context.Context, _ *struct{}) (any, error) {
		panic("deliberate test panic")
	})
	server.HandleNotify(srv, "test/panicNote", func(ctx context.Context, _ *struct{}) error {
		panic("deliberate notification panic")
	})
	server.Handle(srv, "test/block", func(ctx context.Context, _ *struct{}) (any, error) {
		h.blockStarted <- struct{}{}
		<-ctx.Done()
		h.blockObserved <- ctx.Err()
		return "finished anyway", nil // the server must still answer RequestCancelled
	})
	server.Handle(srv, "test/slow", func(ctx context.Context, _ *struct{}) (any, error) {
		h.slowStarted <- struct{}{}
		select {
		case <-h.releaseSlow:
			return "slow done", nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	})
	server.Handle(srv, "test/publish", func(ctx context.Context, p *uriParams) (any, error) {
		return nil, srv.Client().PublishDiagnostics(ctx, &protocol.PublishDiagnosticsParams{URI: server.URI(p.URI)})
	})
	server.Handle(srv, "test/fail", func(ctx context.Context, _ *struct{}) (any, error) {
		return nil, errors.New("the test handler failed on purpose; nothing to do")
	})
	server.Handle(srv, "test/coded", func(ctx context.Context, _ *struct{}) (any, error) {
		return nil, server.NewError(server.CodeRequestFailed, "profile missing").WithData(map[string]string{"reason": "profile-not-found"})
	})
	server.Handle(srv, "test/askClient", func(ctx context.Context, _ *struct{}) (any, error) {
		return srv.Client().ShowMessageRequest(ctx, &protocol.ShowMessageRequestParams{
			Type: protocol.MessageTypeInfo, Message: "?"})
	})
	server.HandleNotify(srv, "test/askClientNote", func(ctx context.Context, _ *struct{}) error {
		_, err := srv.Client().ShowMessageRequest(ctx, &protocol.ShowMessageRequestParams{
			Type: protocol.MessageTypeInfo, Message: "asked while handling a notification"})
		return err
	})
	server.HandleCommand(srv, "test.echo", func(ctx context.Context, arg *map[string]any) (map[string]any, error) {
		return *arg, nil
	})
}

// document asks the server for its copy of a document. Because requests run after every earlier
// notification, this also waits until the server has processed everything sent before.
func (h *harness) document(t *testing.T, uri string) docInfo {
	t.Helper()
	var d docInfo
	if err := h.Request("test/document", uriParams{URI: uri}, &d); err != nil {
		t.Fatalf("test/document: %v", err)
	}
	return d
}

// errorCode returns the JSON-RPC code of an error reply, failing the test for anything else.
func errorCode(t *testing.T, err error) int {
	t.Helper()
	var re *lsptest.ResponseError
	if !errors.As(err, &re) {
		t.Fatalf("want an error reply, got %v", err)
	}
	return re.Code
}
