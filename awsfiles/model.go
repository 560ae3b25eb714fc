package awsfiles

import "sync"

// Setting is one effective key of a profile (or sso-session, or services section) after merging, with the
// entry it came from.
type Setting struct {
	Name  string // lower-case key
	Value string // the intended value (see Entry.Value)
	Entry *Entry // where it was written; the last assignment in merge order
}

// File is the file the setting was read from.
func (s *Setting) File() *File { return s.Entry.Section.File }

// Range is the range of the setting's value.
func (s *Setting) Range() Range { return s.Entry.ValueRange() }

// Profile is a named group of settings merged from one or more sections: a profile from both files, or an
// sso-session or services section from the config file.
type Profile struct {
	Name     string
	Type     SectionType
	Sections []*Section // every section that contributes, config file first, each file in order
	// settings in the order their keys first appeared. A profile has a handful of keys, so a linear
	// search beats a map here and saves one allocation per profile.
	settings []Setting
}

// Get returns the effective setting for a lower-case key, or nil.
func (p *Profile) Get(name string) *Setting {
	for i := range p.settings {
		if p.settings[i].Name == name {
			return &p.settings[i]
		}
	}
	return nil
}

// Value returns the effective value of a key ("" when absent).
func (p *Profile) Value(name string) string {
	if s := p.Get(name); s != nil {
		return s.Value
	}
	return ""
}

// Has reports whether the key is set at all (even to an empty value).
func (p *Profile) Has(name string) bool { return p.Get(name) != nil }

// Settings lists the effective settings in the order their keys first appeared.
func (p *Profile) Settings() []*Setting {
	out := make([]*Setting, len(p.settings))
	for i := range p.settings {
		out[i] = &p.settings[i]
	}
	return out
}

// Definition is the section a person thinks of as where the profile is defined: its first section in the
// config file, else its first section in the credentials file.
func (p *Profile) Definition() *Section { return p.Sections[0] }

// SectionIn returns the profile's first section in a file of the given kind, or nil.
func (p *Profile) SectionIn(kind FileKind) *Section {
	for _, s := range p.Sections {
		if s.File.Kind == kind {
			return s
		}
	}
	return nil
}

func (p *Profile) merge(s *Section) {
	p.Sections = append(p.Sections, s)
	for _, e := range s.Entries {
		if cur := p.Get(e.Name); cur != nil {
			*cur = Setting{Name: e.Name, Value: e.Value, Entry: e}
		} else {
			p.settings = append(p.settings, Setting{Name: e.Name, Value: e.Value, Entry: e})
		}
	}
}

// Model is the config and credentials files merged as the AWS tools merge them (spec §3): the
// credentials file wins key by key; within a file a repeated section is merged and the last key wins
// (aws-sdk-go-v2; botocore refuses such a file, which the rules report).
type Model struct {
	Config      *File
	Credentials *File

	Profiles    []*Profile // config-file order, then profiles only the credentials file has
	SSOSessions []*Profile
	Services    []*Profile

	profiles, ssoSessions, services map[string]*Profile

	chainsOnce sync.Once
	chains     map[*Profile]*Chain
}

// NewModel merges two parsed files. Either may be nil (treated as empty).
func NewModel(config, credentials *File) *Model {
	if config == nil {
		config = Parse(ConfigFile, "", nil)
	}
	if credentials == nil {
		credentials = Parse(CredentialsFile, "", nil)
	}
	m := &Model{Config: config, Credentials: credentials,
		profiles: map[string]*Profile{}, ssoSessions: map[string]*Profile{}, services: map[string]*Profile{}}
	for _, s := range defaultSections(config.Sections) {
		m.add(s)
	}
	for _, s := range credentials.Sections {
		m.add(s)
	}
	return m
}

// defaultSections drops [default] when [profile default] is also there: aws-sdk-go-v2 then uses only
// [profile default], whatever the order (botocore uses whichever comes last; the default-conflict rule
// reports the pair). The two are never merged key by key.
func defaultSections(sections []*Section) []*Section {
	hasProfileDefault := false
	for _, s := range sections {
		hasProfileDefault = hasProfileDefault || isProfileDefault(s)
	}
	if !hasProfileDefault {
		return sections
	}
	out := make([]*Section, 0, len(sections))
	for _, s := range sections {
		if !isPlainDefault(s) {
			out = append(out, s)
		}
	}
	return out
}

func isPlainDefault(s *Section) bool {
	return s.Header != nil && s.Head.Type == SectionProfile && s.Head.Name == "default" && len(splitFields(s.Head.Inner)) == 1
}

func isProfileDefault(s *Section) bool {
	return s.Header != nil && s.Head.Type == SectionProfile && s.Head.Name == "default" && len(splitFields(s.Head.Inner)) > 1
}

func (m *Model) add(s *Section) {
	if s.Header == nil {
		return
	}
	var index map[string]*Profile
	var list *[]*Profile
	switch s.Head.Type {
	case SectionProfile:
		index, list = m.profiles, &m.Profiles
	case SectionSSOSession:
		index, list = m.ssoSessions, &m.SSOSessions
	case SectionServices:
		index, list = m.services, &m.Services
	default:
		return
	}
	p := index[s.Head.Name]
	if p == nil {
		p = &Profile{Name: s.Head.Name, Type: s.Head.Type, settings: make([]Setting, 0, len(s.Entries))}
		index[s.Head.Name] = p
		*list = append(*list, p)
	}
	p.merge(s)
}

// Profile returns the named profile, or nil.
func (m *Model) Profile(name string) *Profile { return m.profiles[name] }

// SSOSession returns the named [sso-session] group, or nil.
func (m *Model) SSOSession(name string) *Profile { return m.ssoSessions[name] }

// ServicesSection returns the named [services] group, or nil.
func (m *Model) ServicesSection(name string) *Profile { return m.services[name] }

// Files returns the config and credentials files.
func (m *Model) Files() []*File { return []*File{m.Config, m.Credentials} }

// ProfileNames lists every profile name in model order.
func (m *Model) ProfileNames() []string {
	names := make([]string, len(m.Profiles))
	for i, p := range m.Profiles {
		names[i] = p.Name
	}
	return names
}
