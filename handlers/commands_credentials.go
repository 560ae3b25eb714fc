package handlers

import (
	"context"

	"github.com/rolecall/rolecall/server"
)

// credentials answers rolecall-ls.credentials {profile?} (default: the active session) with the
// session's access key ID, secret access key and session token.
//
// SECRETS: this is the ONLY message of the server that carries secrets, so that the editor can put
// them into a terminal's environment (docs/commands.md says so, and editors must not log its result).
// Nothing else may return assume.SessionCredentials, and its result must never be logged here: the
// server logs no results, and SessionCredentials masks itself in fmt and slog output.
func (sc *sessionCommands) credentials(_ context.Context, cmd *server.Command) (any, error) {
	var arg struct {
		Profile string `json:"profile"`
	}
	if err := decodeArgument(cmd, &arg, `{"profile": "<name>"} (profile optional)`); err != nil {
		return nil, err
	}
	creds, err := sc.store.Credentials(arg.Profile)
	if err != nil {
		return nil, commandError(err)
	}
	return creds, nil
}
