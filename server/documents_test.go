package server_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/server"
)

func rng(l1, c1, l2, c2 uint32) protocol.Range {
	return protocol.Range{Start: protocol.Position{Line: l1, Character: c1}, End: protocol.Position{Line: l2, Character: c2}}
}

// nonASCIIEdits: each edit applies to the text the previous one produced; positions are UTF-16 units.
var nonASCIIEdits = []struct {
	rng  protocol.Range
	text string
	want string
}{
	// "é" and "日本" are one unit each: 日本 is characters 8-10.
	{rng(0, 8, 0, 10), "中文", "name = é中文\r\nemoji = 😀x😀\nlast"},
	// 😀 is a surrogate pair, two units: "x" is character 10 of line 1.
	{rng(1, 10, 1, 11), "y", "name = é中文\r\nemoji = 😀y😀\nlast"},
	// After the second emoji (units 11-12) is character 13, the end of the line.
	{rng(1, 13, 1, 13), "!", "name = é中文\r\nemoji = 😀y😀!\nlast"},
	// Replace the CRLF line break: it is one break, ending line 0 at character 10.
	{rng(0, 10, 1, 0), " ", "name = é中文 emoji = 😀y😀!\nlast"},
	// Delete the first emoji, both halves: characters 19-21 of line 0.
	{rng(0, 19, 0, 21), "", "name = é中文 emoji = y😀!\nlast"},
	// A character past the end of the line clamps to the line's end.
	{rng(1, 100, 1, 100), "?", "name = é中文 emoji = y😀!\nlast?"},
	// Insert an emoji before "é" and check a later range counts it as two units.
	{rng(0, 7, 0, 7), "🔑", "name = 🔑é中文 emoji = y😀!\nlast?"},
	{rng(0, 9, 0, 10), "e", "name = 🔑e中文 emoji = y😀!\nlast?"},
}

const nonASCIIText = "name = é日本\r\nemoji = 😀x😀\nlast"

func TestIncrementalChangesCountUTF16Units(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	const uri = "file:///home/me/.aws/config"
	h.Open(uri, "aws-config", nonASCIIText)
	for i, e := range nonASCIIEdits {
		h.ChangeRange(uri, e.rng, e.text)
		if d := h.document(t, uri); d.Text != e.want {
			t.Fatalf("after edit %d: text = %q, want %q", i, d.Text, e.want)
		}
	}
}

func TestSeveralChangesInOneNotificationApplyInOrder(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	const uri = "untitled:Untitled-1"
	h.Open(uri, "aws-config", nonASCIIText)
	edits := make([]protocol.TextDocumentContentChangePartial, len(nonASCIIEdits))
	for i, e := range nonASCIIEdits {
		edits[i] = protocol.TextDocumentContentChangePartial{Range: e.rng, Text: e.text}
	}
	h.ChangeRanges(uri, edits...)
	d := h.document(t, uri)
	if want := nonASCIIEdits[len(nonASCIIEdits)-1].want; d.Text != want || d.Version != 2 {
		t.Fatalf("text = %q version %d, want %q version 2", d.Text, d.Version, want)
	}
}

func TestFullChangeReplacesTheText(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	h.Open("file:///f", "ini", "old")
	h.Change("file:///f", "new ✓")
	if d := h.document(t, "file:///f"); d.Text != "new ✓" || d.Version != 2 || d.LanguageID != "ini" {
		t.Fatalf("document = %+v", d)
	}
}

func TestStaleAndUnknownChangesAreIgnored(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	const uri = "file:///f"
	h.Open(uri, "ini", "v1")
	h.Change(uri, "v2")
	stale := map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": "stale"}},
	}
	if err := h.Notify(protocol.MethodTextDocumentDidChange, stale); err != nil {
		t.Fatal(err)
	}
	h.Change("file:///never-opened", "x")
	if d := h.document(t, uri); d.Text != "v2" || d.Version != 2 {
		t.Fatalf("document = %q version %d, want v2 version 2", d.Text, d.Version)
	}
	if d := h.document(t, "file:///never-opened"); d.Open {
		t.Fatal("a change to an unopened document opened it")
	}
}

