package handlers

import (
	"context"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/server"
)

// rename renames a profile everywhere at once: its header in both files ([profile x] in config, [x] in
// credentials) and every key naming it (source_profile, and other tools' profile keys), as one
// WorkspaceEdit. An sso-session is renamed with its sso_session references the same way. The new name is
// refused when it is empty, holds characters the AWS tools read differently, is "default", or is taken.
func (h *Handlers) rename(ctx context.Context, p *protocol.RenameParams) (*protocol.WorkspaceEdit, error) {
	s, ok := h.spotAt(p.TextDocument.URI, p.Position)
	if !ok {
		return nil, errNotRenamable
	}
	ref, _, err := renameTarget(s)
	if err != nil {
		return nil, err
	}
	newName := p.NewName
	if newName == ref.name {
		return &protocol.WorkspaceEdit{}, nil
	}
	if err := checkNewName(s.pair.Model, ref, newName); err != nil {
		return nil, err
	}
	b := newEditBuilder(s.pair)
	for _, sec := range ref.declarations(s.pair.Model) {
		b.add(sec.File, sec.NameSpan(), newName)
	}
	for _, e := range ref.uses(s.pair) {
		b.add(e.Section.File, valueSpan(e), newName)
	}
	return b.workspaceEdit(h.client.Load().documentChanges), nil
}

// checkNewName says why a new name cannot be used, or returns nil.
func checkNewName(m *awsfiles.Model, ref nameRef, name string) error {
	what, exists := "profile", m.Profile(name) != nil
	if ref.kind == awsfiles.ValueSessionRef {
		what, exists = "sso-session", m.SSOSession(name) != nil
	}
	switch {
	case strings.TrimSpace(name) == "":
		return server.Errorf(server.CodeInvalidParams, "the new %s name is empty; type a name", what)
	case strings.ContainsAny(name, " \t\r\n[]#;\"'="):
		return server.Errorf(server.CodeInvalidParams,
			"%q cannot be a %s name: spaces, brackets, quotes, '=', '#' and ';' are read differently by the AWS tools; use letters, digits, '-', '_' or '.'",
			name, what)
	case ref.kind == awsfiles.ValueProfileRef && strings.EqualFold(name, "default"):
		return server.Errorf(server.CodeInvalidParams,
			"a profile cannot be renamed to %q: the AWS tools use the default profile whenever no profile is named, so this would change which credentials every tool picks up; choose another name", name)
	case exists:
		return server.Errorf(server.CodeInvalidParams, "a %s named %q already exists; choose another name", what, name)
	}
	return nil
}
