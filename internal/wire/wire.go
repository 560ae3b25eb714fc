// Package wire owns the JSON Rolecall exchanges with other programs: the arguments and results of the
// language server's rolecall-ls.* commands, the params of its rolecall/status notification, and the
// session object `rolecall assume --format json` prints. docs/commands.md documents each shape;
// testdata/ holds one realistic example of each, decoded by this package's tests and by the VS Code
// extension's tests (extension/test/wire.test.ts), so that the Go and TypeScript sides cannot drift
// apart unnoticed.
//
// It knows nothing of LSP or JSON-RPC (the handlers register these types as commands), and of the
// engine only the types it converts from: the engine's values become wire values here and nowhere
// else.
package wire

// The server's commands (workspace/executeCommand). Their IDs start with rolecall-ls. so that they
// never collide with the extension's own rolecall.* palette commands.
const (
	CommandProfiles    = "rolecall-ls.profiles"    // NoArgs → Profiles
	CommandAssume      = "rolecall-ls.assume"      // AssumeArgs → SessionStatus
	CommandRefresh     = "rolecall-ls.refresh"     // RefreshArgs → SessionStatus
	CommandForget      = "rolecall-ls.forget"      // ForgetArgs → Status
	CommandStatus      = "rolecall-ls.status"      // NoArgs → Status
	CommandCredentials = "rolecall-ls.credentials" // ProfileArgs → Credentials
)

// StatusNotification is sent to the client on every change of any session; its params are a Status.
const StatusNotification = "rolecall/status"
