package handlers

import (
	"context"

	"go.lsp.dev/protocol"
)

// maxFoldingRanges bounds the folding ranges of one document, in file order: VS Code keeps no more
// (editor.foldingMaximumRegions), and a 10 MB file would otherwise answer with hundreds of thousands.
const maxFoldingRanges = 5000

// foldingRange folds each section from its header to its last non-blank line, and each nested block
// (s3 = …, a service block) from its opening key to its last line.
func (h *Handlers) foldingRange(ctx context.Context, p *protocol.FoldingRangeParams) ([]protocol.FoldingRange, error) {
	out := []protocol.FoldingRange{}
	_, fs, ok := h.snapshot().document(p.TextDocument.URI)
	if !ok {
		return out, nil
	}
	for _, sec := range fs.File.Sections {
		if len(out) >= maxFoldingRanges {
			return out[:maxFoldingRanges], nil
		}
		if sec.Header == nil {
			continue
		}
		if end := sec.Range().End.Line; end > sec.Header.Num() {
			out = append(out, protocol.FoldingRange{StartLine: uint32(sec.Header.Num()), EndLine: uint32(end),
				Kind: protocol.FoldingRangeKindRegion})
		}
		for _, e := range sec.Entries {
			if n := len(e.Sub()); n > 0 {
				out = append(out, protocol.FoldingRange{StartLine: uint32(e.Line.Num()), EndLine: uint32(e.Sub()[n-1].Line.Num()),
					Kind: protocol.FoldingRangeKindRegion})
			}
		}
	}
	return out[:min(len(out), maxFoldingRanges)], nil
}
