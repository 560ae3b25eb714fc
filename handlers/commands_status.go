package handlers

import (
	"context"

	"github.com/rolecall/rolecall/internal/wire"
)

// status answers rolecall-ls.status {}: {"active": profile-or-null, "sessions": [...]}, every session
// as of now (states are computed at the moment of asking). It never calls STS and holds no secret.
func (sc *sessionCommands) status(context.Context, *wire.NoArgs) (wire.Status, error) {
	return wire.NewStatus(sc.store.Status()), nil
}
