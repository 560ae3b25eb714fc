package lsptest

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

// fakeServer is a hand-written peer, independent of the server package, that exercises the harness:
// it answers initialize and shutdown, asks the client for configuration after initialized, reports the
// answer in a notification, and publishes empty diagnostics.
func fakeServer(rwc io.ReadWriteCloser) int {
	defer rwc.Close()
	r := bufio.NewReader(rwc)
	write := func(s string) { _, _ = rwc.Write(frame([]byte(s))) }
	shutdown := false
	for {
		body, err := ReadFrame(r)
		if err != nil {
			return 1
		}
		var env envelope
		if json.Unmarshal(body, &env) != nil {
			return 2
		}
		switch {
		case env.Method == "initialize":
			write(`{"jsonrpc":"2.0","id":` + string(env.ID) + `,"result":{"capabilities":{"hoverProvider":true}}}`)
		case env.Method == "initialized":
			write(`{"jsonrpc":"2.0","id":"cfg","method":"workspace/configuration","params":{"items":[{},{}]}}`)
			write(`{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///a","diagnostics":[]}}`)
		case env.Method == "" && string(env.ID) == `"cfg"`:
			write(`{"jsonrpc":"2.0","method":"test/gotConfig","params":` + string(env.Result) + `}`)
		case env.Method == "shutdown":
			shutdown = true
			write(`{"jsonrpc":"2.0","id":` + string(env.ID) + `,"result":null}`)
		case env.Method == "exit":
			if shutdown {
				return 0
			}
			return 1
		case env.ID != nil:
			write(`{"jsonrpc":"2.0","id":` + string(env.ID) + `,"error":{"code":-32601,"message":"no"}}`)
		}
	}
}

func TestHarnessAgainstAHandWrittenServer(t *testing.T) {
	c := Start(t, fakeServer)
	res := c.Initialize(map[string]any{"configFile": "/x"})
	if res.Capabilities.HoverProvider == nil {
		t.Fatalf("initialize result = %+v", res)
	}
	params := c.AwaitServerRequest(protocol.MethodWorkspaceConfiguration, nil)
	if !strings.Contains(string(params), "items") {
		t.Errorf("configuration params = %s", params)
	}
	// The automatic answer has one null per item.
	if got := c.AwaitNotification("test/gotConfig", nil); string(got) != "[null,null]" {
		t.Errorf("the client answered workspace/configuration with %s, want [null,null]", got)
	}
	if d := c.AwaitDiagnostics("file:///a", func(d []protocol.Diagnostic) bool { return len(d) == 0 }); d == nil {
		t.Error("empty diagnostics decoded as nil")
	}
	err := c.Request("nope", nil, nil)
	if re, ok := err.(*ResponseError); !ok || re.Code != -32601 {
		t.Errorf("error reply = %v", err)
	}
	if !strings.Contains(string(c.ServerOutput()), "Content-Length: ") {
		t.Error("ServerOutput lacks the raw frames")
	}
	if code := c.Shutdown(); code != 0 {
		t.Fatalf("exit status = %d", code)
	}
}

func TestCustomServerRequestAnswer(t *testing.T) {
	c := Start(t, fakeServer)
	c.HandleServerRequest(protocol.MethodWorkspaceConfiguration, func(json.RawMessage) (any, *ResponseError) {
		return []string{"a", "b"}, nil
	})
	c.Initialize(nil)
	if got := c.AwaitNotification("test/gotConfig", nil); string(got) != `["a","b"]` {
		t.Errorf("answer = %s", got)
	}
	if code := c.Exit(); code != 1 {
		t.Fatalf("exit without shutdown = %d, want 1", code)
	}
}
