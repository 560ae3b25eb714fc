package handlers

import (
	"context"
	"strings"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/server"
)

// profilesResult is the result of rolecall-ls.profiles (docs/commands.md). Unknown values are null.
type profilesResult struct {
	Accounts []accountProfile `json:"accounts"`
	Roles    []roleProfile    `json:"roles"`
}

// accountProfile is a profile that holds credentials itself: where role chains start.
type accountProfile struct {
	Profile   string  `json:"profile"`
	Kind      string  `json:"kind"`
	AccountID *string `json:"accountId"`
	Region    *string `json:"region"`
	MFASerial *string `json:"mfaSerial"`
}

// roleProfile is a profile with role_arn.
type roleProfile struct {
	Profile         string   `json:"profile"`
	RoleArn         string   `json:"roleArn"`
	AccountID       *string  `json:"accountId"`
	Region          *string  `json:"region"`
	MFASerial       *string  `json:"mfaSerial"`
	DurationSeconds *int     `json:"durationSeconds"`
	SourceAccount   *string  `json:"sourceAccount"`
	Chain           []string `json:"chain"`
	Valid           bool     `json:"valid"`
}

// profiles lists the accounts and roles of the current snapshot's main pair, for the editor's pickers.
func (sc *sessionCommands) profiles(_ context.Context, cmd *server.Command) (any, error) {
	var arg struct{}
	if err := decodeArgument(cmd, &arg, "{}"); err != nil {
		return nil, err
	}
	pair := sc.h.Snapshot().Main()
	return listProfiles(pair.Model, pair.Diagnostics), nil
}

func listProfiles(m *awsfiles.Model, diags []awsfiles.Diagnostic) profilesResult {
	out := profilesResult{Accounts: []accountProfile{}, Roles: []roleProfile{}}
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
			out.Accounts = append(out.Accounts, accountOf(p, kind))
		}
		if p.Has("role_arn") {
			out.Roles = append(out.Roles, roleOf(p, chains[p], diags))
		}
	}
	return out
}

// accountOf describes a profile that starts chains. Its account ID is known when the files name it:
// sso_account_id, the role of a web identity, or the account of its mfa_serial.
func accountOf(p *awsfiles.Profile, kind awsfiles.ProfileKind) accountProfile {
	a := accountProfile{Profile: p.Name, Kind: kind.String(), Region: nonEmpty(p.Value("region")), MFASerial: nonEmpty(p.Value("mfa_serial"))}
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

// roleOf describes a role profile. It is valid when its chain ends in credentials, no error-severity
// diagnostic stands in its sections, and every duration_seconds on its chain can be read.
func roleOf(p *awsfiles.Profile, c *awsfiles.Chain, diags []awsfiles.Diagnostic) roleProfile {
	r := roleProfile{Profile: p.Name, RoleArn: p.Value("role_arn"), AccountID: nonEmpty(arnAccount(p.Value("role_arn"))),
		Region: nonEmpty(p.Value("region")), Chain: c.Names(), Valid: c.OK() && assume.ErrorDiagnosticIn(diags, p) == nil}
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
