package handlers

import (
	"context"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/internal/wire"
)

// assume answers rolecall-ls.sso.assume {ssoSession|profile, accountId, roleName}: the role's
// credentials from the portal (GetRoleCredentials with the cached token, renewed first when needed),
// whether or not a profile names that role, held in the store as the session
// "<session>/<account>/<role>" and made the active one. From there it is a session like any other:
// status bar, expiry, auto-refresh, terminals, details.
//
// Its region is the sign-in's sso_region, and STS (asked who the credentials are) is reached where the
// profile the AWS tools would use (AWS_PROFILE, else default) says.
func (c *ssoCommands) assume(ctx context.Context, arg *wire.SSOAssumeArgs) (wire.SessionStatus, error) {
	m, s, err := c.session(ctx, arg.SSOSession, arg.Profile)
	if err != nil {
		return wire.SessionStatus{}, ssoCommandError(err)
	}
	env := c.h.opts.Env
	profile := "default"
	if v, ok := env("AWS_PROFILE"); ok && v != "" {
		profile = v
	}
	plan := assume.FromSSO(s, arg.AccountID, arg.RoleName, "", s.Region, m.ServiceEndpoint(m.Profile(profile), env, "sts"))
	st, err := c.store.Assume(ctx, plan, "")
	if err != nil {
		return wire.SessionStatus{}, ssoCommandError(err)
	}
	return wire.NewSessionStatus(st), nil
}
