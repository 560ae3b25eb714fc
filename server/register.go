package server

import (
	"context"
	"fmt"

	"go.lsp.dev/protocol"
)

// request is one incoming request or notification. It owns its bytes and may be kept after the handler
// returns.
type request struct {
	Method string
	// ID is the request id as it appeared in JSON (7 or "abc"), for logs; empty for a notification.
	ID string
	// Params is the raw JSON of the params, nil when the message had none. It may contain secrets (a
	// credentials file's text): never log it.
	Params []byte
}

// Decode unmarshals the params into v (a pointer, usually to a go.lsp.dev/protocol params type) with the
// LSP codec, which understands the protocol's union types. The error is an *Error with
// CodeInvalidParams; it names the method and the expected type but never echoes the params.
func (r *request) Decode(v any) error {
	if len(r.Params) == 0 {
		return Errorf(CodeInvalidParams, "%s needs params of type %T, and the message has none", r.Method, v)
	}
	if err := (lspCodec{}).Unmarshal(r.Params, v); err != nil {
		return Errorf(CodeInvalidParams, "the params of %s do not decode as %T; check them against the LSP specification", r.Method, v)
	}
	return nil
}

// decodeParams is Decode returning a new value of type P.
func decodeParams[P any](req *request) (*P, error) {
	p := new(P)
	if err := req.Decode(p); err != nil {
		return nil, err
	}
	return p, nil
}

// requestHandler answers a request. The result is marshaled with the LSP codec (nil and nil pointers
// become null); an error becomes an error reply (see Error for how codes are chosen). ctx is cancelled
// when the client sends $/cancelRequest for this request, when the server exits, or when the input ends.
type requestHandler func(ctx context.Context, req *request) (any, error)

// notificationHandler handles a notification. A returned error is logged (warn level); the client gets
// nothing, as the protocol has no reply for notifications.
type notificationHandler func(ctx context.Context, req *request) error

// onRequest registers fn for requests with this method. Register every handler before Run.
// Registering a method twice, a method the server handles itself, or registering after Run panics: those
// are programming errors, found by the first test that builds the server.
func (s *Server) onRequest(method string, fn requestHandler) {
	s.mustRegister(method)
	if _, dup := s.requests[method]; dup {
		panic(fmt.Sprintf("server: a handler for request %q is already registered", method))
	}
	s.requests[method] = fn
}

// onNotification registers fn for notifications with this method; the rules of onRequest apply.
func (s *Server) onNotification(method string, fn notificationHandler) {
	s.mustRegister(method)
	if _, dup := s.notifications[method]; dup {
		panic(fmt.Sprintf("server: a handler for notification %q is already registered", method))
	}
	s.notifications[method] = fn
}

// Handle registers a request handler with typed params and result: the params are decoded into a new P
// (an InvalidParams error reply if they do not decode) before fn runs.
//
//	server.Handle(srv, protocol.MethodTextDocumentHover,
//		func(ctx context.Context, p *protocol.HoverParams) (*protocol.Hover, error) { … })
func Handle[P, R any](s *Server, method string, fn func(ctx context.Context, params *P) (R, error)) {
	s.onRequest(method, func(ctx context.Context, req *request) (any, error) {
		p, err := decodeParams[P](req)
		if err != nil {
			return nil, err
		}
		return fn(ctx, p)
	})
}

// HandleNotify registers a notification handler with typed params.
func HandleNotify[P any](s *Server, method string, fn func(ctx context.Context, params *P) error) {
	s.onNotification(method, func(ctx context.Context, req *request) error {
		p, err := decodeParams[P](req)
		if err != nil {
			return err
		}
		return fn(ctx, p)
	})
}

// InitializeHook runs when the client sends initialize. It returns the capabilities of the handlers; the
// server adds its own (text document sync, the position encoding, the registered commands) and replies.
// It runs before the server reads the next message, so it must not send the client a request (the LSP
// forbids server requests before the initialize reply, and Client refuses them); notifications are fine. An error is sent to the
// client as the initialize error and the server stays uninitialized.
type InitializeHook func(ctx context.Context, params *protocol.InitializeParams) (protocol.ServerCapabilities, error)

// OnInitialize sets the initialize hook. Call before Run.
func (s *Server) OnInitialize(fn InitializeHook) { s.mustConfigure(); s.onInitialize = fn }

// OnInitialized sets the hook run when the client sends the initialized notification: the place for
// server-to-client requests such as client/registerCapability. It runs in notification order.
func (s *Server) OnInitialized(fn func(ctx context.Context) error) {
	s.mustConfigure()
	s.onInitialized = fn
}

// OnShutdown sets the hook run when the client sends shutdown (after every earlier notification was
// processed, before the reply). Stop timers and background work here. An error is logged; the shutdown
// still succeeds.
func (s *Server) OnShutdown(fn func(ctx context.Context) error) { s.mustConfigure(); s.onShutdown = fn }

// OnDocumentChange sets the hook called after every didOpen, didChange, didClose and didSave has been
// applied to the document store, in the order the notifications arrived, before any request that arrived
// after the notification runs. This is where handlers rebuild their snapshot and publish diagnostics. A
// stale or malformed change is not applied and does not call the hook.
func (s *Server) OnDocumentChange(fn func(ctx context.Context, ev DocumentEvent) error) {
	s.mustConfigure()
	s.onDocumentChange = fn
}

// mustRegister checks that method may be registered now.
func (s *Server) mustRegister(method string) {
	s.mustConfigure()
	if reservedMethods[method] {
		panic(fmt.Sprintf("server: %q is handled by the server itself; use the server's hooks instead", method))
	}
}

// mustConfigure panics once Run has started: the handler tables are read without locks while running.
func (s *Server) mustConfigure() {
	if s.running.Load() {
		panic("server: register handlers and hooks before Run")
	}
}

// reservedMethods are the lifecycle, cancellation and text synchronization methods the server owns.
var reservedMethods = map[string]bool{
	protocol.MethodInitialize:            true,
	protocol.MethodInitialized:           true,
	protocol.MethodShutdown:              true,
	protocol.MethodExit:                  true,
	protocol.MethodCancelRequest:         true,
	protocol.MethodTextDocumentDidOpen:   true,
	protocol.MethodTextDocumentDidChange: true,
	protocol.MethodTextDocumentDidClose:  true,
	protocol.MethodTextDocumentDidSave:   true,
}
