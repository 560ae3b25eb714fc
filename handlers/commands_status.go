package handlers

import (
	"context"

	"github.com/rolecall/rolecall/server"
)

// status answers rolecall-ls.status {}: {"active": profile-or-null, "sessions": [...]}, every session
// as of now (states are computed at the moment of asking). It never calls STS and holds no secret.
func (sc *sessionCommands) status(_ context.Context, cmd *server.Command) (any, error) {
	var arg struct{}
	if err := decodeArgument(cmd, &arg, "{}"); err != nil {
		return nil, err
	}
	return sc.store.Status(), nil
}
