package server

import (
	"context"
	"fmt"
	"runtime/debug"

	"go.lsp.dev/protocol"
)

// initialize answers the initialize request. It runs inline on the read loop, so no other message is read
// until the reply is written: the client may not send anything else before it anyway.
func (s *Server) initialize(r *request) (any, error) {
	if !s.state.CompareAndSwap(int32(stateUninitialized), int32(stateInitializing)) {
		return nil, NewError(codeInvalidRequest, "initialize was already received; a client sends it once per connection")
	}
	params, err := decodeParams[protocol.InitializeParams](r)
	if err != nil {
		s.state.Store(int32(stateUninitialized))
		return nil, err
	}
	caps, err := s.runInitializeHook(params)
	if err != nil {
		s.state.Store(int32(stateUninitialized))
		s.log.Warn("initialize failed", "error", err)
		return nil, wireError(err)
	}
	s.state.Store(int32(stateInitialized))
	client := params.ClientInfo.Name
	s.log.Info("initialized", "client", client)
	result := &protocol.InitializeResult{Capabilities: s.completeCapabilities(caps)}
	if s.opts.Name != "" {
		result.ServerInfo = protocol.ServerInfo{Name: s.opts.Name}
		if s.opts.Version != "" {
			result.ServerInfo.Version = protocol.NewOptional(s.opts.Version)
		}
	}
	return result, nil
}

// runInitializeHook calls the OnInitialize hook, turning a panic into an error.
func (s *Server) runInitializeHook(params *protocol.InitializeParams) (caps protocol.ServerCapabilities, err error) {
	if s.onInitialize == nil {
		return caps, nil
	}
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("initialize hook panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			err = NewError(codeInternalError, "internal error in the server during initialize (the server log has the details)")
		}
	}()
	return s.onInitialize(s.baseCtx, params)
}

// completeCapabilities adds what the server itself provides to the handlers' capabilities: incremental
// text sync with open/close and save notifications, UTF-16 positions, and the registered commands.
func (s *Server) completeCapabilities(caps protocol.ServerCapabilities) protocol.ServerCapabilities {
	openClose, includeText := true, false
	change := protocol.TextDocumentSyncKindIncremental
	caps.TextDocumentSync = &protocol.TextDocumentSyncOptions{
		OpenClose: &openClose,
		Change:    &change,
		Save:      &protocol.SaveOptions{IncludeText: &includeText},
	}
	caps.PositionEncoding = protocol.PositionEncodingKindUTF16
	if len(s.commands) > 0 {
		caps.ExecuteCommandProvider.Commands = s.commandNames()
	}
	return caps
}

// initialized runs the OnInitialized hook (in notification order).
func (s *Server) initialized(ctx context.Context, _ *request) error {
	if s.onInitialized == nil {
		return nil
	}
	return s.onInitialized(ctx)
}

// shutdown answers the shutdown request after every earlier notification; the state already refuses new
// requests (handleCall set it when the request arrived).
func (s *Server) shutdown(ctx context.Context, _ *request) (any, error) {
	s.log.Info("the client requested shutdown")
	if s.onShutdown != nil {
		if err := s.onShutdown(ctx); err != nil {
			s.log.Warn("shutdown hook failed; shutting down anyway", "error", err)
		}
	}
	return nil, nil
}
