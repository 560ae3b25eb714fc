package handlers

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/server"
)

// didChangeWatchedFiles re-reads the files the client saw change on disk. Open documents keep
// overriding the disk, so only files that are not open can change what is published.
func (h *Handlers) didChangeWatchedFiles(ctx context.Context, p *protocol.DidChangeWatchedFilesParams) error {
	var paths []string
	for _, ch := range p.Changes {
		if path, ok := server.FilePath(ch.URI); ok {
			paths = append(paths, cleanPath(path))
		}
	}
	if len(paths) > 0 {
		h.diskChanged(ctx, paths)
	}
	return nil
}
