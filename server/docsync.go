package server

import (
	"context"
	"fmt"
	"path"

	"go.lsp.dev/protocol"
)

// The text synchronization handlers run on the notification queue, one at a time, so the store needs no
// lock: each builds a new snapshot from the current one and publishes it atomically.

func (s *Server) didOpen(ctx context.Context, r *request) error {
	p, err := decodeParams[protocol.DidOpenTextDocumentParams](r)
	if err != nil {
		return err
	}
	td := p.TextDocument
	delete(s.outOfSync, td.URI)
	doc := Document{URI: td.URI, LanguageID: string(td.LanguageID), Version: td.Version, Text: td.Text}
	s.docs.Store(s.Documents().with(doc))
	s.log.Debug("document opened", "uri", td.URI, "version", td.Version, "bytes", len(td.Text))
	return s.documentEvent(ctx, DocumentOpened, td.URI)
}

func (s *Server) didChange(ctx context.Context, r *request) error {
	p, err := decodeParams[protocol.DidChangeTextDocumentParams](r)
	if err != nil {
		return err
	}
	u, version := p.TextDocument.URI, p.TextDocument.Version
	doc, ok := s.Documents().Get(u)
	if !ok {
		return s.resync(ctx, u, version, p.ContentChanges)
	}
	if version <= doc.Version {
		s.log.Warn("ignored a stale didChange", "uri", u, "version", version, "current", doc.Version)
		return nil
	}
	text, err := applyChanges(doc.Text, p.ContentChanges)
	if err != nil {
		return s.lostSync(ctx, doc, version, err)
	}
	doc.Text, doc.Version = text, version
	s.docs.Store(s.Documents().with(doc))
	s.log.Debug("document changed", "uri", u, "version", version, "changes", len(p.ContentChanges))
	return s.documentEvent(ctx, DocumentChanged, u)
}

// lostSync handles a change that cannot be applied. From then on the server's copy differs from the
// editor's, and every later incremental change would apply to the wrong text, so the document is
// treated as closed (the handlers fall back to the file on disk, or clear its diagnostics) until the
// editor sends its whole text again: reopening the file, or a change with the whole document. The user
// is told, since a notification has no reply to carry the error.
func (s *Server) lostSync(ctx context.Context, doc Document, version int32, cause error) error {
	s.docs.Store(s.Documents().without(doc.URI))
	s.outOfSync[doc.URI] = doc.LanguageID
	msg := fmt.Sprintf("%s is out of sync with the editor: close and reopen it to check it again. "+
		"The editor's change to version %d could not be applied: %v.", path.Base(string(doc.URI)), version, cause)
	if err := s.Notify(ctx, protocol.MethodWindowShowMessage,
		&protocol.ShowMessageParams{Type: protocol.MessageTypeError, Message: msg}); err != nil {
		s.log.Warn("could not tell the client that a document is out of sync", "error", err)
	}
	s.log.Warn("a document is out of sync; it is treated as closed until the editor sends its whole text",
		"uri", doc.URI, "version", version, "error", cause)
	return s.documentEvent(ctx, DocumentClosed, doc.URI)
}

// resync takes back a document that lostSync dropped, when a change carries its whole text.
func (s *Server) resync(ctx context.Context, u URI, version int32, changes []protocol.TextDocumentContentChangeEvent) error {
	lang, lost := s.outOfSync[u]
	if !lost {
		return fmt.Errorf("ignored didChange for %s, which is not open (the editor must send didOpen first)", u)
	}
	whole := -1
	for i, ch := range changes {
		if _, ok := ch.(*protocol.TextDocumentContentChangeWholeDocument); ok {
			whole = i
		}
	}
	if whole < 0 {
		s.log.Debug("ignored a change to a document that is out of sync", "uri", u, "version", version)
		return nil
	}
	text, err := applyChanges("", changes[whole:])
	if err != nil {
		s.log.Debug("ignored a change to a document that is out of sync", "uri", u, "version", version, "error", err)
		return nil
	}
	delete(s.outOfSync, u)
	s.docs.Store(s.Documents().with(Document{URI: u, LanguageID: lang, Version: version, Text: text}))
	s.log.Info("a document that was out of sync has its whole text again", "uri", u, "version", version)
	return s.documentEvent(ctx, DocumentOpened, u)
}

func (s *Server) didSave(ctx context.Context, r *request) error {
	p, err := decodeParams[protocol.DidSaveTextDocumentParams](r)
	if err != nil {
		return err
	}
	u := p.TextDocument.URI
	if doc, ok := s.Documents().Get(u); ok && p.Text != nil && *p.Text != doc.Text {
		// We ask for no text on save; a client that sends it anyway knows best.
		doc.Text = *p.Text
		s.docs.Store(s.Documents().with(doc))
	}
	s.log.Debug("document saved", "uri", u)
	return s.documentEvent(ctx, DocumentSaved, u)
}

func (s *Server) didClose(ctx context.Context, r *request) error {
	p, err := decodeParams[protocol.DidCloseTextDocumentParams](r)
	if err != nil {
		return err
	}
	u := p.TextDocument.URI
	if _, lost := s.outOfSync[u]; lost {
		delete(s.outOfSync, u)
		return nil // already treated as closed
	}
	if _, ok := s.Documents().Get(u); !ok {
		return fmt.Errorf("ignored didClose for %s, which is not open", u)
	}
	s.docs.Store(s.Documents().without(u))
	s.log.Debug("document closed", "uri", u)
	return s.documentEvent(ctx, DocumentClosed, u)
}

// documentEvent calls the OnDocumentChange hook with the snapshot the event produced.
func (s *Server) documentEvent(ctx context.Context, kind DocumentEventKind, u URI) error {
	if s.onDocumentChange == nil {
		return nil
	}
	return s.onDocumentChange(ctx, DocumentEvent{Kind: kind, URI: u, Documents: s.Documents()})
}
