package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// handle is the jsonrpc2 handler. It runs on the connection's read goroutine, so everything it does
// before jsonrpc2.Async happens in wire order: lifecycle checks, cancellation bookkeeping and queueing.
// It never returns an error for a notification (jsonrpc2 v1 would close the connection) and never lets a
// panic reach jsonrpc2 (which would answer, then also close the connection).
func (s *Server) handle(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	if !req.IsCall() {
		s.handleNotification(req)
		return nil, nil
	}
	result, err := s.handleCall(ctx, req)
	if err != nil {
		return nil, wireError(err) // jsonrpc2 would send any other error type with code 0
	}
	return result, nil
}

// handleNotification routes a notification: exit and $/cancelRequest at once, everything else through
// the ordered queue.
func (s *Server) handleNotification(req *jsonrpc2.Request) {
	method := req.Method()
	s.log.Debug("received notification", "method", method)
	switch method {
	case protocol.MethodExit:
		s.exit()
		return
	case protocol.MethodCancelRequest:
		s.cancelRequest(req.Params())
		return
	}
	switch lifecycleState(s.state.Load()) {
	case stateUninitialized, stateInitializing:
		s.log.Debug("dropped a notification sent before initialize", "method", method)
		return
	case stateShutdown:
		s.log.Debug("dropped a notification sent after shutdown", "method", method)
		return
	}
	fn := s.notifications[method]
	if fn == nil {
		s.log.Debug("no handler for notification; ignored", "method", method)
		return
	}
	r := &request{Method: strings.Clone(method), Params: bytes.Clone(req.Params())}
	s.queue.pushNotification(func() { s.runNotification(fn, r) })
}

// runNotification runs one notification handler on the queue's goroutine; errors and panics are logged.
func (s *Server) runNotification(fn notificationHandler, r *request) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("notification handler panicked; the server keeps running",
				"method", r.Method, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		}
	}()
	turn := &queueTurn{}
	defer turn.over.Store(true)
	if err := fn(context.WithValue(s.baseCtx, queueKey{}, turn), r); err != nil {
		s.log.Warn("notification failed", "method", r.Method, "error", err)
	}
}

// handleCall answers lifecycle requests inline and runs every other request concurrently, once the
// notifications that arrived before it have been processed.
func (s *Server) handleCall(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	method, id := strings.Clone(req.Method()), req.ID()
	s.log.Debug("received request", "method", method, "id", id)
	switch method {
	case protocol.MethodInitialize:
		return s.initialize(&request{Method: method, ID: idText(id), Params: bytes.Clone(req.Params())})
	case protocol.MethodExit: // a notification in the LSP; tolerate clients that send it as a request
		s.exit()
		return nil, nil
	}
	switch lifecycleState(s.state.Load()) {
	case stateUninitialized, stateInitializing:
		return nil, Errorf(codeServerNotInitialized, "%s arrived before initialize; send initialize first", method)
	case stateShutdown:
		return nil, Errorf(codeInvalidRequest, "%s arrived after shutdown; the server only accepts exit now", method)
	}
	if method == protocol.MethodShutdown {
		s.state.Store(int32(stateShutdown)) // from here on, later requests are refused
	}
	fn := s.requests[method]
	if fn == nil {
		return nil, Errorf(codeMethodNotFound, "method %q is not supported by this server", method)
	}
	call, err := s.calls.add(id, s.baseCtx)
	if err != nil {
		return nil, err
	}
	defer s.calls.remove(id, call)
	r := &request{Method: method, ID: idText(id), Params: bytes.Clone(req.Params())}
	started := s.queue.pushRequest()
	jsonrpc2.Async(ctx) // the read loop moves on; this request now runs concurrently
	return s.runRequest(call, started, fn, r)
}

// runRequest waits for the request's turn, runs it and maps the outcome to a reply.
func (s *Server) runRequest(call *inflightCall, started <-chan struct{}, fn requestHandler, r *request) (any, error) {
	begin := time.Now()
	select {
	case <-started:
	case <-call.ctx.Done():
	}
	var result any
	var err error
	if call.ctx.Err() == nil {
		result, err = s.invoke(call.ctx, fn, r)
	} else {
		err = errServerStopping // cancelled before its turn came
	}
	if call.byClient.Load() {
		result, err = nil, errRequestCancelled
	}
	if err != nil {
		w := wireError(err)
		s.log.Debug("replying with an error", "method", r.Method, "id", r.ID, "code", int(w.Code), "elapsed", time.Since(begin))
		return nil, w
	}
	s.log.Debug("replying", "method", r.Method, "id", r.ID, "elapsed", time.Since(begin))
	return result, nil
}

// invoke calls the handler, turning a panic into an InternalError reply and a logged stack trace.
func (s *Server) invoke(ctx context.Context, fn requestHandler, r *request) (result any, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("request handler panicked; answered with an internal error, the server keeps running",
				"method", r.Method, "id", r.ID, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			result, err = nil, Errorf(codeInternalError,
				"internal error in the server while handling %s (it recovered; the server log has the details)", r.Method)
		}
	}()
	return fn(ctx, r)
}

// cancelRequest handles $/cancelRequest, whose id may be a number or a string.
func (s *Server) cancelRequest(params []byte) {
	var p struct {
		ID json.RawMessage `json:"id"`
	}
	id := jsonrpc2.ID{}
	if err := json.Unmarshal(params, &p); err == nil {
		id = idOf(p.ID)
	}
	if !id.IsValid() {
		s.log.Warn("ignored a $/cancelRequest without a number or string id")
		return
	}
	if s.calls.cancel(id) {
		s.log.Debug("cancelled request", "id", id)
	} else {
		s.log.Debug("cancel for a request that is not running (already answered?)", "id", id)
	}
}

// idText is an id as it appears in JSON: 7 or "abc".
func idText(id jsonrpc2.ID) string {
	if n, ok := id.Number(); ok {
		return strconv.FormatInt(n, 10)
	}
	str, _ := id.StringValue()
	return strconv.Quote(str)
}
