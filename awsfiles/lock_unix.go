//go:build unix

package awsfiles

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// lockTarget takes an exclusive advisory lock on the file itself, so that no lock file is left beside
// it, waiting for another holder to finish. The file is created (empty, newMode) when missing. Because
// every writer replaces the file by rename, the lock may end up held on a file that is no longer at
// path; then it is dropped and the file now at path is locked instead, until the two agree.
func lockTarget(path string, newMode fs.FileMode) (unlock func(), err error) {
	for {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDONLY, newMode)
		if err != nil {
			return nil, fmt.Errorf("cannot open %s to lock it: %w", path, unwrapPathError(err))
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			f.Close()
			return nil, fmt.Errorf("cannot lock %s: %w", path, err)
		}
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			return func() {
				syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
				f.Close()
			}, nil
		}
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}
}