// An edit the server cannot apply leaves its copy different from the editor's. The user is told to reopen
// the file, the document is treated as closed (so its diagnostics are not left stale), and a change that
// carries the whole text brings it back.
func TestAnInvalidChangeIsReportedAndTheDocumentResyncs(t *testing.T) {
	invalid := []struct {
		name string
		rng  protocol.Range
	}{
		{"range ends before it starts", rng(1, 1, 0, 0)},
		{"end before start on one line", rng(0, 2, 0, 1)},
		{"line past the end", rng(7, 0, 7, 0)},
		{"character on the line past the last", rng(2, 3, 2, 3)},
	}
	for _, tc := range invalid {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.Initialize(nil)
			const uri = "file:///home/me/.aws/config"
			h.Open(uri, "aws-config", "ab\ncd")
			h.ChangeRange(uri, tc.rng, "x")
			note := h.AwaitNotification(protocol.MethodWindowShowMessage, func(json.RawMessage) bool { return true })
			var msg protocol.ShowMessageParams
			if err := json.Unmarshal(note, &msg); err != nil {
				t.Fatal(err)
			}
			if msg.Type != protocol.MessageTypeError || !strings.HasPrefix(msg.Message, "config is out of sync") ||
				!strings.Contains(msg.Message, "reopen") {
				t.Errorf("message = %d %q, want an error telling to reopen config", msg.Type, msg.Message)
			}
			if d := h.document(t, uri); d.Open {
				t.Errorf("the document is still open with %q after a change that could not be applied", d.Text)
			}
			for _, want := range []server.DocumentEventKind{server.DocumentOpened, server.DocumentClosed} {
				if ev := <-h.events; ev.Kind != want {
					t.Errorf("event %v, want %v", ev.Kind, want)
				}
			}
			h.ChangeRange(uri, rng(0, 0, 0, 0), "ignored: the server does not know the text")
			h.Change(uri, "whole text")
			if d := h.document(t, uri); !d.Open || d.Text != "whole text" || d.LanguageID != "aws-config" {
				t.Errorf("after a whole-text change: %+v, want it open with the new text", d)
			}
			if n := len(h.Notifications(protocol.MethodWindowShowMessage)); n != 1 {
				t.Errorf("%d messages, want 1", n)
			}
		})
	}
}

func TestAChangeMayAppendAtTheLinePastTheLast(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	const uri = "file:///f"
	h.Open(uri, "ini", "a\n")
	h.ChangeRange(uri, rng(2, 0, 2, 0), "b")
	if d := h.document(t, uri); d.Text != "a\nb" {
		t.Fatalf("text = %q, want the insertion at the end", d.Text)
	}
}

