package server

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// errNotRunning is returned by outgoing messages before Run.
var errNotRunning = errors.New("the language server is not running yet; send messages to the client only after Run has started")

// Client returns the editor's side of the connection, for the LSP requests and notifications a server
// sends (publishDiagnostics, registerCapability, showMessage, workspace/configuration, …). It is
// go.lsp.dev/protocol's own dispatcher; the connection under it adds the server's rules (see
// clientConn). A cancelled ctx cancels a request at the client with $/cancelRequest. Safe for concurrent
// use from request handlers, notification handlers and hooks.
func (s *Server) Client() protocol.Client { return protocol.ClientDispatcher(clientConn{s}) }

// Notify sends a notification that is not part of the LSP (rolecall/status) to the client; use Client
// for the LSP's own. params are marshaled with the LSP codec. A cancelled ctx means it is not sent.
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

// clientConn is the connection Client's dispatcher sends through. On top of jsonrpc2 it:
//
//   - refuses requests before the initialize reply has been sent, as the LSP requires (and because the
//     read loop is busy with initialize until then, so the answer could never be read);
//   - lets a notification handler that waits for the client stop holding up the requests behind it (see
//     workQueue.yield): the answer may take as long as the user takes to click, and a hover must not wait;
//   - traces method names at debug level, never params.
type clientConn struct{ s *Server }

var _ jsonrpc2.Conn = clientConn{}

func (c clientConn) Call(ctx context.Context, method string, params, result any) (jsonrpc2.ID, error) {
	if lifecycleState(c.s.state.Load()) < stateInitialized {
		return jsonrpc2.ID{}, fmt.Errorf("cannot send %s to the client before initialize has been answered; send it from OnInitialized or later", method)
	}
	conn := c.s.connection()
	if conn == nil {
		return jsonrpc2.ID{}, errNotRunning
	}
	if t, _ := ctx.Value(queueKey{}).(*queueTurn); t != nil && !t.over.Load() {
		c.s.queue.yield()
	}
	c.s.log.Debug("sending request", "method", method)
	return conn.Call(ctx, method, params, result)
}

func (c clientConn) Notify(ctx context.Context, method string, params any) error {
	return c.s.Notify(ctx, method, params)
}

// Go, Close, Done and Err belong to whoever runs the connection: Run does.
func (clientConn) Go(context.Context, jsonrpc2.Handler) {}
func (clientConn) Close() error                         { return nil }
func (c clientConn) Done() <-chan struct{}              { return c.s.stream.closed }
func (clientConn) Err() error                           { return nil }

// queueKey marks the context of a notification handler, which runs on the ordered queue, with its turn.
type queueKey struct{}

// queueTurn is one notification handler's turn on the queue; over once the handler has returned, so a
// goroutine that inherited its context does not yield someone else's turn.
type queueTurn struct{ over atomic.Bool }
