package lsptest

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"go.lsp.dev/protocol"
)

// Open sends didOpen for a document at version 1.
func (c *Client) Open(uri, languageID, text string) {
	c.t.Helper()
	c.mu.Lock()
	c.versions[uri] = 1
	c.mu.Unlock()
	c.mustNotify(protocol.MethodTextDocumentDidOpen, map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": languageID, "version": 1, "text": text},
	})
}

// Change sends a full-text didChange with the next version.
func (c *Client) Change(uri, text string) {
	c.t.Helper()
	c.sendChanges(uri, []any{map[string]any{"text": text}})
}

// ChangeRange sends an incremental didChange replacing rng (UTF-16 positions) with text, with the next
// version.
func (c *Client) ChangeRange(uri string, rng protocol.Range, text string) {
	c.t.Helper()
	c.sendChanges(uri, []any{map[string]any{"range": rng, "text": text}})
}

// ChangeRanges sends one didChange carrying several incremental edits, applied by the server in order,
// each to the result of the one before (as the LSP specifies).
func (c *Client) ChangeRanges(uri string, edits ...protocol.TextDocumentContentChangePartial) {
	c.t.Helper()
	changes := make([]any, len(edits))
	for i, e := range edits {
		changes[i] = map[string]any{"range": e.Range, "text": e.Text}
	}
	c.sendChanges(uri, changes)
}

func (c *Client) sendChanges(uri string, changes []any) {
	c.t.Helper()
	c.mu.Lock()
	c.versions[uri]++
	version := c.versions[uri]
	c.mu.Unlock()
	c.mustNotify(protocol.MethodTextDocumentDidChange, map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": changes,
	})
}

// Save sends didSave (without text, as the server asks).
func (c *Client) Save(uri string) {
	c.t.Helper()
	c.mustNotify(protocol.MethodTextDocumentDidSave, map[string]any{"textDocument": map[string]any{"uri": uri}})
}

// Close sends didClose.
func (c *Client) Close(uri string) {
	c.t.Helper()
	c.mustNotify(protocol.MethodTextDocumentDidClose, map[string]any{"textDocument": map[string]any{"uri": uri}})
}

// Version returns the version the client last sent for a document.
func (c *Client) Version(uri string) int32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.versions[uri]
}

func (c *Client) mustNotify(method string, params any) {
	c.t.Helper()
	if err := c.Notify(method, params); err != nil {
		c.t.Fatalf("lsptest: sending %s: %v", method, err)
	}
}

// AwaitDiagnostics waits until the diagnostics the server publishes for uri satisfy pred (nil accepts
// any) and returns them. It looks at the latest publication for uri received so far and at every later
// one: the state an editor would show. To wait for the publication of one document version, use
// AwaitPublish.
func (c *Client) AwaitDiagnostics(uri string, pred func([]protocol.Diagnostic) bool) []protocol.Diagnostic {
	c.t.Helper()
	p := c.AwaitPublish(uri, func(p protocol.PublishDiagnosticsParams) bool {
		return pred == nil || pred(p.Diagnostics)
	})
	return p.Diagnostics
}

// AwaitPublish is AwaitDiagnostics with the whole publishDiagnostics params (URI, version, list).
func (c *Client) AwaitPublish(uri string, pred func(protocol.PublishDiagnosticsParams) bool) protocol.PublishDiagnosticsParams {
	c.t.Helper()
	var got, last protocol.PublishDiagnosticsParams
	seen, scanned := false, -1
	check := func(p protocol.PublishDiagnosticsParams) bool {
		last, seen = p, true
		if pred(p) {
			got = p
			return true
		}
		return false
	}
	ok := c.wait(func(s snapshot) bool {
		if scanned < 0 { // first look: only the latest publication so far counts
			scanned = len(s.notes)
			if p, found := c.latestPublication(s.notes, uri); found && check(p) {
				return true
			}
		}
		for ; scanned < len(s.notes); scanned++ {
			if p, ok := c.publication(s.notes[scanned], uri); ok && check(p) {
				scanned++
				return true
			}
		}
		return false
	})
	if !ok {
		c.t.Fatalf("lsptest: no publishDiagnostics for %s matched within %s%s; the latest was %s",
			uri, c.Timeout, c.endedNote(), describe(last, seen))
	}
	return got
}

// latestPublication finds the last publishDiagnostics for uri among notes.
func (c *Client) latestPublication(notes []Notification, uri string) (protocol.PublishDiagnosticsParams, bool) {
	for i := len(notes) - 1; i >= 0; i-- {
		if p, ok := c.publication(notes[i], uri); ok {
			return p, true
		}
	}
	return protocol.PublishDiagnosticsParams{}, false
}

