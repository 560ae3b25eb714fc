package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/internal/lsptest"
)

func TestCancelRequestCancelsTheHandlerAndRepliesRequestCancelled(t *testing.T) {
	for _, id := range []any{41, "req-41"} {
		t.Run(fmt.Sprintf("%T id", id), func(t *testing.T) {
			h := newHarness(t)
			h.Initialize(nil)
			p := h.GoWithID(id, "test/block", struct{}{})
			<-h.blockStarted
			if err := p.Cancel(); err != nil {
				t.Fatal(err)
			}
			if err := <-h.blockObserved; !errors.Is(err, context.Canceled) {
				t.Fatalf("the handler's context ended with %v, want context.Canceled", err)
			}
			err := p.Wait(nil)
			if code := errorCode(t, err); code != -32800 {
				t.Fatalf("reply code = %d, want -32800 (RequestCancelled); the handler returned a result", code)
			}
			h.hover(t)
		})
	}
}

func TestCancelForAnUnknownIDIsHarmless(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	if err := h.Cancel(999); err != nil {
		t.Fatal(err)
	}
	if err := h.Notify("$/cancelRequest", map[string]any{"id": map[string]any{}}); err != nil {
		t.Fatal(err)
	}
	h.hover(t)
}

func TestSlowRequestDoesNotBlockLaterRequestsOrEdits(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	slow := h.Go("test/slow", struct{}{})
	<-h.slowStarted
	h.hover(t) // would time out if requests ran one at a time
	h.Open("file:///a.ini", "ini", "one")
	h.Change("file:///a.ini", "two")
	if d := h.document(t, "file:///a.ini"); d.Text != "two" {
		t.Fatalf("document = %q, want the edit made while the slow request ran", d.Text)
	}
	if slow.Done() {
		t.Fatal("the slow request finished early; the test proves nothing")
	}
	close(h.releaseSlow)
	var result string
	if err := slow.Wait(&result); err != nil || result != "slow done" {
		t.Fatalf("slow request = %q, %v", result, err)
	}
}

func TestRequestsSeeEveryEarlierNotification(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	const uri = "file:///order.ini"
	h.Open(uri, "ini", "v1")
	for i := 2; i <= 200; i++ {
		h.Change(uri, fmt.Sprintf("v%d", i))
	}
	// No waiting in between: the request must run after all 200 notifications.
	if d := h.document(t, uri); d.Text != "v200" || d.Version != 200 {
		t.Fatalf("document = %q version %d, want v200 version 200", d.Text, d.Version)
	}
	for i := 1; i <= 200; i++ {
		ev := <-h.events
		if ev.URI != uri {
			t.Fatalf("event %d for %s", i, ev.URI)
		}
		doc, _ := ev.Documents.Get(uri)
		if want := fmt.Sprintf("v%d", i); doc.Text != want {
			t.Fatalf("event %d saw %q, want %q: notifications ran out of order", i, doc.Text, want)
		}
	}
}

func TestDuplicateInFlightIDIsRejected(t *testing.T) {
	h := newHarness(t)
	h.Initialize(nil)
	h.GoWithID("dup", "test/slow", struct{}{})
	<-h.slowStarted
	h.GoWithID("dup", "test/slow", struct{}{})
	// Both replies carry the id "dup", so look at the replies themselves.
	rejected := h.AwaitResponse(func(r lsptest.Response) bool { return string(r.ID) == `"dup"` && r.Error != nil })
	if rejected.Error.Code != -32600 {
		t.Fatalf("second request with an in-flight id: code %d, want -32600 (InvalidRequest)", rejected.Error.Code)
	}
	close(h.releaseSlow)
	answered := h.AwaitResponse(func(r lsptest.Response) bool { return string(r.ID) == `"dup"` && r.Error == nil })
	if string(answered.Result) != `"slow done"` {
		t.Fatalf("first request result = %s", answered.Result)
	}
}

func TestRequestHandlerMayCallTheClient(t *testing.T) {
	h := newHarness(t)
	h.HandleServerRequest(protocol.MethodWindowShowMessageRequest, func(json.RawMessage) (any, *lsptest.ResponseError) {
		return map[string]string{"title": "42"}, nil
	})
	h.Initialize(nil)
	var got map[string]string
	if err := h.Request("test/askClient", struct{}{}, &got); err != nil || got["title"] != "42" {
		t.Fatalf("answer = %v, %v", got, err)
	}
}

func TestCancelledOutgoingCallIsCancelledAtTheClient(t *testing.T) {
	h := newHarness(t)
	release := make(chan struct{})
	h.HandleServerRequest(protocol.MethodWindowShowMessageRequest, func(json.RawMessage) (any, *lsptest.ResponseError) {
		<-release // the editor is slow to answer (a dialog the user ignores)
		return nil, nil
	})
	defer close(release)
	h.Initialize(nil)
	p := h.Go("test/askClient", struct{}{})
	h.AwaitServerRequest(protocol.MethodWindowShowMessageRequest, nil)
	if err := p.Cancel(); err != nil {
		t.Fatal(err)
	}
	if code := errorCode(t, p.Wait(nil)); code != -32800 {
		t.Fatalf("reply code = %d, want -32800", code)
	}
	outgoing := h.ServerRequests(protocol.MethodWindowShowMessageRequest)
	cancel := h.AwaitNotification("$/cancelRequest", nil)
	if len(outgoing) != 1 || string(cancel) != `{"id":`+string(outgoing[0].ID)+`}` {
		t.Fatalf("cancel notification = %s, want the id of %+v", cancel, outgoing)
	}
}

// A notification handler that asks the client something (a dialog the user has not answered yet) must not
// hold up the requests behind it: they are ordered after notifications so that they see edits, and this
// one may wait as long as the user does.
func TestANotificationWaitingForTheClientDoesNotBlockLaterRequests(t *testing.T) {
	h := newHarness(t)
	release := make(chan struct{})
	h.HandleServerRequest(protocol.MethodWindowShowMessageRequest, func(json.RawMessage) (any, *lsptest.ResponseError) {
		<-release // the user has not clicked yet
		return nil, nil
	})
	defer close(release)
	h.Initialize(nil)
	if err := h.Notify("test/askClientNote", struct{}{}); err != nil {
		t.Fatal(err)
	}
	h.AwaitServerRequest(protocol.MethodWindowShowMessageRequest, nil)
	h.hover(t) // answered while the dialog is still open
	p := h.Go(protocol.MethodTextDocumentHover, map[string]any{
		"textDocument": map[string]any{"uri": "file:///x"}, "position": map[string]any{"line": 0, "character": 0}})
	if err := p.Wait(nil); err != nil {
		t.Fatalf("a later hover: %v", err)
	}
}
