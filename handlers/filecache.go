package handlers

import (
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"time"

	"github.com/rolecall/rolecall/awsfiles"
)

// fileCache keeps the parsed files of the last build, so that a change to one document re-parses that
// document only: the other file of its pair and every other pair are reused as they are (an
// awsfiles.File is immutable once parsed). Entries not used by a build are dropped after it, so the cache
// never holds more than the current snapshot does. It is used under Handlers.mu.
type fileCache struct {
	gen  uint64
	docs map[cacheKey]*cachedDoc
	disk map[cacheKey]*cachedDisk
}

type cacheKey struct {
	ref  fileRef
	kind awsfiles.FileKind
}

type cachedDoc struct {
	text string
	file *awsfiles.File
	gen  uint64
}

type cachedDisk struct {
	exists  bool
	modTime time.Time
	size    int64
	file    *awsfiles.File
	stale   bool // the watcher saw a change: read again even if the stat looks the same
	gen     uint64
}

func (c *fileCache) init() {
	c.docs = map[cacheKey]*cachedDoc{}
	c.disk = map[cacheKey]*cachedDisk{}
}

// begin starts a build.
func (c *fileCache) begin() { c.gen++ }

// end drops what the build did not use.
func (c *fileCache) end() {
	for k, e := range c.docs {
		if e.gen != c.gen {
			delete(c.docs, k)
		}
	}
	for k, e := range c.disk {
		if e.gen != c.gen {
			delete(c.disk, k)
		}
	}
}

// parseDoc parses an open document's text, or returns the file parsed from the same text before; a new
// version of a document parsed before is read again only where it changed (awsfiles.Reparse).
// Comparing the texts is cheap: an unchanged document keeps the very same string.
func (c *fileCache) parseDoc(ref fileRef, kind awsfiles.FileKind, text string) *awsfiles.File {
	k := cacheKey{ref, kind}
	e, ok := c.docs[k]
	if ok && e.text == text {
		e.gen = c.gen
		return e.file
	}
	var f *awsfiles.File
	if ok {
		f = awsfiles.Reparse(e.file, text) // an edit: only the sections it touched are read again
	} else {
		f = awsfiles.ParseString(kind, ref.String(), text) // shares the document's string: no copy
	}
	c.docs[k] = &cachedDoc{text: text, file: f, gen: c.gen}
	return f
}

// readDisk returns the parsed file at path, reading it again only when its size or modification time
// changed or the watcher reported a change. A missing file is an empty file, as the AWS tools read it;
// an unreadable one (a directory, no permission) is empty too, and the log says why.
func (c *fileCache) readDisk(path string, kind awsfiles.FileKind, log *slog.Logger) *awsfiles.File {
	k := cacheKey{fileRef{path: path}, kind}
	info, statErr := os.Stat(path)
	e, cached := c.disk[k]
	if cached && !e.stale && sameStat(e, info, statErr) {
		e.gen = c.gen
		return e.file
	}
	f, err := awsfiles.ReadFile(kind, path)
	if err != nil {
		log.Warn("cannot read an AWS file; treating it as empty until it changes", "path", path, "error", err)
		f = awsfiles.Parse(kind, path, nil)
	}
	e = &cachedDisk{exists: statErr == nil, file: f, gen: c.gen}
	if statErr == nil {
		e.modTime, e.size = info.ModTime(), info.Size()
	}
	c.disk[k] = e
	return f
}

func sameStat(e *cachedDisk, info fs.FileInfo, err error) bool {
	if err != nil {
		return !e.exists && errors.Is(err, fs.ErrNotExist)
	}
	return e.exists && info.ModTime().Equal(e.modTime) && info.Size() == e.size
}

// changedOnDisk reports whether a file the last build read from disk has changed since: a stat per
// file, no read. The watcher's event can come late (a loaded machine, a client's watcher slow on files
// outside its workspace) or never; a command that acts on the files asks this first.
func (c *fileCache) changedOnDisk() bool {
	for k, e := range c.disk {
		info, err := os.Stat(k.ref.path)
		if e.stale || !sameStat(e, info, err) {
			return true
		}
	}
	return false
}

// invalidate makes the next build read path again.
func (c *fileCache) invalidate(path string) {
	for k, e := range c.disk {
		if k.ref.path == path {
			e.stale = true
		}
	}
}
