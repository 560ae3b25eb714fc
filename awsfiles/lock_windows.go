//go:build windows

package awsfiles

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// lockTarget takes an exclusive lock with LockFileEx, waiting for another holder to finish. Windows
// cannot rename a file over one that another handle holds open, so the lock is on a separate file,
// `.<name>.rolecall-lock` beside the target, which stays (docs/cli.md says so).
func lockTarget(path string, _ fs.FileMode) (unlock func(), err error) {
	lockPath := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".rolecall-lock")
	f, err := os.OpenFile(lockPath, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot create the lock file %s: %w", lockPath, unwrapPathError(err))
	}
	ol := new(windows.Overlapped)
	if err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, ol); err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot lock %s: %w", lockPath, err)
	}
	return func() {
		windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, ol)
		f.Close()
	}, nil
}
