package lsptest

import (
	"encoding/json"
	"fmt"

	"go.lsp.dev/protocol"
)

// Pending is a request that has been sent and whose reply may not have arrived yet.
type Pending struct {
	c      *Client
	ID     any
	Method string
	key    string
	err    error // the send failed
}

// Request sends a request and waits for its reply. The result is decoded into result (a pointer, or nil
// to ignore it) with the LSP codec. An error reply is returned as a *ResponseError.
func (c *Client) Request(method string, params, result any) error {
	return c.Go(method, params).Wait(result)
}

// Go sends a request with the next numeric id (1, 2, 3, …) and returns without waiting.
func (c *Client) Go(method string, params any) *Pending {
	return c.GoWithID(c.nextID.Add(1), method, params)
}

// GoWithID sends a request with a chosen id (an integer or a string) and returns without waiting.
func (c *Client) GoWithID(id any, method string, params any) *Pending {
	rawID, err := json.Marshal(id)
	p := &Pending{c: c, ID: id, Method: method, key: idKey(rawID), err: err}
	if err != nil {
		return p
	}
	raw, err := encodeParams(params)
	if err != nil {
		p.err = fmt.Errorf("lsptest: encoding %s params: %w", method, err)
		return p
	}
	p.err = c.send(member{"id", rawID}, member{"method", str(method)}, member{"params", raw})
	return p
}

// Wait waits for the reply and decodes it like Request.
func (p *Pending) Wait(result any) error {
	resp, err := p.Response()
	if err != nil {
		return err
	}
	if resp.Error != nil {
		return resp.Error
	}
	if result == nil || len(resp.Result) == 0 || string(resp.Result) == "null" {
		return nil
	}
	if err := protocol.Unmarshal(resp.Result, result); err != nil {
		return fmt.Errorf("lsptest: decoding the result of %s into %T: %w", p.Method, result, err)
	}
	return nil
}

// Response waits for the reply and returns it as it came over the wire.
func (p *Pending) Response() (Response, error) {
	if p.err != nil {
		return Response{}, p.err
	}
	var resp Response
	ok := p.c.wait(func(snapshot) bool {
		var found bool
		resp, found = p.c.response(p.key)
		return found
	})
	if !ok {
		return Response{}, fmt.Errorf("lsptest: no reply to %s (id %s) within %s%s", p.Method, p.key, p.c.Timeout, p.c.endedNote())
	}
	return resp, nil
}

// Done reports whether the reply has arrived, without waiting.
func (p *Pending) Done() bool {
	_, found := p.c.response(p.key)
	return found
}

// Cancel sends $/cancelRequest for the request.
func (p *Pending) Cancel() error { return p.c.Cancel(p.ID) }

// Cancel sends $/cancelRequest for a request id (an integer or a string).
func (c *Client) Cancel(id any) error {
	return c.Notify(protocol.MethodCancelRequest, map[string]any{"id": id})
}

// ExecuteCommand sends workspace/executeCommand with one argument (nil sends no arguments) and decodes
// the result into result.
func (c *Client) ExecuteCommand(command string, arg any, result any) error {
	params := map[string]any{"command": command}
	if arg != nil {
		raw, err := encodeParams(arg)
		if err != nil {
			return fmt.Errorf("lsptest: encoding the argument of %s: %w", command, err)
		}
		params["arguments"] = []json.RawMessage{raw}
	}
	return c.Request(protocol.MethodWorkspaceExecuteCommand, params, result)
}

// AwaitResponse waits for a reply matching pred among all replies received, including those nobody
// waits for: error replies with a null id to malformed messages, for example.
func (c *Client) AwaitResponse(pred func(Response) bool) Response {
	c.t.Helper()
	var got Response
	ok := c.wait(func(s snapshot) bool {
		for _, r := range s.responses {
			if pred(r) {
				got = r
				return true
			}
		}
		return false
	})
	if !ok {
		c.t.Fatalf("lsptest: no matching reply within %s%s", c.Timeout, c.endedNote())
	}
	return got
}

// HandleServerRequest sets how the client answers server-to-client requests with this method. Without
// a handler the client answers workspace/configuration with one null per requested item and every
// other request with a null result, like a permissive editor.
func (c *Client) HandleServerRequest(method string, fn ServerRequestHandler) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.handlers[method] = fn
}

// answer replies to a server request (on its own goroutine: the reader must keep reading).
func (c *Client) answer(req ServerRequest, fn ServerRequestHandler) {
	if fn == nil {
		fn = defaultServerReply(req.Method)
	}
	result, rerr := fn(req.Params)
	reply := member{"result", json.RawMessage("null")}
	if rerr != nil {
		reply.name = "error"
		reply.value, _ = json.Marshal(rerr)
	} else if raw, err := encodeParams(result); err == nil && raw != nil {
		reply.value = raw
	}
	_ = c.send(member{"id", req.ID}, reply) // the server may have stopped; then nobody waits for this
}

func defaultServerReply(method string) ServerRequestHandler {
	if method != protocol.MethodWorkspaceConfiguration {
		return func(json.RawMessage) (any, *ResponseError) { return nil, nil }
	}
	return func(params json.RawMessage) (any, *ResponseError) {
		var p struct {
			Items []json.RawMessage `json:"items"`
		}
		_ = json.Unmarshal(params, &p)
		return make([]any, len(p.Items)), nil
	}
}

// ServerRequests returns every request the server sent with this method, in order.
func (c *Client) ServerRequests(method string) []ServerRequest {
	s, _ := c.snapshot()
	var out []ServerRequest
	for _, r := range s.serverReqs {
		if r.Method == method {
			out = append(out, r)
		}
	}
	return out
}

// AwaitServerRequest waits until the server has sent a request with this method whose params satisfy
// pred (nil accepts any) and returns the params.
func (c *Client) AwaitServerRequest(method string, pred func(params json.RawMessage) bool) json.RawMessage {
	c.t.Helper()
	var got json.RawMessage
	ok := c.wait(func(s snapshot) bool {
		for _, r := range s.serverReqs {
			if r.Method == method && (pred == nil || pred(r.Params)) {
				got = r.Params
				return true
			}
		}
		return false
	})
	if !ok {
		c.t.Fatalf("lsptest: the server sent no matching %s request within %s%s", method, c.Timeout, c.endedNote())
	}
	return got
}
