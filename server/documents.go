package server

import (
	"maps"
	"slices"
	"strings"
)

// Document is one open text document as the editor last described it. It is a value: copying it is cheap
// (the text is a string) and nobody can change it.
type Document struct {
	URI        URI
	LanguageID string
	// Version is the editor's version number (VS Code starts at 1, Neovim at 0); it increases with every
	// change, and a didChange whose version is not higher than this one is ignored as stale.
	Version int32
	Text    string
}

// Documents is an immutable snapshot of the open documents. Every open, change, close or save makes a new
// snapshot; one already handed out never changes, so it is safe to read from any goroutine without locks.
type Documents struct {
	byURI map[URI]Document
}

var noDocuments = &Documents{byURI: map[URI]Document{}}

// Get returns the open document with exactly this URI (as the editor sent it).
func (d *Documents) Get(uri URI) (Document, bool) {
	doc, ok := d.byURI[uri]
	return doc, ok
}

// All returns the open documents sorted by URI.
func (d *Documents) All() []Document {
	docs := slices.Collect(maps.Values(d.byURI))
	slices.SortFunc(docs, func(a, b Document) int { return strings.Compare(string(a.URI), string(b.URI)) })
	return docs
}

// with returns a new snapshot with doc added or replaced.
func (d *Documents) with(doc Document) *Documents {
	m := maps.Clone(d.byURI)
	m[doc.URI] = doc
	return &Documents{byURI: m}
}

// without returns a new snapshot with uri removed.
func (d *Documents) without(uri URI) *Documents {
	m := maps.Clone(d.byURI)
	delete(m, uri)
	return &Documents{byURI: m}
}

// DocumentEventKind says what happened to a document.
type DocumentEventKind int

// The document events, one per text synchronization notification.
const (
	DocumentOpened DocumentEventKind = iota + 1
	DocumentChanged
	DocumentSaved
	DocumentClosed
)

func (k DocumentEventKind) String() string {
	switch k {
	case DocumentOpened:
		return "opened"
	case DocumentChanged:
		return "changed"
	case DocumentSaved:
		return "saved"
	case DocumentClosed:
		return "closed"
	}
	return "unknown"
}

// DocumentEvent is passed to the OnDocumentChange hook after the store has applied an event.
type DocumentEvent struct {
	Kind DocumentEventKind
	URI  URI
	// Documents is the snapshot right after the event (a closed document is no longer in it).
	Documents *Documents
}
