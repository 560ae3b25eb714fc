package handlers

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
)

// assumeRoleCommand is the editor command a code lens runs. It belongs to the VS Code extension (which
// asks the server through rolecall-ls.assume), so the server does not advertise it.
const assumeRoleCommand = "rolecall.assumeRole"

// codeLens puts "Assume role" (or "Assume role (MFA)" when a role on the chain needs an MFA code) above
// each header of a profile that can be assumed: a profile with role_arn whose source chain ends in
// credentials. The lens runs rolecall.assumeRole with the profile name as its only argument.
func (h *Handlers) codeLens(ctx context.Context, p *protocol.CodeLensParams) ([]protocol.CodeLens, error) {
	out := []protocol.CodeLens{}
	pair, fs, ok := h.snapshot().document(p.TextDocument.URI)
	if !ok {
		return out, nil
	}
	m := pair.Model
	for _, sec := range fs.File.Sections {
		if sec.Header == nil || sec.Head.Type != awsfiles.SectionProfile {
			continue
		}
		prof := m.Profile(sec.Head.Name)
		if prof == nil || prof.Kind() != awsfiles.KindAssumeRole || prof.SectionIn(fs.Kind) != sec {
			continue // one lens per profile and file, on its first section there
		}
		ch := m.Chain(prof)
		if !ch.OK() {
			continue
		}
		arg, err := json.Marshal(prof.Name)
		if err != nil {
			continue
		}
		out = append(out, protocol.CodeLens{
			Range:   toRange(sec.HeaderRange()),
			Command: protocol.Command{Title: lensTitle(ch), Command: assumeRoleCommand, Arguments: []protocol.LSPAny{arg}},
		})
	}
	return out, nil
}

func lensTitle(ch *awsfiles.Chain) string {
	for _, r := range ch.Roles {
		if r.Value("mfa_serial") != "" {
			return "Assume role (MFA)"
		}
	}
	return "Assume role"
}
