//go:build !unix

package sessionshare

import (
	"context"
	"errors"
)

// locksWork is false where flock is missing (Windows): the processes keep their sessions to
// themselves there, as before, until a LockFileEx version is written.
const locksWork = false

func (s *Share) Lock(ctx context.Context, key string) (func(), error) {
	return nil, errors.New("no session locks on this system")
}

func ownedPrivateDir(dir string) error { return nil }

func (s *Share) pruneLocks(listed map[string]bool) {}
