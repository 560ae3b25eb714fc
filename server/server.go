package server

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// Options configure a Server. The zero value works.
type Options struct {
	// Name and Version are sent as serverInfo in the initialize reply.
	Name    string
	Version string
	// Logger receives the server's log; nil discards it. Give it stderr or a file, never stdout (stdout
	// carries the protocol). At debug level the server traces method names and ids, never params.
	Logger *slog.Logger
	// MaxMessageBytes bounds one incoming message; a larger one is answered with an error and skipped.
	// Zero means 256 MiB (a 10 MB document of binary junk can take six times its size once JSON-escaped).
	MaxMessageBytes int
	// ExitTimeout is how long Run waits, after exit or the end of the input, for running handlers to
	// return once their contexts are cancelled. Zero means 5 seconds.
	ExitTimeout time.Duration
}

// Server is a language server for one connection. Create it with New, register handlers and hooks, then
// call Run once.
type Server struct {
	opts   Options
	log    *slog.Logger
	stream *stream

	// Handler tables and hooks: written before Run, read-only while running.
	requests         map[string]requestHandler
	notifications    map[string]notificationHandler
	commands         map[string]commandHandler
	onInitialize     InitializeHook
	onInitialized    func(ctx context.Context) error
	onShutdown       func(ctx context.Context) error
	onDocumentChange func(ctx context.Context, ev DocumentEvent) error

	running   atomic.Bool
	state     atomic.Int32 // a lifecycleState
	docs      atomic.Pointer[Documents]
	outOfSync map[URI]string // languageId of the documents lostSync dropped; used on the queue only
	conn      atomic.Pointer[jsonrpc2.Conn]
	queue     *workQueue
	calls     inflightCalls

	baseCtx    context.Context // parent of every handler's context; cancelled when Run ends
	cancelBase context.CancelFunc

	exited     chan struct{}
	exitOnce   sync.Once
	exitStatus atomic.Int32
}

type lifecycleState int32

const (
	stateUninitialized lifecycleState = iota
	stateInitializing
	stateInitialized
	stateShutdown
)

// New returns a server that will speak LSP over rwc (stdin and stdout in production: see Stdio).
func New(rwc io.ReadWriteCloser, opts Options) *Server {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.MaxMessageBytes <= 0 {
		opts.MaxMessageBytes = 256 << 20
	}
	if opts.ExitTimeout <= 0 {
		opts.ExitTimeout = 5 * time.Second
	}
	s := &Server{
		opts:          opts,
		log:           opts.Logger,
		stream:        newStream(rwc, opts.MaxMessageBytes, opts.Logger),
		requests:      map[string]requestHandler{},
		notifications: map[string]notificationHandler{},
		commands:      map[string]commandHandler{},
		outOfSync:     map[URI]string{},
		queue:         newWorkQueue(),
		exited:        make(chan struct{}),
	}
	s.calls.byID = map[jsonrpc2.ID]*inflightCall{}
	s.docs.Store(noDocuments)
	s.requests[protocol.MethodShutdown] = s.shutdown
	s.notifications[protocol.MethodInitialized] = s.initialized
	s.notifications[protocol.MethodTextDocumentDidOpen] = s.didOpen
	s.notifications[protocol.MethodTextDocumentDidChange] = s.didChange
	s.notifications[protocol.MethodTextDocumentDidClose] = s.didClose
	s.notifications[protocol.MethodTextDocumentDidSave] = s.didSave
	return s
}

// Run serves the connection until the client sends exit, the input ends, or ctx is cancelled, and
// returns the process exit status the LSP prescribes: 0 after shutdown then exit; 1 for exit without
// shutdown, for the input ending (the editor died) and for ctx being cancelled. Before returning it
// cancels every handler's context and waits up to Options.ExitTimeout for them to return. Replies are
// written with a context that ignores ctx, so cancelling ctx never drops a reply half-way.
func (s *Server) Run(ctx context.Context) int {
	if !s.running.CompareAndSwap(false, true) {
		s.log.Error("server.Run was called twice; a Server serves one connection")
		return 1
	}
	s.baseCtx, s.cancelBase = context.WithCancel(ctx)
	conn := jsonrpc2.NewConn(s.stream, jsonrpc2.WithCodec(lspCodec{}))
	s.conn.Store(&conn)
	go s.queue.work()
	conn.Go(context.WithoutCancel(ctx), s.handle)
	s.log.Info("language server started", "name", s.opts.Name, "version", s.opts.Version)

	select {
	case <-s.exited:
	case <-s.stream.closed:
	case <-ctx.Done():
		s.log.Info("stopping: the server's context was cancelled")
	}
	code := s.exitCode()
	s.stop()
	s.log.Info("language server stopped", "exitCode", code)
	return code
}

// exitCode is 0 only when the client sent shutdown and then exit.
func (s *Server) exitCode() int {
	select {
	case <-s.exited:
		return int(s.exitStatus.Load())
	default:
		return 1
	}
}

// exit records the exit notification; Run does the rest.
func (s *Server) exit() {
	s.exitOnce.Do(func() {
		if lifecycleState(s.state.Load()) == stateShutdown {
			s.exitStatus.Store(0)
			s.log.Info("the client sent exit after shutdown")
		} else {
			s.exitStatus.Store(1)
			s.log.Warn("the client sent exit without shutdown; the exit status is 1")
		}
		close(s.exited)
	})
}

// stop cancels all work, closes the transport and waits (bounded) for running handlers to return. It does
// not wait for the connection's reader: one blocked on a terminal or blocking pipe cannot be woken.
func (s *Server) stop() {
	s.cancelBase()
	s.queue.close()
	s.stream.stop()
	timeout := time.NewTimer(s.opts.ExitTimeout)
	defer timeout.Stop()
	for _, done := range []<-chan struct{}{s.calls.drained(), s.queue.done} {
		select {
		case <-done:
		case <-timeout.C:
			s.log.Warn("handlers were still running when the exit timeout passed; stopping without them",
				"timeout", s.opts.ExitTimeout)
			return
		}
	}
}

// Logger returns the server's logger, for handlers that want to log alongside it (same rules: never
// params, document text or secrets).
func (s *Server) Logger() *slog.Logger { return s.log }

// Documents returns the current snapshot of the open documents. Safe for concurrent use.
func (s *Server) Documents() *Documents { return s.docs.Load() }

// connection returns the JSON-RPC connection, nil before Run.
func (s *Server) connection() jsonrpc2.Conn {
	if c := s.conn.Load(); c != nil {
		return *c
	}
	return nil
}
