package handlers

import (
	"github.com/rolecall/rolecall/internal/wire"
	"github.com/rolecall/rolecall/server"
)

// registerCommands registers the server commands (workspace/executeCommand, IDs `rolecall-ls.<verb>`).
// Their names and JSON shapes are internal/wire's and documented in docs/commands.md; each command
// lives in its own commands_<verb>.go file and is added to this one list, so the advertised set is
// visible in one place. The server decodes and validates the argument and answers a bad one with
// InvalidParams; a command's own failure is commandError's RequestFailed with data.reason.
//
// Editor-side commands such as rolecall.assumeRole (the code lens) are the extension's and are never
// registered here.
func (h *Handlers) registerCommands() {
	sc := h.sessions
	server.HandleCommand(h.srv, wire.CommandProfiles, sc.profiles)       // commands_profiles.go
	server.HandleCommand(h.srv, wire.CommandAssume, sc.assume)           // commands_assume.go
	server.HandleCommand(h.srv, wire.CommandRefresh, sc.refresh)         // commands_refresh.go
	server.HandleCommand(h.srv, wire.CommandForget, sc.forget)           // commands_forget.go
	server.HandleCommand(h.srv, wire.CommandStatus, sc.status)           // commands_status.go
	server.HandleCommand(h.srv, wire.CommandCredentials, sc.credentials) // commands_credentials.go
	server.HandleCommand(h.srv, wire.CommandKeysImport, h.keysImport)    // commands_keys.go
	h.registerSSOCommands()                                              // commands_sso.go: rolecall-ls.sso.*
	server.HandleCommand(h.srv, wire.CommandEndpoint, sc.endpoint)       // commands_endpoint.go
	server.HandleCommand(h.srv, wire.CommandConsole, sc.console)         // commands_console.go
	server.HandleCommand(h.srv, wire.CommandRegion, sc.region)           // commands_region.go
}
