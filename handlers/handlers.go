package handlers

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/server"
)

// DefaultMaxDiagnostics is how many diagnostics are published per file when Options.MaxDiagnostics is 0.
const DefaultMaxDiagnostics = 500

// Options configure the handlers. The zero value serves the real user's files. Features added later (the
// assume engine and its commands) add their own fields here.
type Options struct {
	// Env looks up environment variables (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE); nil means the
	// process environment.
	Env awsfiles.Env
	// Home is the user's home directory, where ~/.aws lives; "" means os.UserHomeDir.
	Home string
	// MaxDiagnostics caps the diagnostics published for one file (the most severe are kept, and a last
	// note says how many were left out); 0 means DefaultMaxDiagnostics.
	MaxDiagnostics int
	// Assume are the assume engine's base settings (commands_session.go); the client's settings apply on top.
	Assume AssumeOptions
}

// Handlers is the language server's AWS half: the workspace state (which documents are AWS files, the
// current snapshot) and every LSP feature registered on the server.
type Handlers struct {
	srv  *server.Server
	opts Options
	log  *slog.Logger

	// snap is the current snapshot; every request reads it, only rebuild writes it.
	snap atomic.Pointer[Snapshot]
	// client holds what the client said it supports (set by initialize).
	client atomic.Pointer[clientCaps]
	// settings are the latest settings (initializationOptions, then didChangeConfiguration).
	settings atomic.Pointer[Settings]
	// lens is the sessions' status as the code lenses show it (code_lens.go).
	lens lensState

	// mu serializes rebuilds and publishing: they run on the notification goroutine and on the file
	// watcher's goroutine.
	mu        sync.Mutex
	cache     fileCache
	published map[server.URI]publication

	watch      watchState
	hooksMu    sync.Mutex
	onSettings []func(ctx context.Context, s Settings)
	onSnapshot []func(ctx context.Context, snap *Snapshot)
	onShutdown []func(ctx context.Context) error
	closeOnce  sync.Once
}

// Register wires every feature into srv and returns the handlers, whose Snapshot later features read.
// Call it before srv.Run, and Close after Run returns (it stops the file watcher).
func Register(srv *server.Server, opts Options) *Handlers {
	if opts.Env == nil {
		opts.Env = os.LookupEnv
	}
	if opts.Home == "" {
		opts.Home, _ = os.UserHomeDir()
	}
	if opts.MaxDiagnostics <= 0 {
		opts.MaxDiagnostics = DefaultMaxDiagnostics
	}
	h := &Handlers{srv: srv, opts: opts, log: srv.Logger(), published: map[server.URI]publication{}}
	h.cache.init()
	h.settings.Store(&Settings{})
	h.client.Store(&clientCaps{})
	h.snap.Store(emptySnapshot(h.locations(Settings{})))

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

// Server is the server the handlers are registered on.
func (h *Handlers) Server() *server.Server { return h.srv }

// Options are the options the handlers were registered with, defaults filled in.
func (h *Handlers) Options() Options { return h.opts }

// Snapshot is the current immutable view of the AWS files: safe to keep and read from any goroutine.
func (h *Handlers) Snapshot() *Snapshot { return h.snap.Load() }

// Settings are the client's current settings.
func (h *Handlers) Settings() Settings { return *h.settings.Load() }

// OnSettingsChange adds fn to the functions called (on the notification goroutine, after the snapshot
// was rebuilt) whenever the settings change: at initialize and on workspace/didChangeConfiguration.
func (h *Handlers) OnSettingsChange(fn func(ctx context.Context, s Settings)) {
	h.hooksMu.Lock()
	defer h.hooksMu.Unlock()
	h.onSettings = append(h.onSettings, fn)
}

// OnSnapshotChange adds fn to the functions called after every rebuild with the new snapshot (after its
// diagnostics were published), in order, on the goroutine that rebuilt it while rebuilds wait: keep it
// quick and never call back into the client from it.
func (h *Handlers) OnSnapshotChange(fn func(ctx context.Context, snap *Snapshot)) {
	h.hooksMu.Lock()
	defer h.hooksMu.Unlock()
	h.onSnapshot = append(h.onSnapshot, fn)
}

// OnShutdown adds fn to the functions run when the client sends shutdown (stop timers and background
// work there). Errors are logged; shutdown succeeds anyway.
func (h *Handlers) OnShutdown(fn func(ctx context.Context) error) {
	h.hooksMu.Lock()
	defer h.hooksMu.Unlock()
	h.onShutdown = append(h.onShutdown, fn)
}

// Close stops the file watcher. Call it after srv.Run returns; it is safe to call more than once.
func (h *Handlers) Close() error {
	var err error
	h.closeOnce.Do(func() { err = h.stopWatching(false) })
	return err
}

func (h *Handlers) shutdown(ctx context.Context) error {
	h.hooksMu.Lock()
	hooks := append([](func(context.Context) error){}, h.onShutdown...)
	h.hooksMu.Unlock()
	var errs []error
	for _, fn := range hooks {
		errs = append(errs, fn(ctx))
	}
	errs = append(errs, h.Close())
	return errors.Join(errs...)
}

func (h *Handlers) snapshotChanged(ctx context.Context, snap *Snapshot) {
	h.hooksMu.Lock()
	hooks := append([](func(context.Context, *Snapshot)){}, h.onSnapshot...)
	h.hooksMu.Unlock()
	for _, fn := range hooks {
		fn(ctx, snap)
	}
}

func (h *Handlers) settingsChanged(ctx context.Context, s Settings) {
	h.hooksMu.Lock()
	hooks := append([](func(context.Context, Settings)){}, h.onSettings...)
	h.hooksMu.Unlock()
	for _, fn := range hooks {
		fn(ctx, s)
	}
}
