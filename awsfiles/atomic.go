package awsfiles

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ReplaceFile is the one way Rolecall writes a file (the credentials file, the AWS CLI's cache, the SSO
// token cache): a reader sees the old content or the new, never a mix, and a crash leaves one of the two.
// The data goes to a temporary file in the same directory, is flushed to disk and renamed over path, and
// the directory is flushed so that the rename survives a power cut. An existing file keeps its mode; a new
// one gets newMode (the directory is created 0700 if missing). A symlink is followed: its target is
// rewritten and the link stays a link.
func ReplaceFile(path string, data []byte, newMode fs.FileMode) error {
	target, err := prepareTarget(path)
	if err != nil {
		return err
	}
	mode := newMode
	if st, err := os.Stat(target); err == nil {
		mode = st.Mode().Perm()
	}
	return replaceFile(target, data, mode)
}

// UpdateFile rewrites a file that other Rolecall processes may rewrite at the same time (the credentials
// file): it takes an exclusive lock (lockTarget), reads the current bytes, lets change compute the new
// ones and writes them as ReplaceFile does. change receives nil for a missing file.
func UpdateFile(path string, newMode fs.FileMode, change func(old []byte) ([]byte, error)) error {
	target, err := prepareTarget(path)
	if err != nil {
		return err
	}
	_, statErr := os.Stat(target)
	existed := statErr == nil
	unlock, err := lockTarget(target, newMode)
	if err != nil {
		return err
	}
	defer unlock()

	mode := newMode
	old, err := os.ReadFile(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		old = nil
	case err != nil:
		return fmt.Errorf("cannot read %s: %w", target, unwrapPathError(err))
	case existed:
		if st, err := os.Stat(target); err == nil {
			mode = st.Mode().Perm()
		}
	}
	data, err := change(old)
	if err != nil {
		if !existed && len(old) == 0 {
			removeIfEmpty(target) // the lock may have created it; a refused change leaves nothing behind
		}
		return err
	}
	return replaceFile(target, data, mode)
}

// prepareTarget resolves symlinks and makes sure the directory exists.
func prepareTarget(path string) (string, error) {
	target, err := resolveLink(path)
	if err != nil {
		return "", err
	}
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("cannot create %s: %w", dir, unwrapPathError(err))
	}
	return target, nil
}

func removeIfEmpty(path string) {
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() && st.Size() == 0 {
		os.Remove(path)
	}
}

// resolveLink follows symlinks to the file that really holds the data. A dangling link resolves to where
// it points, so the file is created there.
func resolveLink(path string) (string, error) {
	for i := 0; i < 40; i++ {
		fi, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) || err == nil && fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		if err != nil {
			return "", fmt.Errorf("cannot inspect %s: %w", path, unwrapPathError(err))
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", fmt.Errorf("cannot read the link %s: %w", path, unwrapPathError(err))
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

func replaceFile(target string, data []byte, mode fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write beside %s: %w", target, unwrapPathError(err))
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot set the mode of %s: %w", tmp.Name(), err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot flush %s to disk: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("cannot replace %s: %w", target, unwrapPathError(err))
	}
	syncDir(filepath.Dir(target))
	return nil
}

// syncDir makes the rename durable where the platform allows it; failure only weakens durability.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
