package handlers

import (
	"context"
	"errors"
	"path/filepath"
	"strings"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/internal/wire"
	"github.com/rolecall/rolecall/server"
	"github.com/rolecall/rolecall/sso"
)

// ssoCommands are the server's IAM Identity Center commands (rolecall-ls.sso.*): sign-in with its
// progress sent to the client, sign-out, the sessions of the config file, discovery, roles assumed
// without a profile, and generated profiles. One sso.Client serves them all, so that discovery is
// cached across calls; it shares the token cache with the AWS CLI and with the session store's own
// refreshes. Each command lives in its own commands_sso_<verb>.go file.
type ssoCommands struct {
	h      *Handlers
	store  *assume.Store
	client *sso.Client
}

// registerSSOCommands registers the rolecall-ls.sso.* commands (docs/commands.md, "IAM Identity Center").
func (h *Handlers) registerSSOCommands() {
	c := &ssoCommands{h: h, store: h.sessions.store, client: sso.New(sso.Options{CacheDir: ssoCacheDir(h)})}
	server.HandleCommand(h.srv, wire.CommandSSOLogin, c.login)       // commands_sso_login.go
	server.HandleCommand(h.srv, wire.CommandSSOLogout, c.logout)     // commands_sso_logout.go
	server.HandleCommand(h.srv, wire.CommandSSOSessions, c.sessions) // commands_sso_sessions.go
	server.HandleCommand(h.srv, wire.CommandSSOAccounts, c.accounts) // commands_sso_accounts.go
	server.HandleCommand(h.srv, wire.CommandSSOAssume, c.assume)     // commands_sso_assume.go
	server.HandleCommand(h.srv, wire.CommandSSOProfiles, c.profiles) // commands_sso_profiles.go
}

// ssoCacheDir is the token cache the AWS CLI uses under the server's home directory (the engine's
// setting when a test gave one).
func ssoCacheDir(h *Handlers) string {
	if h.opts.Assume.SSOCacheDir != "" {
		return h.opts.Assume.SSOCacheDir
	}
	if h.opts.Home == "" {
		return "" // the sso package's default
	}
	return filepath.Join(h.opts.Home, ".aws", "sso", "cache")
}

// session finds the sign-in a command names in the current snapshot (with unsaved editor changes):
// the [sso-session] name, the legacy profile, or, when both are "", the only [sso-session].
func (c *ssoCommands) session(ctx context.Context, name, profile string) (*awsfiles.Model, sso.Session, error) {
	m := c.h.freshSnapshot(ctx).main().Model
	env := c.h.opts.Env
	var s sso.Session
	var err error
	switch {
	case profile != "":
		s, err = sso.SessionOfProfile(m, profile, env)
	case name != "":
		s, err = sso.SessionNamed(m, name, env)
	default:
		s, err = sso.OnlySession(m, env)
	}
	return m, s, err
}

// ssoCommandError is the documented error of a failed IAM Identity Center command: RequestFailed with
// data.reason (an sso-* reason, or the engine's for an assume) and data.ssoSession, so that the editor
// can offer "Sign In" for sso-sign-in-required. A cancelled request stays a cancellation.
func ssoCommandError(err error) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	var choose *sso.ChooseSessionError
	if errors.As(err, &choose) {
		return server.NewError(server.CodeRequestFailed, "the config file has several sso-sessions ("+
			strings.Join(choose.Names, ", ")+"): name one with ssoSession").
			WithData(map[string]any{"reason": sso.ReasonConfig, "ssoSessions": choose.Names})
	}
	if _, _, ok := assume.ErrorData(err); ok {
		return commandError(err)
	}
	var e *sso.Error
	if errors.As(err, &e) {
		data := e.Data()
		data["reason"] = e.Reason
		return server.NewError(server.CodeRequestFailed, err.Error()).WithData(data)
	}
	return server.NewError(server.CodeRequestFailed, err.Error())
}

// addSSOData adds to an engine error's data the IAM Identity Center reason and session behind it
// (data.ssoReason, data.ssoSession): a role whose sign-in is over fails with source-credentials, and
// the editor offers to sign in to that session.
func addSSOData(err error, data map[string]any) {
	var e *sso.Error
	if !errors.As(err, &e) {
		return
	}
	data["ssoReason"] = e.Reason
	if e.Session != "" {
		data["ssoSession"] = e.Session
	}
}
