package handlers

import (
	"context"
	"strings"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
	"github.com/rolecall/rolecall/internal/wire"
	"github.com/rolecall/rolecall/server"
)

// profiles lists the accounts and roles of the current snapshot's main pair, for the editor's pickers.
func (sc *sessionCommands) profiles(ctx context.Context, _ *wire.NoArgs) (wire.Profiles, error) {
	pair := sc.h.freshSnapshot(ctx).main()
	return listProfiles(pair.Model, pair.Diagnostics, pair.uriOf), nil
}

func listProfiles(m *awsfiles.Model, diags []rules.Diagnostic, uriOf func(*awsfiles.File) server.URI) wire.Profiles {
	out := wire.Profiles{Accounts: []wire.AccountProfile{}, Roles: []wire.RoleProfile{}}
	chains := map[*awsfiles.Profile]*awsfiles.Chain{}
	sourceKind := map[*awsfiles.Profile]awsfiles.ProfileKind{} // the profiles where some chain starts
	for _, p := range m.Profiles {
		c := m.Chain(p)
		chains[p] = c
		if last := c.Last(); c.OK() {
			if _, seen := sourceKind[last]; !seen {
				sourceKind[last] = c.Source
			}
		}
	}
	for _, p := range m.Profiles {
		if kind, ok := sourceKind[p]; ok {
			a := accountOf(p, kind)
			a.DefinedAt = placesOf(p, uriOf)
			out.Accounts = append(out.Accounts, a)
		}
		if p.Has("role_arn") {
			r := roleOf(m, p, chains[p], diags)
			r.DefinedAt = placesOf(p, uriOf)
			out.Roles = append(out.Roles, r)
		}
	}
	return out
}

// accountOf describes a profile that starts chains. Its account ID is known when the files name it:
// sso_account_id, the role of a web identity, or the account of its mfa_serial.
func accountOf(p *awsfiles.Profile, kind awsfiles.ProfileKind) wire.AccountProfile {
	a := wire.AccountProfile{Profile: p.Name, Kind: kind.String(), Region: nonEmpty(p.Value("region")), MFASerial: nonEmpty(p.Value("mfa_serial"))}
	switch {
	case kind == awsfiles.KindSSO:
		a.AccountID = nonEmpty(p.Value("sso_account_id"))
	case kind == awsfiles.KindWebIdentity:
		a.AccountID = nonEmpty(arnAccount(p.Value("role_arn")))
	}
	if a.AccountID == nil {
		a.AccountID = nonEmpty(arnAccount(p.Value("mfa_serial")))
	}
	return a
}

// roleOf describes a role profile. It is valid when assume would take it: its chain ends in credentials,
// no error-severity diagnostic stands anywhere on the chain, and every duration_seconds on it can be read.
func roleOf(m *awsfiles.Model, p *awsfiles.Profile, c *awsfiles.Chain, diags []rules.Diagnostic) wire.RoleProfile {
	r := wire.RoleProfile{Profile: p.Name, RoleArn: p.Value("role_arn"), AccountID: nonEmpty(arnAccount(p.Value("role_arn"))),
		Region: nonEmpty(p.Value("region")), Chain: c.Names(), Errors: errorsIn(diags, p)}
	r.Valid = c.OK() && r.Errors == 0 && assume.ChainError(m, c, diags) == nil
	if c.OK() {
		r.SourceAccount = &c.Last().Name
	}
	for _, hop := range c.Roles { // the profile itself first: its own mfa_serial is the one people think of
		if serial := hop.Value("mfa_serial"); serial != "" && r.MFASerial == nil {
			r.MFASerial = &serial
		}
		if !durationReadable(hop.Value("duration_seconds")) {
			r.Valid = false
		}
	}
	if r.MFASerial == nil {
		r.MFASerial = nonEmpty(p.Value("mfa_serial"))
	}
	r.DurationSeconds = durationOf(p.Value("duration_seconds"))
	return r
}

// errorsIn counts the error-severity diagnostics that start in one of p's sections, for the picker's
// "1 error".
func errorsIn(diags []rules.Diagnostic, p *awsfiles.Profile) int {
	n := 0
	for i := range diags {
		if diags[i].Severity == rules.SeverityError && diags[i].In(p) {
			n++
		}
	}
	return n
}

// placesOf lists the header lines of p's sections, in the model's order (config first).
func placesOf(p *awsfiles.Profile, uriOf func(*awsfiles.File) server.URI) []wire.Place {
	out := []wire.Place{}
	for _, s := range p.Sections {
		if s.Header != nil {
			out = append(out, wire.Place{URI: string(uriOf(s.File)), Line: s.Header.Num()})
		}
	}
	return out
}

// durationOf is the DurationSeconds Rolecall sends: as written, 3600 when absent or empty (as the CLI
// and STS), null when it cannot be read.
func durationOf(v string) *int {
	v = strings.TrimSpace(v)
	n := 3600
	if v == "" {
		return &n
	}
	n = 0
	for _, c := range v {
		if c < '0' || c > '9' || n > 1<<30 {
			return nil
		}
		n = n*10 + int(c-'0')
	}
	return &n
}

func durationReadable(v string) bool { return durationOf(v) != nil }

// arnAccount is the account field of an ARN ("" when it is not an ARN).
func arnAccount(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return ""
	}
	return parts[4]
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
