package handlers

import (
	"context"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/server"
)

// defaultMaxDiagnostics is how many diagnostics are published per file when Options.MaxDiagnostics is 0.
const defaultMaxDiagnostics = 500

// Options configure the handlers. The zero value serves the real user's files with the default
// assume settings.
type Options struct {
	// Env looks up environment variables (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE); nil means the
	// process environment.
	Env awsfiles.Env
	// Home is the user's home directory, where ~/.aws lives; "" means os.UserHomeDir.
	Home string
	// MaxDiagnostics caps the diagnostics published for one file (the most severe are kept, and a last
	// note says how many were left out); 0 means defaultMaxDiagnostics.
	MaxDiagnostics int
	// Assume are the assume engine's base settings (commands_session.go); the client's settings apply on
	// top. Tests point the AWS CLI cache and the session name at their own values.
	Assume assume.Options
}

// Handlers is the language server's AWS half: the workspace state (which documents are AWS files, the
// current snapshot) and every LSP feature registered on the server.
type Handlers struct {
	srv  *server.Server
	opts Options
	log  *slog.Logger

	// snap is the current snapshot; every request reads it, only rebuild writes it.
	snap atomic.Pointer[snapshot]
	// client holds what the client said it supports (set by initialize).
	client atomic.Pointer[clientCaps]
	// settings are the latest settings (initializationOptions, then didChangeConfiguration).
	settings atomic.Pointer[clientSettings]
	// lens is the sessions' status as the code lenses show it (code_lens.go).
	lens lensState

	// mu serializes rebuilds and publishing: they run on the notification goroutine and on the file
	// watcher's goroutine.
	mu        sync.Mutex
	cache     fileCache
	published map[server.URI]publication

	// sessions are the session commands and their store; the handlers tell them directly of new
	// settings, new snapshots and shutdown.
	sessions *sessionCommands

	watch     watchState
	closeOnce sync.Once
}

// Register wires every feature and command into srv and returns the handlers. Call it before srv.Run,
// and Close after Run returns (it stops the file watcher).
func Register(srv *server.Server, opts Options) *Handlers {
	if opts.Env == nil {
		opts.Env = os.LookupEnv
	}
	if opts.Home == "" {
		opts.Home, _ = os.UserHomeDir()
	}
	if opts.MaxDiagnostics <= 0 {
		opts.MaxDiagnostics = defaultMaxDiagnostics
	}
	h := &Handlers{srv: srv, opts: opts, log: srv.Logger(), published: map[server.URI]publication{}}
	h.cache.init()
	h.settings.Store(&clientSettings{})
	h.client.Store(&clientCaps{})
	h.snap.Store(emptySnapshot(h.locations(clientSettings{})))
	h.sessions = newSessionCommands(h)

	srv.OnInitialize(h.initialize)
	srv.OnInitialized(h.initialized)
	srv.OnShutdown(h.shutdown)
	srv.OnDocumentChange(h.documentChanged)
	h.registerFeatures()
	h.registerCommands()
	return h
}

// registerFeatures registers one handler per LSP method; each lives in the file named after it.
func (h *Handlers) registerFeatures() {
	s := h.srv
	server.Handle(s, protocol.MethodTextDocumentCompletion, h.completion)
	server.Handle(s, protocol.MethodTextDocumentHover, h.hover)
	server.Handle(s, protocol.MethodTextDocumentDefinition, h.definition)
	server.Handle(s, protocol.MethodTextDocumentReferences, h.references)
	server.Handle(s, protocol.MethodTextDocumentDocumentSymbol, h.documentSymbol)
	server.Handle(s, protocol.MethodTextDocumentFoldingRange, h.foldingRange)
	server.Handle(s, protocol.MethodTextDocumentPrepareRename, h.prepareRename)
	server.Handle(s, protocol.MethodTextDocumentRename, h.rename)
	server.Handle(s, protocol.MethodTextDocumentCodeAction, h.codeAction)
	server.Handle(s, protocol.MethodTextDocumentCodeLens, h.codeLens)
	server.HandleNotify(s, protocol.MethodWorkspaceDidChangeConfiguration, h.didChangeConfiguration)
	server.HandleNotify(s, protocol.MethodWorkspaceDidChangeWatchedFiles, h.didChangeWatchedFiles)
}

// snapshot is the current immutable view of the AWS files: safe to keep and read from any goroutine.
func (h *Handlers) snapshot() *snapshot { return h.snap.Load() }

// freshSnapshot is the snapshot a command acts on: rebuilt first when a file it read from disk has
// changed since, so that a picker never lists a profile of a file that is gone because the watcher
// has not said so yet. Open documents are current already; for the rest it costs a stat per file.
func (h *Handlers) freshSnapshot(ctx context.Context) *snapshot {
	h.mu.Lock()
	changed := h.cache.changedOnDisk()
	h.mu.Unlock()
	if !changed {
		return h.snapshot()
	}
	return h.rebuild(ctx, "")
}

// currentSettings are the client's current settings.
func (h *Handlers) currentSettings() clientSettings { return *h.settings.Load() }

// Close stops the file watcher. Call it after srv.Run returns; it is safe to call more than once.
func (h *Handlers) Close() error {
	var err error
	h.closeOnce.Do(func() { err = h.stopWatching(false) })
	return err
}

// shutdown ends the sessions first (an assume in flight is cancelled, and nothing it obtains is kept),
// then stops the file watcher. Errors are logged by the server; the shutdown succeeds anyway.
func (h *Handlers) shutdown(context.Context) error {
	h.sessions.close()
	return h.Close()
}
