package handlers

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/awsfiles/rules"
	"github.com/rolecall/rolecall/internal/syncbuf"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/internal/lsptest"
	"github.com/rolecall/rolecall/internal/textpos"
	"github.com/rolecall/rolecall/server"
)

// The documented example keys: never anything shaped like a real key without EXAMPLE.
const (
	exampleKeyID  = "AKIAIOSFODNN7EXAMPLE"
	exampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	exampleToken  = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN"
)

// workspace is a temporary home with ~/.aws files and a server built by Register, driven by lsptest.
type workspace struct {
	t    *testing.T
	home string
	env  map[string]string
	logs *syncbuf.Buffer
	c    *lsptest.Client

	ConfigPath, CredentialsPath string
}

// newWorkspace writes the files (an empty text writes no file) and starts the server; call init next.
func newWorkspace(t *testing.T, config, credentials string) *workspace {
	t.Helper()
	home := t.TempDir()
	w := &workspace{t: t, home: home, env: map[string]string{}, logs: &syncbuf.Buffer{},
		ConfigPath:      filepath.Join(home, ".aws", "config"),
		CredentialsPath: filepath.Join(home, ".aws", "credentials")}
	if err := os.MkdirAll(filepath.Join(home, ".aws"), 0o700); err != nil {
		t.Fatal(err)
	}
	if config != "" {
		w.write(w.ConfigPath, config)
	}
	if credentials != "" {
		w.write(w.CredentialsPath, credentials)
	}
	return w
}

// start runs the server; env changes must come before it.
func (w *workspace) start() *lsptest.Client {
	w.t.Helper()
	env := maps(w.env)
	w.c = lsptest.Start(w.t, func(rwc io.ReadWriteCloser) int {
		srv := server.New(rwc, server.Options{Name: "rolecall-test", Logger: server.NewLogger(w.logs, slog.LevelDebug)})
		h := Register(srv, Options{Env: func(k string) (string, bool) { v, ok := env[k]; return v, ok }, Home: w.home})
		code := srv.Run(context.Background())
		if err := h.Close(); err != nil {
			w.t.Errorf("closing the handlers: %v", err)
		}
		return code
	})
	return w.c
}

// init starts the server and initializes it with the default editor capabilities.
func (w *workspace) init(opts any) *lsptest.Client {
	w.t.Helper()
	c := w.start()
	c.Initialize(opts)
	return c
}

func maps(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func (w *workspace) write(path, text string) {
	w.t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		w.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// uri is the file: URI of a path.
func uriOf(t testing.TB, path string) string {
	t.Helper()
	u, ok := server.FileURI(path)
	if !ok {
		t.Fatalf("no URI for %s", path)
	}
	return string(u)
}

func (w *workspace) configURI() string      { return uriOf(w.t, w.ConfigPath) }
func (w *workspace) credentialsURI() string { return uriOf(w.t, w.CredentialsPath) }

// openConfig and openCredentials open the located files with the given text.
func (w *workspace) openConfig(text string) string {
	w.c.Open(w.configURI(), languageConfig, text)
	return w.configURI()
}

func (w *workspace) openCredentials(text string) string {
	w.c.Open(w.credentialsURI(), languageCredentials, text)
	return w.credentialsURI()
}

// hasCode reports whether diags hold code at the 0-based line.
func hasCode(diags []protocol.Diagnostic, code string, line uint32) bool {
	return slices.ContainsFunc(diags, func(d protocol.Diagnostic) bool {
		return codeOf(d) == code && d.Range.Start.Line == line
	})
}

func hasAnyCode(diags []protocol.Diagnostic, code string) bool {
	return slices.ContainsFunc(diags, func(d protocol.Diagnostic) bool { return codeOf(d) == code })
}

// awaitCode waits until uri's diagnostics hold code at line.
func (w *workspace) awaitCode(uri, code string, line uint32) []protocol.Diagnostic {
	w.t.Helper()
	return w.c.AwaitDiagnostics(uri, func(d []protocol.Diagnostic) bool { return hasCode(d, code, line) })
}

// awaitClean waits until uri's diagnostics are empty but for the plaintext-keys hint, which every
// credentials file with long-term keys carries (TestPlaintextKeysHintFollowsItsSetting tests it).
func (w *workspace) awaitClean(uri string) {
	w.t.Helper()
	w.c.AwaitDiagnostics(uri, func(d []protocol.Diagnostic) bool {
		return !slices.ContainsFunc(d, func(d protocol.Diagnostic) bool { return codeOf(d) != rules.CodePlaintextKeys })
	})
}

// pos is a position; character counts UTF-16 code units.
func pos(line, character uint32) protocol.Position {
	return protocol.Position{Line: line, Character: character}
}

// posOf finds the position of the n-th (0-based) occurrence of needle in text, plus offset characters,
// in UTF-16 code units: tests name places by their text, not by counting columns.
func posOf(t testing.TB, text, needle string, offset int) protocol.Position {
	t.Helper()
	i := strings.Index(text, needle)
	if i < 0 {
		t.Fatalf("%q is not in the text", needle)
	}
	p := positionOf(text, i)
	p.Character += uint32(offset)
	return p
}

func textDoc(uri string) protocol.TextDocumentIdentifier {
	return protocol.TextDocumentIdentifier{URI: server.URI(uri)}
}

func positionParams(uri string, p protocol.Position) protocol.TextDocumentPositionParams {
	return protocol.TextDocumentPositionParams{TextDocument: textDoc(uri), Position: p}
}

// applyEdits applies LSP text edits (UTF-16 ranges, not overlapping) to a text.
func applyEdits(t testing.TB, text string, edits []protocol.TextEdit) string {
	t.Helper()
	sorted := slices.Clone(edits)
	slices.SortFunc(sorted, func(a, b protocol.TextEdit) int {
		return offsetOf(text, b.Range.Start) - offsetOf(text, a.Range.Start)
	})
	for _, e := range sorted { // from the end, so earlier offsets stay valid
		start, end := offsetOf(text, e.Range.Start), offsetOf(text, e.Range.End)
		text = text[:start] + e.NewText + text[end:]
	}
	return text
}

// assertNoSecrets fails if anything the server wrote (protocol and log) holds a secret or an unmasked
// key ID.
func (w *workspace) assertNoSecrets(secrets ...string) {
	w.t.Helper()
	out := w.c.ServerOutput()
	logs := w.logs.Bytes()
	for _, s := range secrets {
		if bytes.Contains(out, []byte(s)) {
			w.t.Errorf("the server's output holds the secret %q", s)
		}
		if bytes.Contains(logs, []byte(s)) {
			w.t.Errorf("the server's log holds the secret %q", s)
		}
	}
}

// offsetOf and positionOf convert as the server does (internal/textpos), for building edits in tests.
func offsetOf(text string, p protocol.Position) int {
	return textpos.Offset(text, int(p.Line), int(p.Character))
}

func positionOf(text string, offset int) protocol.Position {
	line, col := textpos.Position(text, offset)
	return protocol.Position{Line: uint32(line), Character: uint32(col)}
}
