package handlers

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/internal/wire"
	"github.com/rolecall/rolecall/server"
	"github.com/rolecall/rolecall/sso"
)

// profiles answers rolecall-ls.sso.profiles {ssoSession|profile, template?, prefix?, region?, write}:
// one profile per account and role of the sign-in, in the config file's block that Rolecall owns for
// that session (docs/sso.md). Without write it only plans, against the config file as it is on disk
// (what a write would change: an editor shows the new text next to the file before asking); with
// write it plans again under the file's lock and replaces the file atomically. Nothing outside the
// block changes; an unchanged file is not rewritten.
func (c *ssoCommands) profiles(ctx context.Context, arg *wire.SSOProfilesArgs) (wire.SSOProfilesPlan, error) {
	m, s, err := c.session(ctx, arg.SSOSession, arg.Profile)
	if err != nil {
		return wire.SSOProfilesPlan{}, ssoCommandError(err)
	}
	dir, err := c.client.Accounts(ctx, s, false)
	if err != nil {
		return wire.SSOProfilesPlan{}, ssoCommandError(err)
	}
	o := sso.ProfileOptions{Template: arg.Template, Prefix: arg.Prefix, Region: arg.Region,
		Taken: func(name string) bool { return m.Credentials != nil && hasProfileSection(m.Credentials, name) }}
	path := c.h.snapshot().Locations.Config
	var plan sso.ProfilesPlan
	if arg.Write {
		plan, err = sso.WriteProfiles(path, s, dir, o)
	} else {
		plan, err = planFromDisk(path, s, dir, o)
	}
	if err != nil {
		return wire.SSOProfilesPlan{}, server.NewError(server.CodeRequestFailed, err.Error()).
			WithData(map[string]any{"reason": sso.ReasonConfig, "ssoSession": s.Label()})
	}
	return wire.NewSSOProfilesPlan(s.Label(), path, plan, arg.Write && plan.Changed), nil
}

// planFromDisk plans against the config file as saved (a missing file is empty): the preview shows
// exactly what a write would do, whatever an editor holds unsaved.
func planFromDisk(path string, s sso.Session, dir sso.Directory, o sso.ProfileOptions) (sso.ProfilesPlan, error) {
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return sso.ProfilesPlan{}, err
	}
	return sso.PlanProfiles(awsfiles.Parse(awsfiles.ConfigFile, path, data), s, dir, o)
}

// hasProfileSection reports whether the file has a profile of that name (ignoring case): a generated
// profile of the same name would merge with it.
func hasProfileSection(f *awsfiles.File, name string) bool {
	for _, sec := range f.Sections {
		if sec.Header != nil && sec.Head.Type == awsfiles.SectionProfile && strings.EqualFold(sec.Head.Name, name) {
			return true
		}
	}
	return false
}
