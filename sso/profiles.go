package sso

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// DefaultTemplate names a generated profile after its account and role.
const DefaultTemplate = "{account_name}-{role_name}"

// templatePlaceholders are the names a template may use.
var templatePlaceholders = []string{"account_name", "account_id", "role_name", "sso_session"}

// ProfileOptions shape the profiles generated from a directory.
type ProfileOptions struct {
	Template string // DefaultTemplate when ""
	Prefix   string // put before every name
	Region   string // the region setting of each profile; the session's sso_region when ""
	// Taken reports whether a profile name is already used outside the block (those names are
	// avoided, so that no profile is defined twice). nil: none is.
	Taken func(name string) bool
}

// GeneratedProfile is one profile for one account and role.
type GeneratedProfile struct {
	Name        string `json:"profile"`
	AccountID   string `json:"accountId"`
	AccountName string `json:"accountName"`
	Role        string `json:"roleName"`
}

// BlockID names the config file block that holds a session's generated profiles.
func (s Session) BlockID() string {
	if s.Name != "" {
		return "sso-session " + s.Name
	}
	return "sso_start_url " + s.StartURL
}

// GenerateProfiles names one profile per account and role of dir. Names come from the template made
// safe for a section header (characters other than letters, digits, _ . - become -, runs of - are
// collapsed, ends trimmed); names that collide (ignoring case, or with a name taken outside the block)
// get -<account id> appended, then -<role>, then a number, so a name changes only when a collision
// appears or goes. The result is sorted by name.
func GenerateProfiles(dir Directory, s Session, o ProfileOptions) ([]GeneratedProfile, error) {
	tmpl := o.Template
	if tmpl == "" {
		tmpl = DefaultTemplate
	}
	if err := CheckTemplate(tmpl); err != nil {
		return nil, err
	}
	taken := o.Taken
	if taken == nil {
		taken = func(string) bool { return false }
	}
	var out []GeneratedProfile
	for _, a := range dir.Accounts {
		for _, role := range a.Roles {
			name := safeName(o.Prefix + expand(tmpl, a, role, s.Label()))
			if name == "" {
				name = safeName(a.ID + "-" + role)
			}
			out = append(out, GeneratedProfile{Name: name, AccountID: a.ID, AccountName: a.Name, Role: role})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.Name != y.Name {
			return x.Name < y.Name
		}
		if x.AccountID != y.AccountID {
			return x.AccountID < y.AccountID
		}
		return x.Role < y.Role
	})
	resolveCollisions(out, taken)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// resolveCollisions renames every member of a group that shares a name, each step a little more
// specific; the input order (sorted) makes the outcome deterministic.
func resolveCollisions(ps []GeneratedProfile, taken func(string) bool) {
	steps := []func(p GeneratedProfile) string{
		func(p GeneratedProfile) string { return p.Name + "-" + p.AccountID },
		func(p GeneratedProfile) string { return p.Name + "-" + safeName(p.Role) },
	}
	for _, step := range steps {
		groups := map[string][]int{}
		for i, p := range ps {
			groups[strings.ToLower(p.Name)] = append(groups[strings.ToLower(p.Name)], i)
		}
		for key, idx := range groups {
			if len(idx) > 1 || taken(ps[idx[0]].Name) || key == "default" {
				for _, i := range idx {
					ps[i].Name = step(ps[i])
				}
			}
		}
	}
	seen := map[string]bool{}
	for i := range ps {
		base, name := ps[i].Name, ps[i].Name
		for n := 2; seen[strings.ToLower(name)] || taken(name); n++ {
			name = base + "-" + strconv.Itoa(n)
		}
		seen[strings.ToLower(name)] = true
		ps[i].Name = name
	}
}

// CheckTemplate says what is wrong with a profile name template, nil when nothing is.
func CheckTemplate(tmpl string) error {
	rest := tmpl
	used := map[string]bool{}
	for {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return fmt.Errorf("the template %q has a { without a }: write placeholders like {account_name}", tmpl)
		}
		name := rest[open+1 : open+end]
		known := false
		for _, p := range templatePlaceholders {
			known = known || p == name
		}
		if !known {
			return fmt.Errorf("the template %q uses {%s}: use {%s}", tmpl, name, strings.Join(templatePlaceholders, "}, {"))
		}
		used[name] = true
		rest = rest[open+end+1:]
	}
	if !used["role_name"] || !used["account_name"] && !used["account_id"] {
		return fmt.Errorf("the template %q must name the account ({account_name} or {account_id}) and the role ({role_name})", tmpl)
	}
	return nil
}

func expand(tmpl string, a Account, role, session string) string {
	name := a.Name
	if strings.TrimSpace(name) == "" {
		name = a.ID // an account without a name is known by its id
	}
	return strings.NewReplacer("{account_name}", name, "{account_id}", a.ID, "{role_name}", role,
		"{sso_session}", session).Replace(tmpl)
}

// safeName keeps letters, digits, _ . and -; every other run of characters becomes one -, and - at
// either end goes. The result reads the same in every tool and needs no quoting.
func safeName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '.' || r == '-'
		if !ok || r == '-' {
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ProfileBlock is the config file block for the generated profiles: each signs in through the
// session (sso_session, or the legacy keys) and names its account, role and region.
func ProfileBlock(s Session, ps []GeneratedProfile, region string) []awsfiles.BlockSection {
	if region == "" {
		region = s.Region
	}
	out := make([]awsfiles.BlockSection, 0, len(ps))
	for _, p := range ps {
		var kv []awsfiles.KeyValue
		if s.Name != "" {
			kv = append(kv, awsfiles.KeyValue{Key: "sso_session", Value: s.Name})
		} else {
			kv = append(kv, awsfiles.KeyValue{Key: "sso_start_url", Value: s.StartURL}, awsfiles.KeyValue{Key: "sso_region", Value: s.Region})
		}
		kv = append(kv, awsfiles.KeyValue{Key: "sso_account_id", Value: p.AccountID}, awsfiles.KeyValue{Key: "sso_role_name", Value: p.Role},
			awsfiles.KeyValue{Key: "region", Value: region})
		out = append(out, awsfiles.BlockSection{Header: "profile " + p.Name, Values: kv})
	}
	return out
}
