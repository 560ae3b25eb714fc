package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/internal/lsptest"
	"github.com/rolecall/rolecall/server"
)

// hover sends a hover request and checks the test handler's answer: proof the connection still works.
func (h *harness) hover(t *testing.T) {
	t.Helper()
	var hover protocol.Hover
	err := h.Request(protocol.MethodTextDocumentHover, map[string]any{
		"textDocument": map[string]any{"uri": "file:///x"}, "position": map[string]any{"line": 0, "character": 0},
	}, &hover)
	if err != nil {
		t.Fatalf("hover: %v", err)
	}
	if m, ok := hover.Contents.(*protocol.MarkupContent); !ok || m.Value != "hover" {
		t.Fatalf("hover contents = %#v", hover.Contents)
	}
}

func TestUnknownMethodIsMethodNotFoundAndTheConnectionStays(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	err := h.Request("textDocument/unknownThing", map[string]any{}, nil)
	if code := errorCode(t, err); code != -32601 {
		t.Fatalf("code = %d, want -32601 (MethodNotFound)", code)
	}
	if err := h.Notify("custom/unknownNotification", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	h.hover(t)
	if code := h.Shutdown(); code != 0 {
		t.Fatalf("exit status = %d", code)
	}
}

func TestPanickingHandlerGetsInternalErrorAndTheServerKeepsServing(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	err := h.Request("test/panic", struct{}{}, nil)
	if code := errorCode(t, err); code != -32603 {
		t.Fatalf("code = %d, want -32603 (InternalError)", code)
	}
	if strings.Contains(err.Error(), "deliberate") {
		t.Errorf("the reply leaks the panic value: %v", err)
	}
	if err := h.Notify("test/panicNote", struct{}{}); err != nil {
		t.Fatal(err)
	}
	h.hover(t)
	h.hover(t) // twice: jsonrpc2 itself would have closed the connection after the first panic
	logs := h.logs.String()
	for _, want := range []string{"deliberate test panic", "deliberate notification panic", "goroutine", "helpers_test.go"} {
		if !strings.Contains(logs, want) {
			t.Errorf("the log lacks %q (the panic and its stack)", want)
		}
	}
	if code := h.Shutdown(); code != 0 {
		t.Fatalf("exit status = %d", code)
	}
}

func TestHandlerErrorsKeepTheirCodeAndData(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	err := h.Request("test/fail", struct{}{}, nil)
	if code := errorCode(t, err); code != int(server.CodeRequestFailed) {
		t.Errorf("plain error: code = %d, want -32803", code)
	}
	err = h.Request("test/coded", struct{}{}, nil)
	re := err.(*lsptest.ResponseError)
	if re.Code != -32803 || re.Message != "profile missing" || !strings.Contains(string(re.Data), `"reason":"profile-not-found"`) {
		t.Errorf("coded error = %+v (data %s)", re, re.Data)
	}
	err = h.Request(protocol.MethodTextDocumentHover, json.RawMessage(`{"textDocument": 5}`), nil)
	if code := errorCode(t, err); code != -32602 {
		t.Errorf("undecodable params: code = %d, want -32602 (InvalidParams)", code)
	}
}

// malformed inputs, each followed by a valid request that must still be answered.
var malformed = []struct {
	name     string
	raw      string
	wantCode int
	wantID   string // raw JSON of the reply's id
}{
	{"bad JSON", frameOf(`{"jsonrpc":"2.0","id":1,"method":`), -32700, "null"},
	{"no Content-Length", "Content-Type: application/json\r\n\r\n" + `{"jsonrpc":"2.0","method":"x"}`, -32700, "null"},
	{"Content-Length not a number", "Content-Length: ten\r\n\r\n" + `{"jsonrpc":"2.0","method":"x"}`, -32700, "null"},
	{"header line without colon", "Hello there\r\n" + frameOf(`{"jsonrpc":"2.0","method":"x"}`), -32700, "null"},
	{"garbage between frames", "\x00\x01garbage{}" + frameOf(`{"jsonrpc":"2.0","method":"x"}`), -32700, "null"},
	{"method is not a string", frameOf(`{"jsonrpc":"2.0","id":77,"method":5}`), -32600, "77"},
	{"no jsonrpc version", frameOf(`{"id":"s-1","method":"textDocument/hover"}`), -32600, `"s-1"`},
	{"batch", frameOf(`[{"jsonrpc":"2.0","id":1,"method":"x"}]`), -32600, "null"},
	{"empty body", "Content-Length: 0\r\n\r\n", -32700, "null"},
}

func frameOf(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

func TestMalformedMessagesGetAnErrorReplyAndTheServerKeepsServing(t *testing.T) {
	for _, tc := range malformed {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.Initialize(nil)
			if err := h.SendRaw([]byte(tc.raw)); err != nil {
				t.Fatal(err)
			}
			resp := h.AwaitResponse(func(r lsptest.Response) bool { return r.Error != nil })
			if resp.Error.Code != tc.wantCode || string(resp.ID) != tc.wantID {
				t.Errorf("reply = id %s code %d (%s), want id %s code %d", resp.ID, resp.Error.Code, resp.Error.Message, tc.wantID, tc.wantCode)
			}
			h.hover(t)
			if code := h.Shutdown(); code != 0 {
				t.Fatalf("exit status = %d", code)
			}
		})
	}
}

