package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"

	"go.lsp.dev/jsonrpc2"
)

// stream is the jsonrpc2.Stream the server reads from. It exists because jsonrpc2 v1.0.1 ends the whole
// connection, without any reply, on a bad header, on bad JSON and on a well-formed but invalid request.
// stream answers those itself (ParseError or InvalidRequest, id null when the id is unknown), skips to the
// next frame and keeps serving; the connection only ever sees valid messages. How it finds the next
// frame after a wrong Content-Length, without losing it, is in frame.go.
//
// Writes go through jsonrpc2's own Content-Length writer. stream deliberately does not implement jsonrpc2's
// unexported frame fast path, so every read goes through Read below (and batches, which LSP does not
// have, are rejected here).
type stream struct {
	in      *bufio.Reader
	out     jsonrpc2.Stream
	closer  io.Closer
	maxBody int
	log     *slog.Logger

	// back holds bytes given back after reading too far (a body whose Content-Length was too long, a
	// header block that swallowed the next frame's header); they are read again before in.
	back []byte

	closed    chan struct{} // closed when the input ends (EOF or a read error)
	closeOnce sync.Once
	closeErr  error
	stopping  atomic.Bool // the server closed the transport itself: a read error is expected
}

// headerLineLimit bounds one header line, so garbage without newlines cannot grow a buffer unboundedly.
const headerLineLimit = 64 << 10

func newStream(rwc io.ReadWriteCloser, maxBody int, log *slog.Logger) *stream {
	return &stream{
		in:      bufio.NewReaderSize(rwc, headerLineLimit),
		out:     jsonrpc2.NewHeaderStream(rwc),
		closer:  rwc,
		maxBody: maxBody,
		log:     log,
		closed:  make(chan struct{}),
	}
}

// badFrame is a framing problem the stream recovers from by answering and skipping ahead.
type badFrame struct {
	id     jsonrpc2.ID // the message's id when it could be read, else the null id
	code   ErrorCode
	reason string
	resync bool // the frame's extent is unknown: skip to the next "Content-Length:"
}

func (b *badFrame) Error() string { return b.reason }

// Read returns the next valid message. Malformed input is answered and skipped; only the end of the input
// (or a read error) is returned as an error, which ends the connection.
func (s *stream) Read(context.Context) (jsonrpc2.Message, int64, error) {
	for {
		body, err := s.readFrame()
		var bad *badFrame
		if errors.As(err, &bad) {
			s.reject(bad.id, bad.code, bad.reason)
			if !bad.resync {
				continue
			}
			if err = s.resync(); err == nil {
				continue
			}
		}
		if err != nil {
			s.finish(err)
			return nil, 0, err
		}
		msg, derr := jsonrpc2.DecodeMessage(body)
		if derr == nil {
			return msg, int64(len(body)), nil
		}
		s.rejectBody(body)
	}
}

// Write sends msg with LSP framing; concurrent writers are serialized by jsonrpc2's header stream.
func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	return s.out.Write(ctx, msg)
}

// Close closes the transport once.
func (s *stream) Close() error {
	s.closeOnce.Do(func() { s.closeErr = s.closer.Close() })
	return s.closeErr
}

// stop closes the transport on the server's own initiative. A reader blocked on a terminal or a blocking
// pipe may stay blocked; at process exit that does not matter.
func (s *stream) stop() {
	s.stopping.Store(true)
	_ = s.Close()
}

// finish records that the input has ended.
func (s *stream) finish(err error) {
	select {
	case <-s.closed:
	default:
		switch {
		case s.stopping.Load():
		case errors.Is(err, io.EOF):
			s.log.Info("the client closed the server's input")
		default:
			s.log.Warn("reading from the client failed; the connection ends", "error", err)
		}
		close(s.closed)
	}
}

// rejectBody answers a frame whose body is not a valid JSON-RPC message.
func (s *stream) rejectBody(body []byte) {
	if !json.Valid(body) {
		s.reject(jsonrpc2.ID{}, codeParseError, "message body is not valid JSON")
		return
	}
	var probe struct {
		ID     json.RawMessage `json:"id"`
		Method json.RawMessage `json:"method"`
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	if bytes.HasPrefix(bytes.TrimSpace(body), []byte("[")) {
		s.reject(jsonrpc2.ID{}, codeInvalidRequest, "batch messages are not part of LSP; send one message per frame")
		return
	}
	if err := json.Unmarshal(body, &probe); err != nil {
		s.reject(jsonrpc2.ID{}, codeInvalidRequest, "message is not a JSON-RPC object")
		return
	}
	if probe.Method == nil && (probe.Result != nil || probe.Error != nil) {
		// A malformed answer to one of our own calls: there is nobody to answer.
		s.log.Warn("dropped a malformed response from the client")
		return
	}
	s.reject(idOf(probe.ID), codeInvalidRequest,
		`message is not a valid JSON-RPC 2.0 request (it needs "jsonrpc":"2.0", a string "method" and an integer or string "id")`)
}

// idOf extracts a JSON-RPC id from raw JSON; anything but an integer or a string gives the null id.
func idOf(raw json.RawMessage) jsonrpc2.ID {
	var n int64
	if err := json.Unmarshal(raw, &n); err == nil {
		return jsonrpc2.NewNumberID(n)
	}
	var str string
	if err := json.Unmarshal(raw, &str); err == nil {
		return jsonrpc2.NewStringID(str)
	}
	return jsonrpc2.ID{}
}

// reject writes an error response. The body is never logged: it may hold a credentials file.
func (s *stream) reject(id jsonrpc2.ID, code ErrorCode, reason string) {
	s.log.Warn("rejected a malformed message from the client", "id", id, "code", int(code), "reason", reason)
	resp := jsonrpc2.NewResponse(id, nil, jsonrpc2.NewError(jsonrpc2.Code(code), reason))
	if _, err := s.out.Write(context.Background(), resp); err != nil {
		s.log.Warn("could not answer the malformed message", "error", err)
	}
}
