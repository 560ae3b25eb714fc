package lsptest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"go.lsp.dev/protocol"
)

// The harness has its own small JSON-RPC implementation instead of reusing the server's library: it is a
// second, independent reading of the wire format, it can send malformed bytes on purpose, and it checks
// the framing of everything the server writes.

// envelope is any JSON-RPC 2.0 message.
type envelope struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *ResponseError  `json:"error,omitempty"`
}

// ResponseError is a JSON-RPC error reply. It is the error Request, Pending.Wait and ExecuteCommand
// return when the server answers with an error.
type ResponseError struct {
	Code    int             `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

func (e *ResponseError) Error() string {
	return fmt.Sprintf("server replied with error %d: %s", e.Code, e.Message)
}

// Response is a reply from the server as it came over the wire.
type Response struct {
	// ID is the raw JSON id: 1, "abc", or null for an error about a message whose id was unknown.
	ID     json.RawMessage
	Result json.RawMessage
	Error  *ResponseError
}

// Notification is a notification from the server.
type Notification struct {
	Method string
	Params json.RawMessage
}

// ServerRequest is a request the server sent to the client.
type ServerRequest struct {
	Method string
	ID     json.RawMessage
	Params json.RawMessage
}

// idKey is the canonical text of a raw JSON id, used to match replies to requests.
func idKey(raw json.RawMessage) string {
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return string(raw)
	}
	return buf.String()
}

// encodeParams marshals params with the LSP codec (protocol types need it for their unions). nil means
// no params; raw JSON passes through.
func encodeParams(params any) (json.RawMessage, error) {
	switch p := params.(type) {
	case nil:
		return nil, nil
	case json.RawMessage:
		return p, nil
	case []byte:
		return p, nil
	}
	return protocol.Marshal(params)
}

// frame wraps a body in LSP Content-Length framing.
func frame(body []byte) []byte {
	return append([]byte("Content-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"), body...)
}

// ReadFrame reads one frame strictly: the server must write "Content-Length: N" headers and a blank line.
func ReadFrame(r *bufio.Reader) ([]byte, error) {
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			if errors.Is(err, io.EOF) && line == "" && length < 0 {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("server output ended inside a header: %w", err)
		}
		if !strings.HasSuffix(line, "\r\n") {
			return nil, fmt.Errorf("server wrote a header line not ending in CRLF: %q", line)
		}
		line = strings.TrimSuffix(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("server wrote a malformed header line: %q", line)
		}
		if strings.EqualFold(name, "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				return nil, fmt.Errorf("server wrote a bad Content-Length: %q", line)
			}
			length = n
		}
	}
	if length < 0 {
		return nil, errors.New("server wrote a header block without Content-Length")
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("server output ended inside a message body: %w", err)
	}
	return body, nil
}

// PublicationKey reads "uri@version" from the start of a textDocument/publishDiagnostics message, where
// the server writes them before the list, parsing only that head however long the list is: what a lean
// client (a benchmark's) needs to find the publication of one version. The version is -1 when absent.
func PublicationKey(head []byte) string {
	var p struct {
		Params struct {
			URI     string `json:"uri"`
			Version *int32 `json:"version"`
		} `json:"params"`
	}
	if i := bytes.Index(head, []byte(`,"diagnostics":`)); i >= 0 {
		_ = json.Unmarshal(append(append([]byte(nil), head[:i]...), "}}"...), &p)
	}
	v := int32(-1)
	if p.Params.Version != nil {
		v = *p.Params.Version
	}
	return p.Params.URI + "@" + strconv.Itoa(int(v))
}
