//go:build unix

package sessionshare

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

const locksWork = true

// Lock takes the session's lock: flock on <dir>/<key>.lock. The kernel releases it when the holder's
// file is closed, which includes the holder dying, so a crash never leaves a session locked. The
// lock files stay (empty, one per session ever shared): removing one while another process waits on it
// would let two processes hold "the" lock at once.
func (s *Share) Lock(ctx context.Context, key string) (func(), error) {
	if !validKey(key) {
		return nil, fmt.Errorf("not a session key: %q", key)
	}
	f, err := os.OpenFile(filepath.Join(s.dir, key+".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot open the session's lock: %w", err)
	}
	got := make(chan error, 1)
	go func() { got <- syscall.Flock(int(f.Fd()), syscall.LOCK_EX) }()
	select {
	case err := <-got:
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("cannot lock the session: %w", err)
		}
		return func() {
			_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
			f.Close()
		}, nil
	case <-ctx.Done():
		// The flock call may still succeed: whoever gets it then lets go at once.
		go func() {
			if <-got == nil {
				_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
			}
			f.Close()
		}()
		return nil, ctx.Err()
	}
}
