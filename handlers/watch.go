package handlers

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/server"
)

// The located files change behind the editor's back (the AWS CLI, an SSO tool, `rolecall assume
// --write-profile`). When the client can watch files for us (dynamic registration of
// workspace/didChangeWatchedFiles) it does; otherwise the server watches them itself (watch_disk.go).
//
// Setting the watchers up asks the client (registerCapability, unregisterCapability) and waits for its
// answer, so it runs on a goroutine of its own: the notification handlers that start it (initialized,
// a settings change) return at once, and the edits and requests behind them never wait for the client.
// Only the latest locations count: a second settings change while the first is being applied replaces it.

// registrationTimeout bounds the wait for the client to accept or drop the watcher registration.
const registrationTimeout = 10 * time.Second

type watchState struct {
	mu       sync.Mutex
	want     *awsfiles.Locations // the locations to watch next; nil when nothing is pending
	applying chan struct{}       // closed when the goroutine applying want stops; nil when none runs
	ctx      context.Context     // the applying goroutine's context, cancelled by Close
	cancel   context.CancelFunc
	closed   bool // Close was called: start nothing new

	// Owned by the applying goroutine, and by Close once it has stopped.
	regID    string // the dynamic registration in force, "" for none
	regCount int
	disk     *diskWatcher
}

// startWatching watches the located files, preferring the client's watcher. It returns at once.
func (h *Handlers) startWatching(ctx context.Context, loc awsfiles.Locations) {
	h.watchLater(ctx, loc)
}

// restartWatching follows a change of the located files. It returns at once.
func (h *Handlers) restartWatching(ctx context.Context, loc awsfiles.Locations) {
	h.watchLater(ctx, loc)
}

// watchLater records loc as the files to watch and makes sure a goroutine applies it.
func (h *Handlers) watchLater(ctx context.Context, loc awsfiles.Locations) {
	h.watch.mu.Lock()
	defer h.watch.mu.Unlock()
	if h.watch.closed {
		return
	}
	h.watch.want = &loc
	if h.watch.applying != nil {
		return // the running goroutine picks it up
	}
	if h.watch.ctx == nil {
		// Not derived from ctx: the watchers outlive the notification that started them.
		h.watch.ctx, h.watch.cancel = context.WithCancel(context.Background())
	}
	done := make(chan struct{})
	h.watch.applying = done
	go h.applyWatches(h.watch.ctx, done)
}

// applyWatches moves the watchers to the latest wanted locations until none is pending.
func (h *Handlers) applyWatches(ctx context.Context, done chan struct{}) {
	defer close(done)
	for {
		h.watch.mu.Lock()
		loc := h.watch.want
		h.watch.want = nil
		if loc == nil || h.watch.closed {
			h.watch.applying = nil
			h.watch.mu.Unlock()
			return
		}
		h.watch.mu.Unlock()
		h.unwatch(ctx, true)
		h.watchFiles(ctx, []string{loc.Config, loc.Credentials})
	}
}

// watchFiles watches paths through the client when it can, else on disk. Once the watch is in place the
// files are read again: they may have changed since they were first read, before anyone watched.
func (h *Handlers) watchFiles(ctx context.Context, paths []string) {
	if h.client.Load().watchDynamic {
		err := h.registerWatchers(ctx, paths)
		if err == nil {
			h.diskChanged(ctx, paths)
			return
		}
		if ctx.Err() != nil {
			return
		}
		h.log.Warn("the client refused to watch the AWS files; the server watches them itself", "error", err)
	}
	d, err := watchDisk(paths, func(changed []string) { h.diskChanged(ctx, changed) }, h.log)
	if err != nil {
		h.log.Warn("cannot watch the AWS files; changes made by other programs show up on the next edit", "error", err)
		return
	}
	h.watch.disk = d
	h.diskChanged(ctx, paths)
}

// registerWatchers asks the client to watch the files and to send workspace/didChangeWatchedFiles.
func (h *Handlers) registerWatchers(ctx context.Context, paths []string) error {
	relative := h.client.Load().relativePatterns
	var watchers []protocol.FileSystemWatcher
	for _, p := range paths {
		w := protocol.FileSystemWatcher{GlobPattern: protocol.Pattern(filepath.ToSlash(p))}
		if dir, ok := server.FileURI(filepath.Dir(p)); ok && relative {
			w.GlobPattern = &protocol.RelativePattern{BaseURI: protocol.URI(dir), Pattern: protocol.Pattern(filepath.Base(p))}
		}
		watchers = append(watchers, w)
	}
	opts, err := protocol.Marshal(protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: watchers})
	if err != nil {
		return fmt.Errorf("encoding the watcher registration: %w", err)
	}
	h.watch.regCount++
	id := fmt.Sprintf("rolecall-aws-files-%d", h.watch.regCount)
	ctx, cancel := context.WithTimeout(ctx, registrationTimeout)
	defer cancel()
	err = h.srv.Client().RegisterCapability(ctx, &protocol.RegistrationParams{Registrations: []protocol.Registration{
		{ID: id, Method: protocol.MethodWorkspaceDidChangeWatchedFiles, RegisterOptions: opts},
	}})
	if err != nil {
		return err
	}
	h.watch.regID = id
	h.log.Debug("the client watches the AWS files", "registration", id)
	return nil
}

// unwatch stops the disk watcher and, for a move to other files, removes the client's registration (best
// effort; at the final stop the client drops it by itself at shutdown).
func (h *Handlers) unwatch(ctx context.Context, moving bool) error {
	var err error
	if id := h.watch.regID; id != "" && moving {
		ctx, stop := context.WithTimeout(ctx, registrationTimeout)
		if err := h.srv.Client().UnregisterCapability(ctx, &protocol.UnregistrationParams{
			Unregisterations: []protocol.Unregistration{{ID: id, Method: protocol.MethodWorkspaceDidChangeWatchedFiles}},
		}); err != nil {
			h.log.Debug("could not remove the watcher registration", "error", err)
		}
		stop()
	}
	h.watch.regID = ""
	if h.watch.disk != nil {
		err = h.watch.disk.close()
		h.watch.disk = nil
	}
	return err
}

// diskChanged re-reads files that changed on disk and publishes what that changed.
func (h *Handlers) diskChanged(ctx context.Context, paths []string) {
	h.mu.Lock()
	for _, p := range paths {
		h.cache.invalidate(p)
	}
	h.mu.Unlock()
	h.rebuild(ctx, "")
}

// stopWatching is the final stop (Close): nothing new is watched afterwards, a registration under way
// is abandoned, and the disk watcher is closed once its goroutine has returned.
func (h *Handlers) stopWatching(restart bool) error {
	h.watch.mu.Lock()
	h.watch.closed = true
	running, cancel := h.watch.applying, h.watch.cancel
	h.watch.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	if running != nil {
		<-running
	}
	return h.unwatch(context.Background(), restart)
}
