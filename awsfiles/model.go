package awsfiles

import (
	"math"
	"sync"
)

// Setting is one effective key of a profile (or sso-session, or services section) after merging: the
// entry it came from, the last assignment in merge order. Its Name (lower-case key) and Value (the
// intended value) are the entry's; it holds only the pointer, so that the merge copies no strings.
type Setting struct {
	*Entry
}

// File is the file the setting was read from.
func (s *Setting) File() *File { return s.Entry.Section.File }

// Range is the range of the setting's value.
func (s *Setting) Range() Range { return s.Entry.ValueRange() }

// Profile is a named group of settings merged from one or more sections: a profile from both files, or an
// sso-session or services section from the config file.
type Profile struct {
	Name     string
	Sections []*Section // every section that contributes, config file first, each file in order
	// settings in the order their keys first appeared. A profile has a handful of keys, so a linear
	// search beats a map here and saves one allocation per profile.
	settings []Setting
	owner    *Model   // the model that merged it
	source   *Profile // what source_profile names (set by the owner's resolveChains)
	index    int32    // its place among the owner's profiles (its chain's), or -1 for other groups
	Type     SectionType
	coldOnly bool // a profile with more settings than hot can index: Get searches
	// hot says where the settings every rule asks about are: 1 + their index in settings, 0 when unset.
	// The rules read it instead of searching the settings (and the bytes of their names) again and again.
	hot [KeyIDCount]uint8
}

// Get returns the effective setting for a lower-case key, or nil.
func (p *Profile) Get(name string) *Setting {
	if h := KeyIDOf(name); h != NoKeyID && !p.coldOnly {
		return p.Setting(h)
	}
	for i := range p.settings {
		if p.settings[i].Name() == name {
			return &p.settings[i]
		}
	}
	return nil
}

// Index is the profile's place in Model.Profiles, or -1 for an [sso-session] or [services] section.
func (p *Profile) Index() int { return int(p.index) }

// Setting returns the effective setting of a numbered key, or nil: Get without hashing the name.
func (p *Profile) Setting(h KeyID) *Setting {
	if p.coldOnly {
		return p.Get(keyIDNames[h])
	}
	if i := p.hot[h]; i != 0 {
		return &p.settings[i-1]
	}
	return nil
}

// IsSet reports whether a numbered key is set at all (even to an empty value).
func (p *Profile) IsSet(h KeyID) bool { return p.Setting(h) != nil }

// ValueOf returns the effective value of a numbered key ("" when absent).
func (p *Profile) ValueOf(h KeyID) string {
	if s := p.Setting(h); s != nil {
		return s.Value()
	}
	return ""
}

