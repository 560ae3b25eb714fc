package handlers

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// diskWatcher watches files on disk with fsnotify, for clients that cannot watch them for the server.
//
// It watches directories, not the files: tools replace these files by renaming a new one over them, and
// a watch on a file follows the replaced inode. And it watches, for each file, the nearest directory on
// its path that exists: ~/.aws may not exist yet, or be deleted and created again (a restore, a dotfiles
// tool), and a watch on a deleted directory is gone for good. When a directory on the way to a file
// appears or disappears, the watches move down or up the path, and the files are read again, since
// they may have appeared with their directory before its watch was in place.
type diskWatcher struct {
	w       *fsnotify.Watcher
	files   []string        // the watched files, clean absolute paths
	dirs    map[string]bool // the directories watched now
	changed func(paths []string)
	log     *slog.Logger
	done    chan struct{}
}

// watchDisk starts watching files; changed is called from the watcher's goroutine.
func watchDisk(files []string, changed func(paths []string), log *slog.Logger) (*diskWatcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	d := &diskWatcher{w: w, dirs: map[string]bool{}, changed: changed, log: log, done: make(chan struct{})}
	for _, f := range files {
		d.files = append(d.files, filepath.Clean(f))
	}
	d.arm()
	go d.run()
	log.Debug("the server watches the AWS files", "directories", len(d.dirs))
	return d, nil
}

// close stops the watcher and waits for its goroutine.
func (d *diskWatcher) close() error {
	err := d.w.Close()
	<-d.done
	return err
}

func (d *diskWatcher) run() {
	defer close(d.done)
	for {
		select {
		case ev, ok := <-d.w.Events:
			if !ok {
				return
			}
			d.event(ev)
		case err, ok := <-d.w.Errors:
			if !ok {
				return
			}
			d.log.Warn("the file watcher reported an error; reading the AWS files again", "error", err)
			d.arm()
			d.changed(d.files)
		}
	}
}

// event handles one fsnotify event: a watched file changed, or a directory on the way to one came or went.
func (d *diskWatcher) event(ev fsnotify.Event) {
	p := filepath.Clean(ev.Name)
	for _, f := range d.files {
		if p == f {
			d.log.Debug("an AWS file changed on disk", "path", p, "op", ev.Op.String())
			d.changed([]string{p})
			return
		}
	}
	if !d.onTheWay(p) {
		return
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		// A watched directory that is renamed keeps its watch under its old name: drop it.
		_ = d.w.Remove(p)
		delete(d.dirs, p)
	}
	d.log.Debug("a directory on the way to the AWS files changed", "path", p, "op", ev.Op.String())
	d.arm()
	d.changed(d.files)
}

// onTheWay reports whether dir is a directory on the path of a watched file.
func (d *diskWatcher) onTheWay(dir string) bool {
	prefix := dir + string(filepath.Separator)
	if strings.HasSuffix(dir, string(filepath.Separator)) {
		prefix = dir // the root
	}
	for _, f := range d.files {
		if strings.HasPrefix(f, prefix) {
			return true
		}
	}
	return false
}

// arm watches, for each file, the nearest existing directory on its path, and drops the watches no
// longer needed. It looks again after adding watches, since a directory may have been created between
// looking and watching (its creation would then go unseen); a few rounds settle any real sequence.
func (d *diskWatcher) arm() {
	for range 8 {
		want := d.nearestDirs()
		for dir := range want {
			if d.dirs[dir] {
				continue
			}
			if err := d.w.Add(dir); err != nil {
				if !errors.Is(err, os.ErrNotExist) {
					d.log.Warn("cannot watch a directory", "dir", dir, "error", err)
				}
				continue
			}
			d.dirs[dir] = true
		}
		for dir := range d.dirs {
			if !want[dir] {
				_ = d.w.Remove(dir)
				delete(d.dirs, dir)
			}
		}
		if sameSet(want, d.nearestDirs()) {
			return
		}
	}
}

// nearestDirs is, for each file, the deepest directory on its path that exists now.
func (d *diskWatcher) nearestDirs() map[string]bool {
	out := map[string]bool{}
	for _, f := range d.files {
		dir := filepath.Dir(f)
		for {
			if info, err := os.Stat(dir); err == nil && info.IsDir() {
				break
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
		out[dir] = true
	}
	return out
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}
