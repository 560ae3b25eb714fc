package handlers

import (
	"context"

	"github.com/rolecall/rolecall/internal/wire"
)

// logout answers rolecall-ls.sso.logout {ssoSession|profile}: the portal ends the Identity Center
// session, its token file is removed (other sessions and the AWS CLI's client registration stay), and,
// like `aws sso logout`, the role sessions obtained through it leave the store. The result is the
// session as it now stands (signedIn false).
func (c *ssoCommands) logout(ctx context.Context, arg *wire.SSOTarget) (wire.SSOSession, error) {
	_, s, err := c.session(ctx, arg.SSOSession, arg.Profile)
	if err != nil {
		return wire.SSOSession{}, ssoCommandError(err)
	}
	logoutErr := c.client.Logout(ctx, s)
	for _, st := range c.store.Status().Sessions {
		if st.SSO != nil && st.SSO.Label() == s.Label() {
			_, _ = c.store.Forget(st.Profile) // gone meanwhile is fine
		}
	}
	if logoutErr != nil {
		return wire.SSOSession{}, ssoCommandError(logoutErr)
	}
	st, _ := c.client.Status(s)
	return wire.NewSSOSession(s, st), nil
}
