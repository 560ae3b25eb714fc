package handlers

import (
	"context"

	"github.com/rolecall/rolecall/internal/wire"
)

// assume answers rolecall-ls.assume {profile, mfaCode?}: it builds the profile's plan from the current
// snapshot, gets credentials (a live session, the AWS CLI's cache, or STS) and makes the session the
// active one. The result is the session's status; an MFA code that is needed and missing is the error
// reason mfa-required with the device's mfaSerial, and the client calls again with mfaCode.
//
// The server runs every request on its own goroutine and nothing here holds a lock across the STS
// call, so a slow STS (or a user typing a code) never blocks edits, hovers or other commands.
func (sc *sessionCommands) assume(ctx context.Context, arg *wire.AssumeArgs) (wire.SessionStatus, error) {
	plan, err := sc.planFor(ctx, arg.Profile)
	if err != nil {
		return wire.SessionStatus{}, commandError(err)
	}
	st, err := sc.store.Assume(ctx, plan, arg.MFACode)
	if err != nil {
		return wire.SessionStatus{}, commandError(err)
	}
	return wire.NewSessionStatus(st), nil
}
