package server

import (
	"context"
	"errors"
	"fmt"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// NoVersion, passed to PublishDiagnostics, omits the version (for a file that is not open).
const NoVersion int32 = -1

// errNotRunning is returned by outgoing messages before Run.
var errNotRunning = errors.New("the language server is not running yet; send messages to the client only after Run has started")

// Notify sends a notification to the client. params are marshaled with the LSP codec. A cancelled ctx
// means the notification is not sent. Safe for concurrent use, from any goroutine.
func (s *Server) Notify(ctx context.Context, method string, params any) error {
	conn := s.connection()
	if conn == nil {
		return errNotRunning
	}
	s.log.Debug("sending notification", "method", method)
	if err := conn.Notify(ctx, method, params); err != nil {
		return fmt.Errorf("sending %s to the client: %w", method, err)
	}
	return nil
}

// Call sends a request to the client (client/registerCapability, workspace/configuration,
// window/showMessageRequest, …) and decodes its result into result (a pointer, or nil to discard it). If
// ctx ends first, Call sends $/cancelRequest for it and returns ctx's error. An error reply from the
// client is returned as an *Error. Call is refused before the initialize reply has been sent, as the LSP
// requires (and because the read loop is busy with initialize until then). Safe for concurrent use from
// request handlers, notification handlers and hooks.
func (s *Server) Call(ctx context.Context, method string, params, result any) error {
	if lifecycleState(s.state.Load()) < stateInitialized {
		return fmt.Errorf("cannot send %s to the client before initialize has been answered; send it from OnInitialized or later", method)
	}
	conn := s.connection()
	if conn == nil {
		return errNotRunning
	}
	s.log.Debug("sending request", "method", method)
	id, err := conn.Call(ctx, method, params, result)
	if ctx.Err() != nil && id.IsValid() {
		// Best effort: tell the client we no longer need the answer.
		_ = conn.Notify(context.WithoutCancel(ctx), protocol.MethodCancelRequest, map[string]any{"id": idValue(id)})
	}
	if err == nil {
		return nil
	}
	var we *jsonrpc2.Error
	if errors.As(err, &we) {
		e := &Error{Code: ErrorCode(we.Code), Message: fmt.Sprintf("the client answered %s with an error: %s", method, we.Message)}
		if len(we.Data) > 0 {
			e.Data = []byte(we.Data)
		}
		return e
	}
	return fmt.Errorf("calling %s on the client: %w", method, err)
}

// idValue turns an id back into the JSON value it was sent as.
func idValue(id jsonrpc2.ID) any {
	if n, ok := id.Number(); ok {
		return n
	}
	str, _ := id.StringValue()
	return str
}

// PublishDiagnostics sends textDocument/publishDiagnostics for uri. diags may be nil: it is always sent
// as a list, and an empty list clears the editor's markers. version is the document version the
// diagnostics were computed for, or NoVersion.
func (s *Server) PublishDiagnostics(ctx context.Context, uri URI, version int32, diags []Diagnostic) error {
	if diags == nil {
		diags = []Diagnostic{}
	}
	p := &protocol.PublishDiagnosticsParams{URI: uri, Diagnostics: diags}
	if version >= 0 {
		p.Version = protocol.NewOptional(version)
	}
	return s.Notify(ctx, protocol.MethodTextDocumentPublishDiagnostics, p)
}
