//go:build unix

package sessionshare

import (
	"fmt"
	"os"
	"syscall"
)

// ownedPrivateDir refuses a share directory that is a symlink, is not the user's own, or that another
// user could read, write or enter: the index names the user's profiles and the lock files decide who
// renews a session.
func ownedPrivateDir(dir string) error {
	st, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	switch {
	case !st.IsDir():
		return fmt.Errorf("the session share %s is not a directory (a symlink?): remove it", dir)
	case ok && int(sys.Uid) != os.Getuid():
		return fmt.Errorf("the session share %s belongs to another user: remove it", dir)
	case st.Mode().Perm()&0o077 != 0:
		return fmt.Errorf("the session share %s is open to other users (mode %o): run chmod 700 on it", dir, st.Mode().Perm())
	}
	return nil
}
