package handlers

import (
	"context"

	"github.com/rolecall/rolecall/internal/wire"
)

// credentials answers rolecall-ls.credentials {profile?} (default: the active session) with the
// session's access key ID, secret access key and session token.
//
// SECRETS: this is one of the three messages of the server that carry secrets (with
// rolecall-ls.endpoint and rolecall-ls.console), so that the editor can put them into a terminal's
// environment (docs/commands.md says so, and editors must not log its result).
// Nothing else may return wire.Credentials, and its result must never be logged here: the server logs
// no results, and wire.Credentials masks itself in fmt and slog output.
func (sc *sessionCommands) credentials(_ context.Context, arg *wire.ProfileArgs) (wire.Credentials, error) {
	creds, err := sc.store.Credentials(arg.Profile)
	if err != nil {
		return wire.Credentials{}, commandError(err)
	}
	return wire.NewCredentials(creds), nil
}
