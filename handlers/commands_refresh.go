package handlers

import (
	"context"

	"github.com/rolecall/rolecall/internal/wire"
)

// refresh answers rolecall-ls.refresh {profile?, mfaCode?}: it renews the session of profile (default:
// the active one) through STS, never the AWS CLI's cache, with the plan as the files say now. The
// result is the session's status. When the refresh fails the old credentials stay in use until they
// expire, the session's state is error, and the reply is the error.
func (sc *sessionCommands) refresh(ctx context.Context, arg *wire.RefreshArgs) (wire.SessionStatus, error) {
	name := arg.Profile
	if name == "" {
		name = sc.store.Status().Active
	}
	// The plan as the files say now (snapshotChanged keeps it current; this covers a profile whose
	// session was assumed before an edit that broke and then fixed it). A broken profile keeps the plan
	// it was assumed with.
	if plan, err := sc.planFor(ctx, name); name != "" && err == nil {
		sc.store.SetPlan(plan)
	}
	st, err := sc.store.Refresh(ctx, arg.Profile, arg.MFACode)
	if err != nil {
		return wire.SessionStatus{}, commandError(err)
	}
	return wire.NewSessionStatus(st), nil
}
