package handlers

import (
	"cmp"
	"slices"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/server"
)

// editBuilder collects byte edits to the files of one pair and turns them into one LSP WorkspaceEdit,
// with ranges in UTF-16 code units.
type editBuilder struct {
	pair  *filePair
	order []*fileState
	edits map[*fileState][]protocol.TextEdit
}

func newEditBuilder(p *filePair) *editBuilder {
	return &editBuilder{pair: p, edits: map[*fileState][]protocol.TextEdit{}}
}

// add records an edit; it reports false for a file that is not part of the pair.
func (b *editBuilder) add(f *awsfiles.File, span awsfiles.Span, text string) bool {
	fs := b.pair.stateOf(f)
	if fs == nil {
		return false
	}
	if _, seen := b.edits[fs]; !seen {
		b.order = append(b.order, fs)
	}
	b.edits[fs] = append(b.edits[fs], protocol.TextEdit{Range: toRange(f.RangeOf(span)), NewText: text})
	return true
}

// empty reports whether no edit was recorded.
func (b *editBuilder) empty() bool { return len(b.order) == 0 }

// workspaceEdit is the edits as one WorkspaceEdit: documentChanges (with the version of each open
// document, null for a file that is not open) when the client supports them, else changes by URI.
func (b *editBuilder) workspaceEdit(documentChanges bool) *protocol.WorkspaceEdit {
	we := &protocol.WorkspaceEdit{}
	for _, fs := range b.order {
		edits := b.edits[fs]
		slices.SortStableFunc(edits, func(x, y protocol.TextEdit) int {
			return cmp.Or(cmp.Compare(x.Range.Start.Line, y.Range.Start.Line),
				cmp.Compare(x.Range.Start.Character, y.Range.Start.Character))
		})
		if !documentChanges {
			if we.Changes == nil {
				we.Changes = map[server.URI][]protocol.TextEdit{}
			}
			we.Changes[fs.URI] = edits
			continue
		}
		tde := &protocol.TextDocumentEdit{}
		tde.TextDocument.URI = fs.URI
		if fs.Open {
			v := fs.Version
			tde.TextDocument.Version = &v
		}
		for i := range edits {
			tde.Edits = append(tde.Edits, &edits[i])
		}
		we.DocumentChanges = append(we.DocumentChanges, tde)
	}
	return we
}
