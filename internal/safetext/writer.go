package safetext

import (
	"io"
	"sync"
)

// Writer escapes what is written through it as Escape does, but keeps newlines and tabs: it is for output
// made of lines, such as a command's stdout and stderr. The command line wraps its terminal streams in a
// Writer once, so no message anywhere can send a raw control character to the terminal, whatever it
// prints. A JSON document written through it stays valid (see the package doc).
type Writer struct {
	mu  sync.Mutex
	w   io.Writer
	buf []byte
}

// NewWriter wraps w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write escapes p and writes it in one call to the underlying writer. It reports len(p) on success, as
// io.Writer asks, although more bytes may reach the underlying writer. Each call stands alone: a UTF-8
// sequence split across two calls is written as byte escapes (the fmt functions never split one).
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = appendEscaped(w.buf[:0], string(p), true)
	if _, err := w.w.Write(w.buf); err != nil {
		return 0, err
	}
	if cap(w.buf) > 64<<10 {
		w.buf = nil // do not keep a large buffer alive for a long-running process
	}
	return len(p), nil
}
