//go:build unix

package sessionshare

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

const locksWork = true

// Lock takes the session's lock: flock on <dir>/<key>.lock. The kernel releases it when the holder's
// file is closed, which includes the holder dying, so a crash never leaves a session locked. A lock
// file is removed only by pruneLocks, under its own lock; a process that locked a file just removed
// sees that the file at the path is no longer the one it holds, and locks the new one instead.
func (s *Share) Lock(ctx context.Context, key string) (func(), error) {
	if !validKey(key) {
		return nil, fmt.Errorf("not a session key: %q", key)
	}
	path := filepath.Join(s.dir, key+".lock")
	for {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
		if err != nil {
			return nil, fmt.Errorf("cannot open the session's lock: %w", err)
		}
		if err := flockContext(ctx, f); err != nil {
			return nil, err
		}
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			return func() { unlockFile(f) }, nil
		}
		unlockFile(f) // removed while we waited: lock the file that is there now
	}
}

// flockContext takes an exclusive flock on f, giving up (and closing f) when ctx ends first.
func flockContext(ctx context.Context, f *os.File) error {
	got := make(chan error, 1)
	go func() { got <- syscall.Flock(int(f.Fd()), syscall.LOCK_EX) }()
	select {
	case err := <-got:
		if err != nil {
			f.Close()
			return fmt.Errorf("cannot lock the session: %w", err)
		}
		return nil
	case <-ctx.Done():
		// The flock call may still succeed: then it is let go at once.
		go func() {
			if <-got == nil {
				_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
			}
			f.Close()
		}()
		return ctx.Err()
	}
}

func unlockFile(f *os.File) {
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	f.Close()
}

// pruneLocks removes the lock files of sessions no longer listed, except one another process holds
// (it is renewing that session right now): the directory keeps one small file per live session, not
// one per session ever shared.
func (s *Share) pruneLocks(listed map[string]bool) {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		key, ok := strings.CutSuffix(e.Name(), ".lock")
		if !ok || !validKey(key) || listed[key] {
			continue
		}
		path := filepath.Join(s.dir, e.Name())
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			continue
		}
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil {
			_ = os.Remove(path)
		}
		unlockFile(f)
	}
}
