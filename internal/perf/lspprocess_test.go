package perf

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rolecall/rolecall/internal/lsptest"
	"github.com/rolecall/rolecall/internal/syncbuf"
)

// lspProcess is an editor's side of `rolecall serve --stdio`, run as a separate OS process and spoken to
// over its stdin and stdout with LSP framing. Like handlers' lean client it does as little as a client
// can: a publication is recognised by the URI and version at the start of its params and the diagnostics
// are never decoded, so the latency measured is the server's plus the pipes'.
type lspProcess struct {
	tb     testing.TB
	cmd    *exec.Cmd
	stderr *syncbuf.Buffer

	writeMu sync.Mutex // the reader answers the server's requests while the benchmark writes
	stdin   io.WriteCloser

	published chan string // "uri@version" of each publishDiagnostics
	replies   chan []byte
	exited    chan struct{}
	nextID    int
}

func startServe(tb testing.TB, bin string, env []string) *lspProcess {
	tb.Helper()
	c := &lspProcess{tb: tb, stderr: &syncbuf.Buffer{}, published: make(chan string, 1<<16),
		replies: make(chan []byte, 16), exited: make(chan struct{})}
	c.cmd = exec.Command(bin, "serve", "--stdio")
	c.cmd.Env = env
	c.cmd.Stderr = c.stderr
	stdin, err := c.cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		tb.Fatalf("starting rolecall serve: %v", err)
	}
	c.stdin = stdin
	go func() {
		c.read(bufio.NewReaderSize(stdout, 1<<20))
		close(c.exited)
	}()
	tb.Cleanup(c.stop)
	c.request("initialize", `{"processId":null,"rootUri":null,"capabilities":{}}`)
	c.send(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	return c
}

// stop ends the session as an editor does (shutdown, exit) and waits for the process; one that does not
// exit within a minute is killed and reported. A process that already died has been reported.
func (c *lspProcess) stop() {
	select {
	case <-c.exited:
	default:
		c.request("shutdown", "null")
		c.send(`{"jsonrpc":"2.0","method":"exit"}`)
	}
	_ = c.stdin.Close()
	select {
	case <-c.exited:
	case <-time.After(time.Minute):
		_ = c.cmd.Process.Kill()
		c.tb.Errorf("rolecall serve did not exit after shutdown and exit\n%s", c.stderr.String())
	}
	_ = c.cmd.Wait()
}

func (c *lspProcess) send(body string) {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	if _, err := io.WriteString(c.stdin, "Content-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"+body); err != nil {
		c.tb.Fatalf("writing to rolecall serve: %v\n%s", err, c.stderr.String())
	}
}

func (c *lspProcess) request(method, params string) []byte {
	c.nextID++
	c.send(fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":%q,"params":%s}`, c.nextID, method, params))
	select {
	case r := <-c.replies:
		return r
	case <-c.exited:
		c.tb.Fatalf("rolecall serve exited before answering %s\n%s", method, c.stderr.String())
	case <-time.After(time.Minute):
		c.tb.Fatalf("no answer to %s\n%s", method, c.stderr.String())
	}
	return nil
}

var (
	publishMethod = []byte(`"method":"textDocument/publishDiagnostics"`)
	hasMethod     = []byte(`"method"`)
	hasID         = []byte(`"id"`)
)

// read takes each message off stdout until the process closes it: publications go to published, replies
// to replies, and the server's own requests (to register watchers, refresh lenses) get an empty answer.
func (c *lspProcess) read(r *bufio.Reader) {
	for {
		body, err := lsptest.ReadFrame(r)
		if err != nil {
			return
		}
		head := body[:min(len(body), 400)]
		switch {
		case bytes.Contains(head, publishMethod):
			c.published <- lsptest.PublicationKey(head)
		case bytes.Contains(head, hasMethod) && bytes.Contains(head, hasID):
			var req struct {
				ID json.RawMessage `json:"id"`
			}
			_ = json.Unmarshal(body, &req)
			c.send(`{"jsonrpc":"2.0","id":` + string(req.ID) + `,"result":null}`)
		case !bytes.Contains(head, hasMethod):
			c.replies <- body
		}
	}
}

// await waits for the publication of this version of the document.
func (c *lspProcess) await(uri string, version int32) {
	want := uri + "@" + strconv.Itoa(int(version))
	timeout := time.After(time.Minute)
	for {
		select {
		case got := <-c.published:
			if got == want {
				return
			}
		case <-c.exited:
			c.tb.Fatalf("rolecall serve exited before publishing %s\n%s", want, c.stderr.String())
		case <-timeout:
			c.tb.Fatalf("no publication of %s\n%s", want, c.stderr.String())
		}
	}
}

func (c *lspProcess) open(uri, text string) {
	raw, _ := json.Marshal(text)
	c.send(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"` + uri +
		`","languageId":"aws-config","version":1,"text":` + string(raw) + `}}}`)
	c.await(uri, 1)
}

// change sends one incremental edit within a line, as VS Code does for a keystroke, and waits for its
// publication.
func (c *lspProcess) change(uri string, version int32, e edit, text string) {
	c.changeRange(uri, version, e.line, e.start, e.line, e.end, e.end-e.start, text)
}

// changeRange sends one incremental edit of any range (replacing length characters) and waits for its
// publication.
func (c *lspProcess) changeRange(uri string, version int32, startLine, startChar, endLine, endChar, length int, text string) {
	c.send(fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":%q,"version":%d},`+
		`"contentChanges":[{"range":{"start":{"line":%d,"character":%d},"end":{"line":%d,"character":%d}},"rangeLength":%d,"text":%q}]}}`,
		uri, version, startLine, startChar, endLine, endChar, length, text))
	c.await(uri, version)
}
