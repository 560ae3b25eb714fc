package sessionshare

import (
	"path/filepath"

	"github.com/fsnotify/fsnotify"
)

// Watch calls onChange after the index changed (a process rewrote it: created, written or renamed
// over), from one goroutine, one call at a time; changes that come while a call runs are folded into
// one more call. stop ends the watch and waits for a call in progress.
func (s *Share) Watch(onChange func()) (stop func(), err error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if err := w.Add(s.dir); err != nil {
		w.Close()
		return nil, err
	}
	kick := make(chan struct{}, 1)
	done := make(chan struct{})
	go func() {
		defer close(kick)
		for {
			select {
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if filepath.Base(ev.Name) == indexName && ev.Op&(fsnotify.Create|fsnotify.Write|fsnotify.Rename|fsnotify.Remove) != 0 {
					select {
					case kick <- struct{}{}:
					default:
					}
				}
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			}
		}
	}()
	go func() {
		defer close(done)
		for range kick {
			onChange()
		}
	}()
	return func() {
		w.Close()
		<-done
	}, nil
}
