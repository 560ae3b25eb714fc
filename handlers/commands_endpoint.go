package handlers

import (
	"context"
	"sync"

	"github.com/rolecall/rolecall/credendpoint"
	"github.com/rolecall/rolecall/internal/wire"
	"github.com/rolecall/rolecall/server"
)

// credentialEndpoint is the server's one credential endpoint (credendpoint, on loopback): it serves
// whichever session is active at each request, so that a terminal given its two variables once keeps
// working across refreshes and role switches for as long as the server runs, and is refused clearly
// after Forget. It starts on first use, so a server nobody asks never listens, and stops at shutdown.
type credentialEndpoint struct {
	mu     sync.Mutex
	srv    *credendpoint.Server
	closed bool
}

// endpoint answers rolecall-ls.endpoint {} with the endpoint's URL and token, starting it if needed.
//
// SECRETS: the token lets any program read the active session's credentials, so this is, with
// rolecall-ls.credentials and rolecall-ls.console, one of the only messages that carry a secret
// (docs/commands.md); a verbose LSP trace logs it. wire.Endpoint hides the token in fmt and slog output.
func (sc *sessionCommands) endpoint(context.Context, *wire.NoArgs) (wire.Endpoint, error) {
	ep := &sc.credEndpoint
	ep.mu.Lock()
	defer ep.mu.Unlock()
	if ep.closed {
		return wire.Endpoint{}, server.NewError(server.CodeRequestFailed, "the language server is shutting down: start it again, then retry")
	}
	if ep.srv == nil {
		srv, err := credendpoint.Start(credendpoint.StoreSource{Store: sc.store}, credendpoint.Options{Log: sc.h.log})
		if err != nil {
			return wire.Endpoint{}, server.NewError(server.CodeRequestFailed, err.Error())
		}
		ep.srv = srv
	}
	return wire.Endpoint{URI: ep.srv.URL(), Token: ep.srv.Token()}, nil
}

// close stops the endpoint (if it ever started); later calls are refused.
func (ep *credentialEndpoint) close() {
	ep.mu.Lock()
	defer ep.mu.Unlock()
	ep.closed = true
	if ep.srv != nil {
		_ = ep.srv.Close()
		ep.srv = nil
	}
}
