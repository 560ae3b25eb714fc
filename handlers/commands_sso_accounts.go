package handlers

import (
	"context"

	"github.com/rolecall/rolecall/internal/wire"
)

// accounts answers rolecall-ls.sso.accounts {ssoSession|profile, refresh?}: the accounts of the
// sign-in and the roles in each (discovery, every page). The answer is kept for a few minutes and
// shared by callers meanwhile, so the editor's picker opens from it at once; refresh asks the portal
// again. Without a sign-in the error reason is sso-sign-in-required.
func (c *ssoCommands) accounts(ctx context.Context, arg *wire.SSOAccountsArgs) (wire.SSOAccounts, error) {
	_, s, err := c.session(ctx, arg.SSOSession, arg.Profile)
	if err != nil {
		return wire.SSOAccounts{}, ssoCommandError(err)
	}
	dir, err := c.client.Accounts(ctx, s, arg.Refresh)
	if err != nil {
		return wire.SSOAccounts{}, ssoCommandError(err)
	}
	return wire.NewSSOAccounts(dir), nil
}
