package lsptest

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/protocol"
)

// DefaultTimeout bounds every wait of a Client unless its Timeout field is changed. Waits end as soon as
// their condition holds; the timeout only decides how long a failing test takes to fail.
const DefaultTimeout = 20 * time.Second

// Client is an editor stand-in driving one server over in-memory pipes with real LSP framing.
type Client struct {
	t testing.TB
	// Timeout bounds each wait (replies, notifications, the server stopping).
	Timeout time.Duration

	toServer   *io.PipeWriter
	fromServer *io.PipeReader
	writeMu    sync.Mutex
	nextID     atomic.Int64

	mu         sync.Mutex
	changed    chan struct{} // closed and replaced whenever a message arrives or the stream ends
	notes      []Notification
	responses  []Response
	byID       map[string]int // response index by id key
	serverReqs []ServerRequest
	handlers   map[string]ServerRequestHandler
	versions   map[string]int32
	readErr    error // set when the server's output ended

	rawMu sync.Mutex
	raw   []byte

	serverDone chan struct{} // closed when the run callback returned
	exitCode   int
	readDone   chan struct{}
}

// ServerRequestHandler answers a server-to-client request; see HandleServerRequest.
type ServerRequestHandler func(params json.RawMessage) (result any, err *ResponseError)

// Start runs the server under test on an in-memory connection and returns the client end. run builds the
// server on rwc, runs it and returns its exit status, for example
//
//	c := lsptest.Start(t, func(rwc io.ReadWriteCloser) int {
//		srv := server.New(rwc, server.Options{Logger: logger})
//		handlers.Register(srv)
//		return srv.Run(context.Background())
//	})
//
// When the test ends the client closes the server's input (unless the server already stopped) and
// waits for run to return.
func Start(t testing.TB, run func(rwc io.ReadWriteCloser) int) *Client {
	t.Helper()
	serverIn, clientOut := io.Pipe()
	clientIn, serverOut := io.Pipe()
	c := &Client{
		t: t, Timeout: DefaultTimeout,
		toServer: clientOut, fromServer: clientIn,
		changed:    make(chan struct{}),
		byID:       map[string]int{},
		handlers:   map[string]ServerRequestHandler{},
		versions:   map[string]int32{},
		serverDone: make(chan struct{}),
		readDone:   make(chan struct{}),
	}
	go c.runServer(run, &pipeConn{r: serverIn, w: serverOut})
	go c.readLoop()
	t.Cleanup(c.cleanup)
	return c
}

// pipeConn is the server's end of the connection.
type pipeConn struct {
	r *io.PipeReader
	w *io.PipeWriter
}

func (p *pipeConn) Read(b []byte) (int, error)  { return p.r.Read(b) }
func (p *pipeConn) Write(b []byte) (int, error) { return p.w.Write(b) }
func (p *pipeConn) Close() error {
	return errors.Join(p.r.Close(), p.w.Close())
}

func (c *Client) runServer(run func(io.ReadWriteCloser) int, conn *pipeConn) {
	defer close(c.serverDone)
	defer func() {
		if p := recover(); p != nil {
			c.t.Errorf("lsptest: the server's run function panicked: %v", p)
			c.exitCode = -1
		}
	}()
	c.exitCode = run(conn)
	// Whatever the server did with its transport, nothing more will come from it.
	_ = conn.w.Close()
}

func (c *Client) cleanup() {
	_ = c.toServer.Close()
	select {
	case <-c.serverDone:
	case <-time.After(c.Timeout):
		c.t.Errorf("lsptest: the server did not return within %s after its input was closed", c.Timeout)
	}
	_ = c.fromServer.Close()
	<-c.readDone
}

// readLoop reads everything the server writes, recording raw bytes, notifications, replies and requests.
func (c *Client) readLoop() {
	defer close(c.readDone)
	r := bufio.NewReader(io.TeeReader(c.fromServer, writerFunc(c.record)))
	for {
		body, err := ReadFrame(r)
		if err != nil {
			c.finish(err)
			return
		}
		var env envelope
		if err := json.Unmarshal(body, &env); err != nil || env.JSONRPC != "2.0" {
			c.t.Errorf("lsptest: the server wrote a message that is not JSON-RPC 2.0: %.200q", body)
			continue
		}
		c.dispatch(env)
	}
}

func (c *Client) dispatch(env envelope) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case env.Method != "" && env.ID != nil:
		req := ServerRequest{Method: env.Method, ID: env.ID, Params: env.Params}
		c.serverReqs = append(c.serverReqs, req)
		go c.answer(req, c.handlers[env.Method])
	case env.Method != "":
		c.notes = append(c.notes, Notification{Method: env.Method, Params: env.Params})
	default:
		c.byID[idKey(env.ID)] = len(c.responses)
		c.responses = append(c.responses, Response{ID: env.ID, Result: env.Result, Error: env.Error})
	}
	c.broadcastLocked()
}

func (c *Client) finish(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrClosedPipe) {
		c.t.Errorf("lsptest: reading the server's output: %v", err)
	}
	c.readErr = err
	c.broadcastLocked()
}

func (c *Client) broadcastLocked() {
	close(c.changed)
	c.changed = make(chan struct{})
}

func (c *Client) record(p []byte) {
	c.rawMu.Lock()
	c.raw = append(c.raw, p...)
	c.rawMu.Unlock()
}

type writerFunc func([]byte)

func (f writerFunc) Write(p []byte) (int, error) { f(p); return len(p), nil }

