// Package lsptest drives a real language server in-process, the way an editor would: over a pipe, with
// LSP Content-Length framing, through the server's real Run loop.
//
//	c := lsptest.Start(t, func(rwc io.ReadWriteCloser) int {
//		srv := server.New(rwc, server.Options{})
//		handlers.Register(srv)
//		return srv.Run(context.Background())
//	})
//	c.Initialize(map[string]any{"configFile": path})
//	c.Open(uri, "aws-config", text)
//	diags := c.AwaitDiagnostics(uri, func(d []protocol.Diagnostic) bool { return len(d) == 1 })
//	c.Change(uri, fixed)
//	c.AwaitDiagnostics(uri, func(d []protocol.Diagnostic) bool { return len(d) == 0 })
//	var hover protocol.Hover
//	err := c.Request(protocol.MethodTextDocumentHover, params, &hover)
//	if code := c.Shutdown(); code != 0 { … }
//
// Nothing sleeps: every Await and every reply wait is woken by the message it waits for and bounded by
// Client.Timeout. Helpers that cannot reasonably fail (Initialize, Open, Change, Await…, Shutdown) stop the
// test with t.Fatal and must be called from the test's goroutine; Request, Go/Wait, ExecuteCommand and
// Notify return errors, so tests can assert on error replies (a *ResponseError).
//
// Waiting semantics: AwaitDiagnostics/AwaitPublish look at the latest publication for the URI and every
// later one (what the editor shows). AwaitNotification looks at every notification since the start;
// AwaitNotificationSince(c.Mark(), …) only at later ones. Server-to-client requests are answered
// automatically (HandleServerRequest changes the answer) and recorded (ServerRequests,
// AwaitServerRequest). ServerOutput returns every byte the server wrote, for secret-leak tests; SendRaw
// writes arbitrary bytes, for malformed-input tests. Reset drops the recorded history (for benchmarks).
//
// The package has its own minimal JSON-RPC reader and writer (it does not use the server's library), so
// it is an independent check of the wire format: it fails the test if the server writes a bad frame.
package lsptest
