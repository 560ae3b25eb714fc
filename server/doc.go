// Package server is Rolecall's language-server plumbing: JSON-RPC framing, the LSP lifecycle, request
// middleware, the open-document store and outgoing messages. It knows nothing about AWS; the handlers
// package registers the features.
//
// It is built on go.lsp.dev/jsonrpc2 and go.lsp.dev/protocol v1. jsonrpc2 is used only inside this
// package; protocol types appear in the API (and a few are aliased here: URI, Position, Range,
// Diagnostic), so a later library move touches this package and the handlers' protocol imports only.
//
// # Using it
//
//	srv := server.New(server.Stdio(), server.Options{Name: "rolecall", Version: v, Logger: logger})
//	srv.OnInitialize(func(ctx context.Context, p *protocol.InitializeParams) (protocol.ServerCapabilities, error) {
//		return protocol.ServerCapabilities{HoverProvider: protocol.Boolean(true)}, nil
//	})
//	srv.OnDocumentChange(func(ctx context.Context, ev server.DocumentEvent) error {
//		// rebuild the snapshot from ev.Documents, then srv.Client().PublishDiagnostics(ctx, …)
//		return nil
//	})
//	server.Handle(srv, protocol.MethodTextDocumentHover, hover) // typed params and result
//	srv.HandleCommand("rolecall-ls.profiles", profiles)          // workspace/executeCommand
//	os.Exit(srv.Run(ctx))
//
// Register everything before Run; registering afterwards, twice, or for a method the server owns
// (initialize, initialized, shutdown, exit, $/cancelRequest, textDocument/didOpen|didChange|didClose|
// didSave) panics.
//
// # Lifecycle
//
// Requests before initialize are answered with ServerNotInitialized (-32002); notifications before it are
// dropped, except exit. A second initialize is answered with InvalidRequest. After shutdown every request
// is answered with InvalidRequest and notifications are dropped. Run returns the exit status: 0 for
// shutdown then exit, 1 for exit without shutdown, for the input ending, and for its context being
// cancelled.
//
// The initialize reply carries the capabilities the OnInitialize hook returns, plus the server's own:
// incremental text document sync (open/close, change, save without text), positionEncoding utf-16, and
// executeCommandProvider listing the commands registered with HandleCommand.
//
// # Ordering and concurrency
//
// Notifications are handled one at a time, in the order they arrived, on one goroutine. A request starts
// only after every notification that arrived before it has been handled (so a hover after an edit sees
// the edit), and then runs on its own goroutine: a slow request (an STS call, an MFA prompt) never blocks
// the edits and hovers behind it. Handlers therefore need their own locking only for their own shared
// state. Client and Notify are safe from any goroutine; the client may not be sent requests from the
// OnInitialize hook (they are refused there). A notification handler that sends the client a request
// gives up its hold on the requests behind it while it waits for the answer (which may take as long as
// a user takes to click): they start, and may see what it changed so far; later notifications still
// wait for it.
//
// # What the server adds to go.lsp.dev
//
// Outgoing messages are the library's: Client is protocol.ClientDispatcher over the connection. The
// server keeps only what the library does not do: answering bad frames and invalid messages without
// dropping the connection, and finding the next frame after a wrong Content-Length (jsonrpc2 v1 closes
// the connection on any of them: stream.go, frame.go); the ordering of notifications before requests,
// with requests concurrent among themselves (queue.go: jsonrpc2 runs handlers either all in order or
// all concurrently); cancellation by $/cancelRequest with a number or a string id, and a cancelled
// request answered RequestCancelled whatever its handler returns (inflight.go: jsonrpc2 has no request
// registry); one place where handler errors become wire errors (errors.go); the lifecycle gates
// (lifecycle.go); and the refusal of requests to the client before initialize is answered, plus the
// yield above (outgoing.go).

// # Middleware
//
// Every request gets exactly one reply. Unknown methods get MethodNotFound (-32601). A panicking handler
// gets InternalError (-32603) and its stack goes to the log; the connection stays up. A message with a
// bad header or bad JSON is answered with ParseError (-32700, id null), a well-formed but invalid one with
// InvalidRequest (-32600, with its id when it has a usable one), and the server keeps reading. A frame
// whose Content-Length is wrong is answered too (too long: InvalidRequest with its id, as soon as the next
// frame starts; too short: ParseError), and the frame after it is read and answered normally.
// $/cancelRequest (numeric or string id) cancels the request's context and the reply becomes
// RequestCancelled (-32800), whatever the handler returns. Handler errors: an *Error (possibly wrapped)
// keeps its code and data; context.Canceled becomes RequestCancelled; anything else RequestFailed
// (-32803) with the error's text.
//
// # Documents
//
// The server keeps the open documents (any URI scheme, untitled: included) and applies full and
// incremental changes, converting positions with internal/textpos (UTF-16 columns; the rules are there). A
// didChange whose version is not above the stored one is ignored as stale. A didChange that cannot be
// applied (a range that ends before it starts, or names a line the document lacks) leaves the server's
// copy out of sync: it is dropped as if closed, the user gets a window/showMessage error saying to reopen
// the file, and a later change carrying the whole text takes it back. After every applied
// open/change/close/save the OnDocumentChange hook gets the event and the new immutable snapshot;
// Documents returns the current snapshot from any goroutine. FilePath turns a file: URI into a path and
// says ok=false for other schemes.
//
// # Logging and secrets
//
// The server logs to Options.Logger with log/slog. It never logs message params or results at any level
// (a document may be a credentials file); the debug level traces method names, ids and timings. Error
// messages for undecodable params name the method and the Go type, never the content.
//
// # Payload encoding
//
// Params and results are encoded with go.lsp.dev/protocol's codec, which is encoding/json/v2
// (github.com/go-json-experiment/json) for non-protocol types: field names match case-sensitively, nil
// slices and maps encode as [] and {}, and "omitempty" omits empty JSON values ("" [] {} null), not Go
// zero values; use "omitzero" for those.
package server