func TestOversizedMessageIsSkipped(t *testing.T) {
	h := newHarnessWith(t, func(o *server.Options) { o.MaxMessageBytes = 1000 }, nil)
	h.Initialize(nil)
	big := strings.Repeat("x", 2000)
	p := h.Go(protocol.MethodTextDocumentHover, map[string]any{"pad": big})
	resp := h.AwaitResponse(func(r lsptest.Response) bool { return r.Error != nil && string(r.ID) == "null" })
	if resp.Error.Code != -32600 || !strings.Contains(resp.Error.Message, "limit") {
		t.Errorf("reply = %+v", resp.Error)
	}
	h.hover(t) // answered after the skipped message, so that one will never be answered
	if p.Done() {
		t.Error("the oversized request was answered as if it had been read")
	}
}

// framesWithAWrongLength each end with a bad frame that a valid request follows in the same write; the
// valid request must be answered. wantCode is the reply to the bad frame itself.
var framesWithAWrongLength = []struct {
	name     string
	raw      string
	wantCode int
	wantID   string
}{
	{"Content-Length too short", "Content-Length: 20\r\n\r\n" + `{"jsonrpc":"2.0","id":5,"method":"x","params":{}}`, -32700, "null"},
	{"Content-Length too long", "Content-Length: 80\r\n\r\n" + `{"jsonrpc":"2.0","id":5,"method":"x"}`, -32600, "5"},
	{"Content-Length far too long", "Content-Length: 100000\r\n\r\n" + `{"jsonrpc":"2.0","id":5,"method":"x"}`, -32600, "5"},
	{"Content-Length not a number", "Content-Length: ten\r\n\r\n" + `{"jsonrpc":"2.0","id":5,"method":"x"}`, -32700, "null"},
	{"Content-Length negative", "Content-Length: -3\r\n\r\n" + `{"jsonrpc":"2.0","id":5,"method":"x"}`, -32700, "null"},
	{"no Content-Length", "Content-Type: application/json\r\n\r\n" + `{"jsonrpc":"2.0","id":5,"method":"x"}`, -32700, "null"},
	{"no header at all", `{"jsonrpc":"2.0","id":5,"method":"x"}`, -32700, "null"},
	{"too short, body ends in a newline", "Content-Length: 10\r\n\r\n" + "{\"jsonrpc\":\"2.0\",\n\"id\":5,\"method\":\"x\"}\r\n", -32700, "null"},
}

func TestAFrameWithAWrongLengthDoesNotLoseTheNextRequest(t *testing.T) {
	hover := `{"jsonrpc":"2.0","id":"next","method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x"},"position":{"line":0,"character":0}}}`
	for _, tc := range framesWithAWrongLength {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.Initialize(nil)
			if err := h.SendRaw([]byte(tc.raw + frameOf(hover))); err != nil {
				t.Fatal(err)
			}
			next := h.AwaitResponse(func(r lsptest.Response) bool { return string(r.ID) == `"next"` })
			if next.Error != nil || !strings.Contains(string(next.Result), "hover") {
				t.Errorf("the request after the bad frame got %+v, want the hover", next)
			}
			bad := h.AwaitResponse(func(r lsptest.Response) bool { return r.Error != nil })
			if bad.Error.Code != tc.wantCode || string(bad.ID) != tc.wantID {
				t.Errorf("reply to the bad frame = id %s code %d (%s), want id %s code %d",
					bad.ID, bad.Error.Code, bad.Error.Message, tc.wantID, tc.wantCode)
			}
			h.hover(t)
		})
	}
}
