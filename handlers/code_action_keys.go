package handlers

import (
	"encoding/json"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
	"github.com/rolecall/rolecall/internal/wire"
)

// keychainActions offers "Move these keys to the keychain" on each plaintext-keys hint in the range: a
// code action with no edit and a command (rolecall-ls.keys.import), because the move is more than an
// edit: the keys must be in the keychain, read back, before the lines may go, and the file is written
// on disk under Rolecall's lock.
func keychainActions(pair *filePair, fs *fileState, rng protocol.Range) []protocol.CodeAction {
	var out []protocol.CodeAction
	for _, d := range pair.Diagnostics {
		if d.File != fs.File || d.Code != rules.CodePlaintextKeys || !touches(toRange(d.Range), rng) || fs.Path == "" {
			continue
		}
		profile := awsfiles.ProfileAt(d.File, d.Range.Start.Line)
		if profile == "" {
			continue
		}
		arg, err := json.Marshal(wire.KeysImportArgs{Profile: profile, CredentialsFile: fs.Path})
		if err != nil {
			continue
		}
		kind := protocol.CodeActionKindQuickFix
		title := "Move these keys to the keychain"
		out = append(out, protocol.CodeAction{Title: title, Kind: &kind,
			Diagnostics: []protocol.Diagnostic{toLSPDiagnostic(d, pair.uriOf)},
			Command:     protocol.Command{Title: title, Command: wire.CommandKeysImport, Arguments: []protocol.LSPAny{arg}}})
	}
	return out
}