// publication decodes n if it is a publishDiagnostics for uri.
func (c *Client) publication(n Notification, uri string) (protocol.PublishDiagnosticsParams, bool) {
	var p protocol.PublishDiagnosticsParams
	if n.Method != protocol.MethodTextDocumentPublishDiagnostics {
		return p, false
	}
	if err := protocol.Unmarshal(n.Params, &p); err != nil {
		c.t.Errorf("lsptest: the server sent publishDiagnostics that do not decode: %v", err)
		return p, false
	}
	return p, string(p.URI) == uri
}

func describe(p protocol.PublishDiagnosticsParams, seen bool) string {
	if !seen {
		return "none"
	}
	var b strings.Builder
	v, hasVersion := p.Version.Get()
	fmt.Fprintf(&b, "%d diagnostic(s)", len(p.Diagnostics))
	if hasVersion {
		fmt.Fprintf(&b, " for version %d", v)
	}
	for _, d := range p.Diagnostics {
		fmt.Fprintf(&b, "\n\t%d:%d %s", d.Range.Start.Line, d.Range.Start.Character, d.Message)
	}
	return b.String()
}

// Mark returns a position in the stream of notifications, for AwaitNotificationSince.
func (c *Client) Mark() int {
	s, _ := c.snapshot()
	return len(s.notes)
}

// AwaitNotification waits until the server has sent (at any time since the start) a notification with
// this method whose params satisfy pred (nil accepts any), and returns its params.
func (c *Client) AwaitNotification(method string, pred func(params json.RawMessage) bool) json.RawMessage {
	c.t.Helper()
	return c.AwaitNotificationSince(0, method, pred)
}

// AwaitNotificationSince is AwaitNotification ignoring notifications received before mark (see Mark).
func (c *Client) AwaitNotificationSince(mark int, method string, pred func(params json.RawMessage) bool) json.RawMessage {
	c.t.Helper()
	var got json.RawMessage
	ok := c.wait(func(s snapshot) bool {
		for _, n := range s.notes[min(mark, len(s.notes)):] {
			if n.Method == method && (pred == nil || pred(n.Params)) {
				got = n.Params
				return true
			}
		}
		return false
	})
	if !ok {
		c.t.Fatalf("lsptest: the server sent no matching %s notification within %s%s", method, c.Timeout, c.endedNote())
	}
	return got
}

// Notifications returns the params of every notification with this method received so far.
func (c *Client) Notifications(method string) []json.RawMessage {
	s, _ := c.snapshot()
	var out []json.RawMessage
	for _, n := range s.notes {
		if n.Method == method {
			out = append(out, n.Params)
		}
	}
	return out
}

// endedNote explains a failed wait when the server's output has ended.
func (c *Client) endedNote() string {
	select {
	case <-c.serverDone:
		return fmt.Sprintf(" (the server has stopped with exit status %d)", c.exitCode)
	default:
	}
	if s, _ := c.snapshot(); s.ended {
		return " (the server closed its output)"
	}
	return ""
}

// Shutdown sends shutdown, checks the null reply, sends exit, and returns the server's exit status.
func (c *Client) Shutdown() int {
	c.t.Helper()
	resp, err := c.Go(protocol.MethodShutdown, nil).Response()
	switch {
	case err != nil:
		c.t.Fatalf("lsptest: shutdown failed: %v", err)
	case resp.Error != nil:
		c.t.Fatalf("lsptest: shutdown failed: %v", resp.Error)
	case string(resp.Result) != "null":
		c.t.Errorf("lsptest: shutdown replied %s, want null", resp.Result)
	}
	return c.Exit()
}

// Exit sends exit and returns the server's exit status.
func (c *Client) Exit() int {
	c.t.Helper()
	c.mustNotify(protocol.MethodExit, nil)
	return c.Wait()
}

// CloseInput closes the server's input (the editor went away) and returns its exit status.
func (c *Client) CloseInput() int {
	c.t.Helper()
	_ = c.toServer.Close()
	return c.Wait()
}

// Wait waits for the server's run function to return and gives its exit status.
func (c *Client) Wait() int {
	c.t.Helper()
	select {
	case <-c.serverDone:
		return c.exitCode
	case <-time.After(c.Timeout):
		c.t.Fatalf("lsptest: the server did not stop within %s", c.Timeout)
		return -1
	}
}
