package handlers

import (
	"context"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/internal/wire"
	"github.com/rolecall/rolecall/sso"
)

// sessions answers rolecall-ls.sso.sessions: every [sso-session] of the config file, then every legacy
// start URL (a profile with sso_start_url and no sso_session; one entry per URL), each with what the
// token cache says (signed in, expiry, renewable). It reads files only, never the network, so the
// editor may call it whenever it redraws.
func (c *ssoCommands) sessions(ctx context.Context, _ *wire.NoArgs) (wire.SSOSessions, error) {
	m := c.h.freshSnapshot(ctx).main().Model
	out := wire.SSOSessions{Sessions: []wire.SSOSession{}}
	for _, s := range configuredSessions(m, c.h.opts.Env) {
		st, _ := c.client.Status(s) // an unreadable cache file reads as signed out
		out.Sessions = append(out.Sessions, wire.NewSSOSession(s, st))
	}
	return out, nil
}

// configuredSessions lists the sign-ins the files configure, in file order: sessions that are not
// usable as written (no start URL, say) are listed too, so that the person sees them and, on sign-in,
// the message that says what to add.
func configuredSessions(m *awsfiles.Model, env awsfiles.Env) []sso.Session {
	var out []sso.Session
	for _, name := range sso.SessionNames(m) {
		s, _ := sso.SessionNamed(m, name, env)
		out = append(out, s)
	}
	seen := map[string]bool{}
	for _, p := range m.Profiles {
		url := p.Value("sso_start_url")
		if url == "" || p.Value("sso_session") != "" || seen[url] {
			continue
		}
		seen[url] = true
		s, _ := sso.SessionOfProfile(m, p.Name, env)
		out = append(out, s)
	}
	return out
}
