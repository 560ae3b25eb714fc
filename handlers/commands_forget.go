package handlers

import (
	"context"

	"github.com/rolecall/rolecall/server"
)

// forget answers rolecall-ls.forget {profile?}: it drops the session of profile (default: the active
// one) from memory; the AWS CLI's cache is left alone. The result is the store's status, as
// rolecall-ls.status gives it.
func (sc *sessionCommands) forget(_ context.Context, cmd *server.Command) (any, error) {
	var arg struct {
		Profile string `json:"profile"`
	}
	if err := decodeArgument(cmd, &arg, `{"profile": "<name>"} (profile optional)`); err != nil {
		return nil, err
	}
	st, err := sc.store.Forget(arg.Profile)
	if err != nil {
		return nil, commandError(err)
	}
	return st, nil
}
