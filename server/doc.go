// Package server is Rolecall's language-server plumbing: JSON-RPC framing, the LSP lifecycle, request
// middleware, the open-document store and outgoing messages. It knows nothing about AWS; the handlers
// package registers the features.
//
// It is built on go.lsp.dev/jsonrpc2 and go.lsp.dev/protocol v1. jsonrpc2 is used only inside this
// package; protocol types appear in the API (URI is aliased here), so a later library move touches this
// package and the handlers' protocol imports only.
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
//	server.HandleCommand(srv, "rolecall-ls.profiles", profiles) // workspace/executeCommand, typed
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
// Outgoing messages are the library's: Client is protocol.ClientDispatcher over the connection, whose
// Call already sends $/cancelRequest (number or string id) when ctx ends. The server keeps only what the
// library does not do:
//
//   - answering bad frames and invalid messages without dropping the connection, and finding the next
//     frame after a wrong Content-Length (stream.go, frame.go): jsonrpc2 v1 closes the connection on any
//     of them, without a reply;
//   - notifications in order with requests concurrent, each request after the notifications before it
//     (queue.go): the library offers all in order (its read loop) or all concurrent (AsyncHandler);
//   - cancellation (inflight.go): protocol.CancelHandler leaves the reply to the handler, which may
//     return a result after being cancelled, and answers a malformed $/cancelRequest with an error,
//     which for a notification closes the connection; here the reply is RequestCancelled whatever the
//     handler returns, and the registry also lets Run wait for running handlers at exit;
//   - one place where handler errors become wire errors (errors.go), the lifecycle gates
//     (lifecycle.go), and, for requests to the client, the refusal before initialize is answered and
//     the yield described above (outgoing.go).
package server
