package handlers

import (
	"context"

	"github.com/rolecall/rolecall/internal/wire"
)

// forget answers rolecall-ls.forget {profile?} or {all: true}: it drops the session of profile
// (default: the active one), or every session, from memory; the AWS CLI's cache is left alone. The
// result is the store's status, as rolecall-ls.status gives it.
func (sc *sessionCommands) forget(_ context.Context, arg *wire.ForgetArgs) (wire.Status, error) {
	if arg.All {
		return wire.NewStatus(sc.store.ForgetAll()), nil
	}
	st, err := sc.store.Forget(arg.Profile)
	if err != nil {
		return wire.Status{}, commandError(err)
	}
	return wire.NewStatus(st), nil
}
