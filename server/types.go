package server

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"go.lsp.dev/uri"
)

// URI is a document URI exactly as the editor sent it (compare it as a string; it is not re-encoded).
type URI = uri.URI

// FilePath returns the local file path of a file: URI, and ok=false for any other scheme (untitled:,
// vscode-notebook-cell:, …) or an unusable URI. It never panics.
//
// It checks the scheme of the URI as sent: go.lsp.dev/uri v1 would turn a scheme-less string into a file
// URI when re-parsing it, and its FsPath returns a bogus path for untitled: URIs instead of failing.
func FilePath(u URI) (path string, ok bool) {
	defer func() {
		if recover() != nil {
			path, ok = "", false
		}
	}()
	if !strings.EqualFold(u.Scheme(), "file") {
		return "", false
	}
	path = u.FsPath()
	if path == "" {
		return "", false
	}
	return filepath.FromSlash(path), true
}

// FileURI returns the file: URI of a local path, made absolute first (go.lsp.dev/uri v1 would silently
// root a relative path at "/"). ok is false if the path cannot be made absolute. It never panics.
func FileURI(path string) (u URI, ok bool) {
	defer func() {
		if recover() != nil {
			u, ok = "", false
		}
	}()
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	return uri.File(abs), true
}

// NewLogger returns a text logger writing to w at the given level: the usual Options.Logger. w should be
// stderr or a log file, never stdout.
func NewLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

// Stdio returns the process's stdin and stdout as the connection for New: the LSP stdio transport.
func Stdio() io.ReadWriteCloser { return stdio{} }

type stdio struct{}

func (stdio) Read(p []byte) (int, error)  { return os.Stdin.Read(p) }
func (stdio) Write(p []byte) (int, error) { return os.Stdout.Write(p) }

// Close closes stdin only: stdout may still carry the last reply when Run returns, and closing it gains
// nothing at process exit.
func (stdio) Close() error { return os.Stdin.Close() }
