package server

import (
	"context"
	"sync"
	"sync/atomic"

	"go.lsp.dev/jsonrpc2"
)

// inflightCalls tracks the requests being handled, by id, so $/cancelRequest can find them and Run can
// wait for them when it stops.
type inflightCalls struct {
	mu      sync.Mutex
	byID    map[jsonrpc2.ID]*inflightCall
	waiters []chan struct{} // closed when byID becomes empty
}

// inflightCall is one running request.
type inflightCall struct {
	ctx      context.Context
	cancel   context.CancelFunc
	byClient atomic.Bool // cancelled by $/cancelRequest (as opposed to the server stopping)
}

// add registers a request id. An id still in flight cannot be reused: that is a client bug, and answering
// it keeps cancellation unambiguous.
func (c *inflightCalls) add(id jsonrpc2.ID, parent context.Context) (*inflightCall, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, dup := c.byID[id]; dup {
		return nil, Errorf(codeInvalidRequest, "request id %v is already in use by a request that has not been answered; use a new id", id)
	}
	ctx, cancel := context.WithCancel(parent)
	call := &inflightCall{ctx: ctx, cancel: cancel}
	c.byID[id] = call
	return call, nil
}

// remove forgets a finished request.
func (c *inflightCalls) remove(id jsonrpc2.ID, call *inflightCall) {
	call.cancel()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byID[id] == call {
		delete(c.byID, id)
	}
	if len(c.byID) == 0 {
		for _, w := range c.waiters {
			close(w)
		}
		c.waiters = nil
	}
}

// cancel cancels the request with this id, reporting whether one was running.
func (c *inflightCalls) cancel(id jsonrpc2.ID) bool {
	c.mu.Lock()
	call := c.byID[id]
	c.mu.Unlock()
	if call == nil {
		return false
	}
	call.byClient.Store(true)
	call.cancel()
	return true
}

// drained returns a channel closed once no request is in flight.
func (c *inflightCalls) drained() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan struct{})
	if len(c.byID) == 0 {
		close(ch)
	} else {
		c.waiters = append(c.waiters, ch)
	}
	return ch
}
