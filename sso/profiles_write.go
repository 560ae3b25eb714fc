package sso

import (
	"slices"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// ProfilesPlan is what writing a session's generated profiles does to the config file.
type ProfilesPlan struct {
	Profiles []GeneratedProfile `json:"profiles"`
	Added    []string           `json:"added"`
	Removed  []string           `json:"removed"`
	Kept     []string           `json:"kept"`
	// Block is the block's text as it will stand in the file (empty when nothing is granted).
	Block string `json:"block"`
	// Content is the whole new file; Changed is false when it equals the current one.
	Content []byte `json:"-"`
	Changed bool   `json:"changed"`
}

// PlanProfiles works out the session's block for the config file f: one profile per account and role
// of dir, avoiding the names used outside the block (in f, and those o.Taken reports, such as the
// credentials file's), and what changes against the block that is there now.
func PlanProfiles(f *awsfiles.File, s Session, dir Directory, o ProfileOptions) (ProfilesPlan, error) {
	id := s.BlockID()
	old, err := awsfiles.FindManagedBlock(f, id)
	if err != nil {
		return ProfilesPlan{}, err
	}
	outside := map[string]bool{}
	for _, sec := range f.Sections {
		if sec.Header != nil && sec.Head.Type == awsfiles.SectionProfile && !(old.Found && sec.Header.Num() > old.BeginLine && sec.Header.Num() < old.EndLine) {
			outside[strings.ToLower(sec.Head.Name)] = true
		}
	}
	extra := o.Taken
	o.Taken = func(name string) bool { return outside[strings.ToLower(name)] || extra != nil && extra(name) }
	ps, err := GenerateProfiles(dir, s, o)
	if err != nil {
		return ProfilesPlan{}, err
	}
	content, err := awsfiles.SetManagedBlock(f, id, ProfileBlock(s, ps, o.Region))
	if err != nil {
		return ProfilesPlan{}, err
	}
	plan := ProfilesPlan{Profiles: ps, Content: content, Changed: string(content) != string(f.Src())}
	if nb, err := awsfiles.FindManagedBlock(awsfiles.Parse(awsfiles.ConfigFile, f.Path, content), id); err == nil && nb.Found {
		plan.Block = string(content[nb.Span.Start:nb.Span.End])
	}
	for _, p := range ps {
		if slices.Contains(old.Profiles, p.Name) {
			plan.Kept = append(plan.Kept, p.Name)
		} else {
			plan.Added = append(plan.Added, p.Name)
		}
	}
	for _, name := range old.Profiles {
		if !slices.ContainsFunc(ps, func(p GeneratedProfile) bool { return p.Name == name }) {
			plan.Removed = append(plan.Removed, name)
		}
	}
	return plan, nil
}

// WriteProfiles plans against the config file at path as it is when locked, and writes the result
// atomically (awsfiles' safe writer: the file's mode is kept, a new file is 0600).
func WriteProfiles(path string, s Session, dir Directory, o ProfileOptions) (ProfilesPlan, error) {
	var plan ProfilesPlan
	err := updateFile(path, 0o600, func(old []byte) ([]byte, error) {
		p, err := PlanProfiles(awsfiles.Parse(awsfiles.ConfigFile, path, old), s, dir, o)
		if err != nil {
			return nil, err
		}
		plan = p
		if !p.Changed {
			return nil, errKeep // an unchanged file is not rewritten: editors watching it see nothing
		}
		return p.Content, nil
	})
	if err == errKeep {
		err = nil
	}
	return plan, err
}
