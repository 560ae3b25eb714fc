package handlers

import (
	"context"

	"github.com/rolecall/rolecall/internal/wire"
	"github.com/rolecall/rolecall/sso"
)

// login answers rolecall-ls.sso.login {ssoSession?|profile?, useDeviceCode?, id?}: it signs in with the
// engine and sends each step to the client as rolecall/ssoProgress (the page to open, and in the
// device code flow the code to confirm). The server never opens a browser: the editor may run on
// another machine than the server, so the client opens the page where the person is. Cancelling the
// request ($/cancelRequest) stops the sign-in; nothing is written unless it succeeded.
//
// The authorization code flow listens on the server's loopback interface, so a client whose browser
// is not on the server's machine asks for the device code flow.
func (c *ssoCommands) login(ctx context.Context, arg *wire.SSOLoginArgs) (wire.SSOSession, error) {
	_, s, err := c.session(ctx, arg.SSOSession, arg.Profile)
	if err != nil {
		return wire.SSOSession{}, ssoCommandError(err)
	}
	id := arg.ID
	if id == "" {
		id = s.Label()
	}
	st, err := c.client.Login(ctx, s, sso.LoginOptions{UseDeviceCode: arg.UseDeviceCode, Events: func(e sso.Event) {
		// A background context: the step must reach the client even while the request is being cancelled.
		if err := c.h.srv.Notify(context.Background(), wire.SSOProgressNotification, wire.NewSSOProgress(id, e)); err != nil {
			c.h.log.Debug("could not send a sign-in step", "error", err)
		}
	}})
	if err != nil {
		return wire.SSOSession{}, ssoCommandError(err)
	}
	c.retrySignedOutSessions(s)
	return wire.NewSSOSession(s, st), nil
}

// retrySignedOutSessions refreshes, in the background, the held sessions of this sign-in whose last
// refresh failed (their sign-in had ended): signing in again is what the user did to fix them.
func (c *ssoCommands) retrySignedOutSessions(s sso.Session) {
	for _, st := range c.store.Status().Sessions {
		if st.SSO != nil && st.SSO.Label() == s.Label() && st.Error != "" {
			go func(profile string) {
				if _, err := c.store.Refresh(context.Background(), profile, ""); err != nil {
					c.h.log.Debug("a session still fails after the sign-in", "profile", profile, "error", err)
				}
			}(st.Profile)
		}
	}
}