// ServerOutput returns a copy of every byte the server has written so far, framing included: grep it
// for secrets.
func (c *Client) ServerOutput() []byte {
	c.rawMu.Lock()
	defer c.rawMu.Unlock()
	return append([]byte(nil), c.raw...)
}

// SendRaw writes bytes to the server as they are, for malformed-input tests.
func (c *Client) SendRaw(b []byte) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	done := make(chan error, 1)
	go func() {
		_, err := c.toServer.Write(b)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(c.Timeout):
		_ = c.toServer.CloseWithError(errors.New("lsptest: write timed out"))
		return fmt.Errorf("lsptest: the server did not read %d bytes within %s", len(b), c.Timeout)
	}
}

// send frames and writes one message. members are JSON member names and their already-encoded
// values, written in order after "jsonrpc"; values are not re-encoded, which keeps 10 MB documents cheap.
func (c *Client) send(members ...member) error {
	body := []byte(`{"jsonrpc":"2.0"`)
	for _, m := range members {
		if m.value == nil {
			continue
		}
		body = append(body, ',', '"')
		body = append(body, m.name...)
		body = append(body, '"', ':')
		body = append(body, m.value...)
	}
	body = append(body, '}')
	return c.SendRaw(frame(body))
}

// member is one member of an outgoing message.
type member struct {
	name  string
	value json.RawMessage
}

// str encodes a string as a JSON value.
func str(s string) json.RawMessage {
	b, _ := json.Marshal(s)
	return b
}

// Notify sends a notification.
func (c *Client) Notify(method string, params any) error {
	raw, err := encodeParams(params)
	if err != nil {
		return fmt.Errorf("lsptest: encoding %s params: %w", method, err)
	}
	return c.send(member{"method", str(method)}, member{"params", raw})
}

// wait calls check with the messages received so far each time something arrives, until check returns
// true (wait returns true), the server's output ends, or the timeout passes. check runs without locks.
func (c *Client) wait(check func(s snapshot) bool) bool {
	deadline := time.NewTimer(c.Timeout)
	defer deadline.Stop()
	for {
		s, changed := c.snapshot()
		if check(s) {
			return true
		}
		if s.ended {
			return false
		}
		select {
		case <-changed:
		case <-deadline.C:
			return false
		}
	}
}

// snapshot is a consistent view of what has arrived. The slices are append-only, so reading a captured
// prefix needs no lock.
type snapshot struct {
	notes      []Notification
	responses  []Response
	serverReqs []ServerRequest
	ended      bool
}

func (c *Client) snapshot() (snapshot, <-chan struct{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return snapshot{c.notes, c.responses, c.serverReqs, c.readErr != nil}, c.changed
}

// response returns the reply with this id key, if it has arrived.
func (c *Client) response(key string) (Response, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	i, ok := c.byID[key]
	if !ok {
		return Response{}, false
	}
	return c.responses[i], true
}

// Initialize sends initialize with a typical editor's capabilities and the given initializationOptions
// (nil for none), checks the reply, sends initialized, and returns the server's InitializeResult.
func (c *Client) Initialize(opts any) protocol.InitializeResult {
	c.t.Helper()
	res, err := c.InitializeWith(DefaultInitializeParams(opts))
	if err != nil {
		c.t.Fatalf("lsptest: initialize failed: %v", err)
	}
	if err := c.Notify(protocol.MethodInitialized, map[string]any{}); err != nil {
		c.t.Fatalf("lsptest: sending initialized: %v", err)
	}
	return res
}

// InitializeWith sends initialize with the given params and returns the result or the error reply,
// without sending initialized.
func (c *Client) InitializeWith(params any) (protocol.InitializeResult, error) {
	var res protocol.InitializeResult
	err := c.Request(protocol.MethodInitialize, params, &res)
	return res, err
}

// DefaultInitializeParams are the initialize params Initialize sends: a client that supports
// workspace/configuration, dynamic registration of watched files, related information and versions in
// diagnostics, markdown, snippets, and UTF-16 positions.
func DefaultInitializeParams(opts any) map[string]any {
	p := map[string]any{
		"processId":  nil,
		"clientInfo": map[string]any{"name": "lsptest"},
		"rootUri":    nil,
		"capabilities": json.RawMessage(`{
			"workspace": {"configuration": true, "applyEdit": true, "workspaceFolders": true,
				"didChangeWatchedFiles": {"dynamicRegistration": true}, "executeCommand": {}},
			"textDocument": {
				"synchronization": {"didSave": true},
				"publishDiagnostics": {"relatedInformation": true, "versionSupport": true},
				"hover": {"contentFormat": ["markdown", "plaintext"]},
				"completion": {"completionItem": {"snippetSupport": true, "documentationFormat": ["markdown", "plaintext"]}},
				"rename": {"prepareSupport": true},
				"codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}}
			},
			"window": {"workDoneProgress": true, "showMessage": {}},
			"general": {"positionEncodings": ["utf-16"]}
		}`),
	}
	if opts != nil {
		p["initializationOptions"] = opts
	}
	return p
}

// Reset forgets every notification, reply, server request and output byte received so far, so a long
// benchmark does not measure the harness's own history. Call it only while no request is waiting for a
// reply; marks taken before it are invalid afterwards.
func (c *Client) Reset() {
	c.mu.Lock()
	c.notes, c.responses, c.serverReqs = nil, nil, nil
	c.byID = map[string]int{}
	c.mu.Unlock()
	c.rawMu.Lock()
	c.raw = nil
	c.rawMu.Unlock()
}