func TestDocumentEventsFollowTheNotifications(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	const uri = "untitled:Untitled-1"
	h.Open(uri, "aws-credentials", "a")
	h.Change(uri, "b")
	h.Save(uri)
	savedWithText := map[string]any{"textDocument": map[string]any{"uri": uri}, "text": "c"}
	if err := h.Notify(protocol.MethodTextDocumentDidSave, savedWithText); err != nil {
		t.Fatal(err)
	}
	h.Close(uri)
	want := []struct {
		kind server.DocumentEventKind
		open bool
		text string
	}{
		{server.DocumentOpened, true, "a"}, {server.DocumentChanged, true, "b"},
		{server.DocumentSaved, true, "b"}, {server.DocumentSaved, true, "c"}, {server.DocumentClosed, false, ""},
	}
	for i, w := range want {
		select {
		case ev := <-h.events:
			doc, open := ev.Documents.Get(uri)
			if ev.Kind != w.kind || ev.URI != uri || open != w.open || doc.Text != w.text {
				t.Errorf("event %d = %v %s open=%v %q, want %v open=%v %q", i, ev.Kind, ev.URI, open, doc.Text, w.kind, w.open, w.text)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("event %d (%v) never came", i, w.kind)
		}
	}
	if _, ok := server.FilePath(uri); ok {
		t.Error("FilePath accepted an untitled: URI")
	}
}

func TestTenMegabyteDocument(t *testing.T) {
	h := newHarness(t)
	// Moving 10 MB through JSON three times takes a few seconds under the race detector, and several
	// times that on a loaded two-core machine: the bound is for a server that never answers.
	h.Timeout = 2 * time.Minute
	h.Initialize(nil)
	const uri = "file:///big/config"
	line := "[profile p]\nregion = eu-west-1 # é😀\n"
	text := strings.Repeat(line, 10<<20/len(line)+1)
	lines := uint32(strings.Count(text, "\n"))
	start := time.Now()
	h.Open(uri, "aws-config", text)
	h.ChangeRange(uri, rng(lines, 0, lines, 0), "[tail]")
	h.ChangeRange(uri, rng(1, 22, 1, 24), "🔒") // replace the first 😀 (units 22-23)
	d := h.document(t, uri)
	t.Logf("%d MB: open, two edits and read back in %s", len(text)>>20, time.Since(start))
	want := strings.Replace(text, "😀", "🔒", 1) + "[tail]"
	if len(d.Text) != len(want) || d.Text != want {
		t.Fatalf("10 MB document differs after edits (len %d, want %d)", len(d.Text), len(want))
	}
}

func TestEmptyDiagnosticsAreSentAsAnEmptyList(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	const uri = "file:///clean"
	if err := h.Request("test/publish", uriParams{URI: uri}, nil); err != nil {
		t.Fatal(err)
	}
	if diags := h.AwaitDiagnostics(uri, nil); diags == nil || len(diags) != 0 {
		t.Fatalf("diagnostics = %#v", diags)
	}
	params := h.AwaitNotification(protocol.MethodTextDocumentPublishDiagnostics, nil)
	if !strings.Contains(string(params), `"diagnostics":[]`) || strings.Contains(string(params), "version") {
		t.Fatalf("publishDiagnostics params = %s, want an empty list and no version", params)
	}
	if out := string(h.ServerOutput()); strings.Contains(out, `"diagnostics":null`) {
		t.Fatal("the server sent diagnostics as null")
	}
}

func TestExecuteCommand(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	var got map[string]any
	if err := h.ExecuteCommand("test.echo", map[string]any{"profile": "dev"}, &got); err != nil || got["profile"] != "dev" {
		t.Fatalf("test.echo = %v, %v", got, err)
	}
	if err := h.ExecuteCommand("test.echo", nil, &got); err != nil {
		t.Fatalf("test.echo without an argument: %v", err)
	}
	err := h.ExecuteCommand("test.nope", nil, nil)
	if code := errorCode(t, err); code != -32602 || !strings.Contains(err.Error(), "test.echo") {
		t.Fatalf("unknown command: %v, want InvalidParams listing the commands", err)
	}
	err = h.ExecuteCommand("test.echo", "not an object", nil)
	if code := errorCode(t, err); code != -32602 {
		t.Fatalf("bad argument: code %d, want -32602", code)
	}
}

func TestLogsNeverContainMessageContent(t *testing.T) {
	const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	h := newHarness(t) // logs at debug level
	h.Initialize(map[string]any{"token": secret})
	const uri = "file:///home/me/.aws/credentials"
	h.Open(uri, "aws-credentials", "[default]\naws_secret_access_key = "+secret+"\n")
	h.ChangeRange(uri, rng(1, 0, 1, 0), "# "+secret+"\n")
	_ = h.Request("test/nothing", map[string]any{"key": secret}, nil)
	_ = h.Request(protocol.MethodTextDocumentHover, map[string]any{"textDocument": secret}, nil)
	_ = h.SendRaw([]byte(frameOf(`{"jsonrpc":"2.0","id":3,"method":"` + secret + `"`)))
	_ = h.SendRaw([]byte("Content-Length: " + secret + "\r\n\r\n"))
	h.hover(t)
	if h.Shutdown() != 0 {
		t.Fatal("exit status")
	}
	logs := h.logs.String()
	if strings.Contains(logs, secret) || strings.Contains(logs, "EXAMPLEKEY") {
		t.Fatalf("the log contains the secret:\n%s", logs)
	}
	if !strings.Contains(logs, "received request") || !strings.Contains(logs, "textDocument/hover") {
		t.Fatalf("the debug trace lacks method names:\n%s", logs)
	}
	if out := string(h.ServerOutput()); strings.Contains(out, secret) {
		t.Fatalf("an error reply echoed the secret: %s", out)
	}
}

func TestBinaryDocument(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	const uri = "file:///bin/blob"
	// Raw invalid UTF-8 and control bytes inside the JSON string, as a careless client might send them.
	body := "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":" +
		"{\"uri\":\"" + uri + "\",\"languageId\":\"plaintext\",\"version\":0,\"text\":\"\\u0000\\u0001\xff\xfe\\n\x80a\"}}}"
	if err := h.SendRaw([]byte(frameOf(body))); err != nil {
		t.Fatal(err)
	}
	h.ChangeRange(uri, rng(1, 1, 1, 2), "b") // version 1; invalid bytes became U+FFFD, one unit each
	d := h.document(t, uri)
	if want := "\x00\x01\uFFFD\uFFFD\n\uFFFDb"; d.Text != want || d.Version != 1 {
		t.Fatalf("binary document = %q version %d, want %q version 1", d.Text, d.Version, want)
	}
	h.hover(t)
}
