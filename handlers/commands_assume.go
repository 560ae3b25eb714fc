package handlers

import (
	"context"

	"github.com/rolecall/rolecall/server"
)

// assume answers rolecall-ls.assume {profile, mfaCode?}: it builds the profile's plan from the current
// snapshot, gets credentials (a live session, the AWS CLI's cache, or STS) and makes the session the
// active one. The result is the session's status; an MFA code that is needed and missing is the error
// reason mfa-required with the device's mfaSerial, and the client calls again with mfaCode.
//
// The server runs every request on its own goroutine and nothing here holds a lock across the STS
// call, so a slow STS (or a user typing a code) never blocks edits, hovers or other commands.
func (sc *sessionCommands) assume(ctx context.Context, cmd *server.Command) (any, error) {
	var arg profileArgument
	if err := decodeArgument(cmd, &arg, `{"profile": "<name>", "mfaCode": "123456"} (mfaCode optional)`); err != nil {
		return nil, err
	}
	if arg.Profile == "" {
		return nil, server.NewError(server.CodeRequestFailed, CommandAssume+` needs the profile to assume: {"profile": "<name>"}`).
			WithData(map[string]any{"reason": ReasonInvalidArgument})
	}
	plan, err := sc.planFor(arg.Profile)
	if err != nil {
		return nil, commandError(err)
	}
	st, err := sc.store.Assume(ctx, plan, arg.MFACode)
	if err != nil {
		return nil, commandError(err)
	}
	return st, nil
}
