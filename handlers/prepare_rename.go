package handlers

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/server"
)

// errNotRenamable answers prepareRename and rename anywhere but on a profile (or sso-session) name.
var errNotRenamable = server.NewError(server.CodeRequestFailed,
	"only a profile name can be renamed here: put the cursor on the name in a [profile …] header, a credentials-file [name] header or a source_profile value")

// prepareRename accepts a profile name (in a config [profile x] header, a credentials [x] header or a
// source_profile value) and an sso-session name, and answers with its range and the name itself as the
// placeholder. Anything else is refused with errNotRenamable.
func (h *Handlers) prepareRename(ctx context.Context, p *protocol.PrepareRenameParams) (protocol.PrepareRenameResult, error) {
	s, ok := h.spotAt(p.TextDocument.URI, p.Position)
	if !ok {
		return nil, errNotRenamable
	}
	ref, span, err := renameTarget(s)
	if err != nil {
		return nil, err
	}
	return &protocol.PrepareRenamePlaceholder{Range: toRange(s.file.RangeOf(span)), Placeholder: ref.name}, nil
}

// renameTarget is the name under the cursor that a rename would change, with its span in this file.
func renameTarget(s spot) (nameRef, awsfiles.Span, error) {
	ref, ok := referenceAt(s)
	if !ok || ref.name == "" {
		return nameRef{}, awsfiles.Span{}, errNotRenamable
	}
	if ref.kind == awsfiles.ValueProfileRef && ref.name == "default" {
		return nameRef{}, awsfiles.Span{}, server.NewError(server.CodeRequestFailed,
			"the default profile cannot be renamed: the AWS tools use it whenever no profile is named; copy its settings into a new profile instead")
	}
	if len(ref.declarations(s.pair.Model)) == 0 {
		return nameRef{}, awsfiles.Span{}, server.Errorf(server.CodeRequestFailed,
			"no profile named %q exists, so there is nothing to rename; fix the name instead", ref.name)
	}
	if s.token == tokenHeaderName {
		return ref, s.section.NameSpan(), nil
	}
	return ref, valueSpan(s.entry), nil
}
