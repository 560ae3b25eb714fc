package server

import (
	"context"
	"fmt"

	"go.lsp.dev/protocol"
)

// The text synchronization handlers run on the notification queue, one at a time, so the store needs no
// lock: each builds a new snapshot from the current one and publishes it atomically.

func (s *Server) didOpen(ctx context.Context, r *Request) error {
	p, err := DecodeParams[protocol.DidOpenTextDocumentParams](r)
	if err != nil {
		return err
	}
	td := p.TextDocument
	doc := Document{URI: td.URI, LanguageID: string(td.LanguageID), Version: td.Version, Text: td.Text}
	s.docs.Store(s.Documents().with(doc))
	s.log.Debug("document opened", "uri", td.URI, "version", td.Version, "bytes", len(td.Text))
	return s.documentEvent(ctx, DocumentOpened, td.URI)
}

func (s *Server) didChange(ctx context.Context, r *Request) error {
	p, err := DecodeParams[protocol.DidChangeTextDocumentParams](r)
	if err != nil {
		return err
	}
	u, version := p.TextDocument.URI, p.TextDocument.Version
	doc, ok := s.Documents().Get(u)
	if !ok {
		return fmt.Errorf("ignored didChange for %s, which is not open (the editor must send didOpen first)", u)
	}
	if version <= doc.Version {
		s.log.Warn("ignored a stale didChange", "uri", u, "version", version, "current", doc.Version)
		return nil
	}
	text, err := applyChanges(doc.Text, p.ContentChanges)
	if err != nil {
		return fmt.Errorf("ignored didChange for %s version %d: %w; the server's copy may now differ from the editor's, reopen the file", u, version, err)
	}
	doc.Text, doc.Version = text, version
	s.docs.Store(s.Documents().with(doc))
	s.log.Debug("document changed", "uri", u, "version", version, "changes", len(p.ContentChanges))
	return s.documentEvent(ctx, DocumentChanged, u)
}

func (s *Server) didSave(ctx context.Context, r *Request) error {
	p, err := DecodeParams[protocol.DidSaveTextDocumentParams](r)
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

func (s *Server) didClose(ctx context.Context, r *Request) error {
	p, err := DecodeParams[protocol.DidCloseTextDocumentParams](r)
	if err != nil {
		return err
	}
	u := p.TextDocument.URI
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
