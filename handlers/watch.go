package handlers

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/server"
)

// The located files change behind the editor's back (the AWS CLI, an SSO tool, `rolecall assume
// --write-profile`). When the client can watch files for us (dynamic registration of
// workspace/didChangeWatchedFiles) it does; otherwise the server watches the files' directories with
// fsnotify (a directory, because tools replace these files by renaming a new one over them).

// registrationTimeout bounds the wait for the client to accept the watcher registration.
const registrationTimeout = 10 * time.Second

type watchState struct {
	mu       sync.Mutex
	regID    string // the dynamic registration in force, "" for none
	regCount int
	fs       *fsnotify.Watcher
	loopDone chan struct{}
	cancel   context.CancelFunc
	closed   bool // Close was called: start nothing new
}

// startWatching watches the located files, preferring the client's watcher.
func (h *Handlers) startWatching(ctx context.Context, loc awsfiles.Locations) {
	paths := []string{loc.Config, loc.Credentials}
	if h.client.Load().watchDynamic {
		err := h.registerWatchers(ctx, paths)
		if err == nil {
			return
		}
		h.log.Warn("the client refused to watch the AWS files; the server watches them itself", "error", err)
	}
	if err := h.watchDirectories(paths); err != nil {
		h.log.Warn("cannot watch the AWS files; changes made by other programs show up on the next edit", "error", err)
	}
}

// restartWatching follows a change of the located files.
func (h *Handlers) restartWatching(ctx context.Context, loc awsfiles.Locations) {
	if err := h.stopWatching(true); err != nil {
		h.log.Warn("stopping the previous file watcher", "error", err)
	}
	h.startWatching(ctx, loc)
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
	h.watch.mu.Lock()
	h.watch.regCount++
	id := fmt.Sprintf("rolecall-aws-files-%d", h.watch.regCount)
	h.watch.mu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, registrationTimeout)
	defer cancel()
	params := protocol.RegistrationParams{Registrations: []protocol.Registration{
		{ID: id, Method: protocol.MethodWorkspaceDidChangeWatchedFiles, RegisterOptions: opts},
	}}
	if err := h.srv.Call(ctx, protocol.MethodClientRegisterCapability, params, nil); err != nil {
		return err
	}
	h.watch.mu.Lock()
	h.watch.regID = id
	h.watch.mu.Unlock()
	h.log.Debug("the client watches the AWS files", "registration", id)
	return nil
}

// watchDirectories starts an fsnotify watcher on the directories of paths (those that exist).
func (h *Handlers) watchDirectories(paths []string) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	wanted := map[string]bool{}
	dirs := map[string]bool{}
	for _, p := range paths {
		wanted[p] = true
		dir := filepath.Dir(p)
		if dirs[dir] {
			continue
		}
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			h.log.Debug("not watching a directory that does not exist", "dir", dir)
			continue
		}
		if err := w.Add(dir); err != nil {
			h.log.Warn("cannot watch a directory", "dir", dir, "error", err)
			continue
		}
		dirs[dir] = true
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	h.watch.mu.Lock()
	if h.watch.closed {
		h.watch.mu.Unlock()
		cancel()
		return w.Close()
	}
	h.watch.fs, h.watch.loopDone, h.watch.cancel = w, done, cancel
	h.watch.mu.Unlock()
	go h.watchLoop(ctx, w, wanted, done)
	h.log.Debug("the server watches the AWS files", "directories", len(dirs))
	return nil
}

func (h *Handlers) watchLoop(ctx context.Context, w *fsnotify.Watcher, wanted map[string]bool, done chan struct{}) {
	defer close(done)
	for {
		select {
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if p := filepath.Clean(ev.Name); wanted[p] {
				h.log.Debug("an AWS file changed on disk", "path", p, "op", ev.Op.String())
				h.diskChanged(ctx, []string{p})
			}
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			h.log.Warn("the file watcher reported an error", "error", err)
		}
	}
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

// stopWatching stops the fsnotify watcher. For a restart (the settings name other files) it also removes
// the client's registration, best effort; otherwise it is the final stop (Close), after which nothing new
// is watched, and the client drops its registration by itself at shutdown.
func (h *Handlers) stopWatching(restart bool) error {
	h.watch.mu.Lock()
	h.watch.closed = h.watch.closed || !restart
	w, done, cancel, id := h.watch.fs, h.watch.loopDone, h.watch.cancel, h.watch.regID
	h.watch.fs, h.watch.loopDone, h.watch.cancel, h.watch.regID = nil, nil, nil, ""
	h.watch.mu.Unlock()
	var errs []error
	if id != "" && restart {
		ctx, stop := context.WithTimeout(context.Background(), registrationTimeout)
		params := protocol.UnregistrationParams{Unregisterations: []protocol.Unregistration{
			{ID: id, Method: protocol.MethodWorkspaceDidChangeWatchedFiles},
		}}
		if err := h.srv.Call(ctx, protocol.MethodClientUnregisterCapability, params, nil); err != nil {
			h.log.Debug("could not remove the watcher registration", "error", err)
		}
		stop()
	}
	if w != nil {
		cancel()
		errs = append(errs, w.Close())
		<-done
	}
	return errors.Join(errs...)
}
