package awsfiles

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
)

// ReplaceFile's promises, as a caller relies on them: a new file gets the mode asked for (in a directory
// created 0700), an existing one keeps its own, a symlink stays a link to the rewritten file, and nothing
// else is left in the directory.
func TestReplaceFileGuarantees(t *testing.T) {
	home := t.TempDir()
	cache := filepath.Join(home, "cli", "cache", "entry.json")
	if err := ReplaceFile(cache, []byte(`{"a":1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	assertFile(t, cache, `{"a":1}`, 0o600)
	if fi, _ := os.Stat(filepath.Dir(cache)); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o700 {
		t.Errorf("the new directory is %v, want 0700", fi.Mode().Perm())
	}

	real := filepath.Join(home, "dotfiles-credentials")
	os.WriteFile(real, []byte("old"), 0o640)
	link := filepath.Join(home, "credentials")
	if err := os.Symlink("dotfiles-credentials", link); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceFile(link, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced by a file")
	}
	assertFile(t, real, "new", 0o640)
	assertDir(t, home, "cli", "credentials", "dotfiles-credentials")
	assertDir(t, filepath.Dir(cache), "entry.json")
}

// Writing the credentials file leaves no lock file beside it, also when the change is refused on a file
// that did not exist (then there is no file at all afterwards).
func TestUpdateFileLeavesNoLockFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows keeps a lock file beside the target (docs/cli.md)")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "credentials")
	writeSession(t, path, "dev", "ASIAEXAMPLE1")
	writeSession(t, path, "dev", "ASIAEXAMPLE2")
	assertDir(t, dir, "credentials")

	other := filepath.Join(dir, "config")
	refused := errors.New("refused")
	if err := UpdateFile(other, 0o600, func([]byte) ([]byte, error) { return nil, refused }); !errors.Is(err, refused) {
		t.Fatalf("err = %v, want the change's own error", err)
	}
	assertDir(t, dir, "credentials")
}

func assertFile(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil || string(data) != content {
		t.Errorf("%s holds %q (%v), want %q", path, data, err, content)
	}
	if fi, err := os.Stat(path); err != nil || runtime.GOOS != "windows" && fi.Mode().Perm() != mode {
		t.Errorf("%s: mode %v (%v), want %v", path, fi.Mode().Perm(), err, mode)
	}
}

func assertDir(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	sort.Strings(got)
	sort.Strings(want)
	if len(got) != len(want) {
		t.Errorf("%s holds %q, want exactly %q", dir, got, want)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s holds %q, want exactly %q", dir, got, want)
			return
		}
	}
}
