package server

import (
	"context"
	"errors"
	"fmt"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// ErrorCode is a JSON-RPC or LSP error code carried by a reply.
type ErrorCode int32

// The codes a handler chooses between: params it cannot use, or a request that failed.
const (
	CodeInvalidParams ErrorCode = -32602
	CodeRequestFailed ErrorCode = -32803
)

// The codes the server answers with itself, where JSON-RPC and the LSP say so.
const (
	codeParseError           ErrorCode = -32700
	codeInvalidRequest       ErrorCode = -32600
	codeMethodNotFound       ErrorCode = -32601
	codeInternalError        ErrorCode = -32603
	codeServerNotInitialized ErrorCode = -32002
	codeRequestCancelled     ErrorCode = -32800
)

// Error is a reply error with a code and optional structured data. Return one (or wrap one with
// fmt.Errorf and %w) from a request handler to choose the code; any other error is answered with
// CodeRequestFailed and the error's text. The message must say what went wrong and what to do, and must
// never contain a secret: it travels to the editor and into its trace.
type Error struct {
	Code    ErrorCode
	Message string
	// Data becomes the error's "data" member (marshaled like a result). Nil omits it.
	Data any
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// NewError returns an Error with the given code and message.
func NewError(code ErrorCode, message string) *Error {
	return &Error{Code: code, Message: message}
}

// Errorf returns an Error whose message is formatted like fmt.Sprintf.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// WithData returns a copy of e carrying data as the error's "data" member.
func (e *Error) WithData(data any) *Error {
	c := *e
	c.Data = data
	return &c
}

var (
	// errRequestCancelled answers a request the client cancelled with $/cancelRequest.
	errRequestCancelled = NewError(codeRequestCancelled, "the request was cancelled by the client")
	// errServerStopping answers a request that was still waiting for its turn when the server stopped.
	errServerStopping = NewError(codeRequestCancelled, "the request was not run because the server is stopping")
)

// wireError maps a handler's error to the JSON-RPC error object sent on the wire. The outer message is
// kept (so wrapping adds context) and the code of a wrapped *Error survives.
func wireError(err error) *jsonrpc2.Error {
	var e *Error
	if errors.As(err, &e) {
		w := &jsonrpc2.Error{Code: jsonrpc2.Code(e.Code), Message: err.Error()}
		if e.Data != nil {
			if raw, merr := protocol.Marshal(e.Data); merr == nil {
				w.Data = raw
			}
		}
		return w
	}
	var we *jsonrpc2.Error
	if errors.As(err, &we) {
		return &jsonrpc2.Error{Code: we.Code, Message: err.Error(), Data: we.Data}
	}
	switch {
	case errors.Is(err, context.Canceled):
		return &jsonrpc2.Error{Code: jsonrpc2.Code(codeRequestCancelled), Message: err.Error()}
	case errors.Is(err, context.DeadlineExceeded):
		return &jsonrpc2.Error{Code: jsonrpc2.Code(CodeRequestFailed), Message: "the request timed out: " + err.Error()}
	}
	return &jsonrpc2.Error{Code: jsonrpc2.Code(CodeRequestFailed), Message: err.Error()}
}