// Value returns the effective value of a key ("" when absent).
func (p *Profile) Value(name string) string {
	if s := p.Get(name); s != nil {
		return s.Value()
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

// manySettings is the number of settings past which merge finds a profile's settings by a map of their
// names instead of searching them: a generated file can put thousands of keys in one section, and a
// search for each would take time that grows with their square.
const manySettings = 64

func (p *Profile) merge(s *Section) {
	p.Sections = append(p.Sections, s)
	var byName map[string]int // the settings' places, once there are manySettings of them
	for _, e := range s.Entries {
		name := e.Name()
		h := KeyIDOf(name)
		if byName == nil && len(p.settings) > manySettings {
			byName = make(map[string]int, len(p.settings)+len(s.Entries))
			for i := range p.settings {
				byName[p.settings[i].Name()] = i
			}
		}
		var cur *Setting
		switch {
		case byName != nil:
			if i, ok := byName[name]; ok {
				cur = &p.settings[i]
			}
		case h >= 0:
			cur = p.Setting(h)
		default:
			cur = p.Get(name)
		}
		if cur != nil {
			*cur = Setting{e}
			continue
		}
		p.settings = append(p.settings, Setting{e})
		if byName != nil {
			byName[name] = len(p.settings) - 1
		}
		if h >= 0 && !p.coldOnly {
			if len(p.settings) > math.MaxUint8 {
				p.coldOnly = true
			} else {
				p.hot[h] = uint8(len(p.settings))
			}
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

	// The groups by name, as their place in slab. They hold no pointer into the model, so that the next
	// version of an edited file with the same sections shares them (NextModel); they are never written
	// after the model that made them is built.
	profiles, ssoSessions, services map[string]int32

	slab      []Profile // every group of the model, in the order they were made
	settings  []Setting // the first section's settings of each group, carved into windows
	sections  []*Section
	nprofiles int32
	// defaultDropped: the config file has [default] and [profile default], and the model left out [default]
	// (defaultSections).
	defaultDropped bool
	chainsOnce     sync.Once
	links          []chainLink // by Profile.index: what the rules ask of each chain (see resolveChains)
	loops          int32       // how many loops the chains have been numbered for (resolveChains)
}

// NewModel merges two parsed files. Either may be nil (treated as empty).
func NewModel(config, credentials *File) *Model {
	if config == nil {
		config = Parse(ConfigFile, "", nil)
	}
	if credentials == nil {
		credentials = Parse(CredentialsFile, "", nil)
	}
	m := &Model{Config: config, Credentials: credentials}
	m.allocate()
	sections := defaultSections(config.Sections)
	m.defaultDropped = len(sections) != len(config.Sections)
	for _, s := range sections {
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
	return s.Header != nil && s.Head.Type == SectionProfile && s.Head.Name == "default" && len(splitFields(s.Inner())) == 1
}

func isProfileDefault(s *Section) bool {
	return s.Header != nil && s.Head.Type == SectionProfile && s.Head.Name == "default" && len(splitFields(s.Inner())) > 1
}

// allocate sizes the model's maps, lists and slabs from the sections that can make a group: one
// allocation each instead of several per profile.
func (m *Model) allocate() {
	var n [SectionOther]int
	groups, entries := 0, 0
	for _, f := range []*File{m.Config, m.Credentials} {
		for _, s := range f.Sections {
			if s.Header != nil && s.Head.Type > SectionNone && s.Head.Type < SectionOther {
				n[s.Head.Type]++
				groups++
				entries += len(s.Entries)
			}
		}
	}
	m.profiles = make(map[string]int32, n[SectionProfile])
	m.ssoSessions = make(map[string]int32, n[SectionSSOSession])
	m.services = make(map[string]int32, n[SectionServices])
	m.Profiles = make([]*Profile, 0, n[SectionProfile])
	m.slab = make([]Profile, 0, groups)
	m.settings = make([]Setting, 0, entries)
	m.sections = make([]*Section, 0, groups)
}

func (m *Model) add(s *Section) {
	if s.Header == nil {
		return
	}
	var index map[string]int32
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
	at, ok := index[s.Head.Name]
	if !ok {
		at = int32(len(m.slab))
		index[s.Head.Name] = at
		*list = append(*list, m.newProfile(s))
	}
	m.slab[at].merge(s)
}

// newProfile takes a group from the slab, with room in the shared lists for the keys and the section of
// its first section (a profile in both files outgrows them, and its lists move out on their own).
func (m *Model) newProfile(s *Section) *Profile {
	index := int32(-1)
	if s.Head.Type == SectionProfile {
		index = m.nprofiles
		m.nprofiles++
	}
	ns, nm := len(m.settings), len(m.sections)
	m.settings = m.settings[:ns+len(s.Entries)]
	m.sections = m.sections[:nm+1]
	m.slab = append(m.slab, Profile{Name: s.Head.Name, Type: s.Head.Type, owner: m, index: index,
		settings: m.settings[ns:ns:len(m.settings)], Sections: m.sections[nm : nm : nm+1]})
	return &m.slab[len(m.slab)-1]
}

// DefaultDropped reports that the config file has both [default] and [profile default], and the model
// left out [default] as both tools do.
func (m *Model) DefaultDropped() bool { return m.defaultDropped }

// Profile returns the named profile, or nil.
func (m *Model) Profile(name string) *Profile { return m.group(m.profiles, name) }

func (m *Model) group(index map[string]int32, name string) *Profile {
	if at, ok := index[name]; ok {
		return &m.slab[at]
	}
	return nil
}

// SSOSession returns the named [sso-session] group, or nil.
func (m *Model) SSOSession(name string) *Profile { return m.group(m.ssoSessions, name) }

// ServicesSection returns the named [services] group, or nil.
func (m *Model) ServicesSection(name string) *Profile { return m.group(m.services, name) }

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
