package handlers

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/internal/lsptest"
	"github.com/rolecall/rolecall/server"
)

// leanClient drives the real server (Register on server.New) over in-memory pipes with LSP framing,
// doing as little as a client can: it recognises a publication by the URI and version at the start of
// its params and never decodes the diagnostics, so that benchmarks measure the server.
type leanClient struct {
	tb       testing.TB
	toServer *io.PipeWriter
	versions map[string]int32
	// published receives "uri@version" for each publishDiagnostics.
	published chan string
	replies   chan []byte
	lastBytes atomic.Int64
	nextID    int
}

func startLean(tb testing.TB, home string) *leanClient {
	serverIn, clientOut := io.Pipe()
	clientIn, serverOut := io.Pipe()
	c := &leanClient{tb: tb, toServer: clientOut, versions: map[string]int32{},
		published: make(chan string, 1<<16), replies: make(chan []byte, 16)}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv := server.New(pipeRWC{serverIn, serverOut}, server.Options{})
		h := Register(srv, Options{Env: func(string) (string, bool) { return "", false }, Home: home})
		srv.Run(context.Background())
		_ = h.Close()
		_ = serverOut.Close()
	}()
	go c.read(bufio.NewReaderSize(clientIn, 1<<20))
	tb.Cleanup(func() {
		_ = clientOut.Close()
		<-done
		_ = clientIn.Close()
	})
	c.request("initialize", `{"processId":null,"rootUri":null,"capabilities":{}}`)
	c.send(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	return c
}

type pipeRWC struct {
	r *io.PipeReader
	w *io.PipeWriter
}

func (p pipeRWC) Read(b []byte) (int, error)  { return p.r.Read(b) }
func (p pipeRWC) Write(b []byte) (int, error) { return p.w.Write(b) }
func (p pipeRWC) Close() error                { return p.r.Close() }

func (c *leanClient) send(body string) {
	frame := "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
	if _, err := io.WriteString(c.toServer, frame); err != nil {
		c.tb.Fatalf("writing to the server: %v", err)
	}
}

func (c *leanClient) request(method, params string) []byte {
	c.nextID++
	c.send(fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":%q,"params":%s}`, c.nextID, method, params))
	select {
	case r := <-c.replies:
		return r
	case <-time.After(time.Minute):
		c.tb.Fatalf("no reply to %s", method)
		return nil
	}
}

var publishPrefix = []byte(`"method":"textDocument/publishDiagnostics"`)

func (c *leanClient) read(r *bufio.Reader) {
	for {
		body, err := lsptest.ReadFrame(r)
		if err != nil {
			return
		}
		head := body[:min(len(body), 400)]
		switch {
		case bytes.Contains(head, publishPrefix):
			c.lastBytes.Store(int64(len(body)))
			c.published <- lsptest.PublicationKey(head)
		case bytes.Contains(head, []byte(`"method"`)) && bytes.Contains(head, []byte(`"id"`)):
			var req struct {
				ID json.RawMessage `json:"id"`
			}
			_ = json.Unmarshal(body, &req)
			c.send(`{"jsonrpc":"2.0","id":` + string(req.ID) + `,"result":null}`)
		case !bytes.Contains(head, []byte(`"method"`)):
			c.replies <- body
		}
	}
}

func (c *leanClient) await(uri string, version int32) {
	want := uri + "@" + strconv.Itoa(int(version))
	timeout := time.After(time.Minute)
	for {
		select {
		case got := <-c.published:
			if got == want {
				return
			}
		case <-timeout:
			c.tb.Fatalf("no publication of %s", want)
		}
	}
}

func (c *leanClient) open(uri, text string) {
	raw, _ := json.Marshal(text)
	c.versions[uri] = 1
	c.send(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"` + uri +
		`","languageId":"aws-config","version":1,"text":` + string(raw) + `}}}`)
	c.await(uri, 1)
}

// change sends one incremental edit and waits for the publication of its version.
func (c *leanClient) change(uri string, rng protocol.Range, text string) {
	c.versions[uri]++
	v := c.versions[uri]
	c.send(fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":%q,"version":%d},`+
		`"contentChanges":[{"range":{"start":{"line":%d,"character":%d},"end":{"line":%d,"character":%d}},"text":%q}]}}`,
		uri, v, rng.Start.Line, rng.Start.Character, rng.End.Line, rng.End.Character, text))
	c.await(uri, v)
}
