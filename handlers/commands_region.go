package handlers

import (
	"context"

	"github.com/rolecall/rolecall/internal/wire"
)

// region answers rolecall-ls.region {profile?, region}: the session of profile (default: the active
// one) works in region from now on ("" = the profile's own region again). The store keeps the choice
// for as long as it holds the profile (assume.Store.SetRegion): the status, the credentials (so the
// terminals' AWS_REGION) and the console report it; STS calls stay in the profile's region, so no new
// session is needed. The result is the session's status.
func (sc *sessionCommands) region(_ context.Context, arg *wire.RegionArgs) (wire.SessionStatus, error) {
	st, err := sc.store.SetRegion(arg.Profile, arg.Region)
	if err != nil {
		return wire.SessionStatus{}, commandError(err)
	}
	return wire.NewSessionStatus(st), nil
}
