package awsfiles

import "slices"

// NextModel is NewModel(config, credentials) for the files of prev after an edit: when one of them is
// prev's other file as it was and the other was made by Reparse from prev's, with the same section headers,
// the groups are prev's (same names, same order, the same maps) pointed at the new sections, and only the
// groups with a section Reparse read again are merged again. Otherwise it is NewModel. The typing test
// holds the two to the same model, field for field.
func NextModel(prev *Model, config, credentials *File) *Model {
	if prev == nil || config == nil || credentials == nil {
		return NewModel(config, credentials)
	}
	var old, cur *File
	switch {
	case config == prev.Config && credentials == prev.Credentials:
		return NewModel(config, credentials) // nothing changed: a caller that asks gets a model of its own
	case credentials == prev.Credentials:
		old, cur = prev.Config, config
	case config == prev.Config:
		old, cur = prev.Credentials, credentials
	default:
		return NewModel(config, credentials)
	}
	e, ok := cur.ChangeFrom(old)
	if !ok || !e.SameHeaders(old, cur) {
		return NewModel(config, credentials)
	}
	return prev.next(old, cur, e, config, credentials)
}

// SameHeaders reports whether the sections Reparse read again to make cur from old have the header lines
// they had.
func (e Change) SameHeaders(old, cur *File) bool {
	if e.OldStop != e.NewStop {
		return false
	}
	for i := e.FirstSection; i < e.NewStop; i++ {
		a, b := old.Sections[i], cur.Sections[i]
		if (a.Header == nil) != (b.Header == nil) || a.Header != nil && old.LineText(a.Header) != cur.LineText(b.Header) {
			return false
		}
	}
	return true
}

// next builds the model of the edited files from prev; old became cur, the other file is prev's.
func (prev *Model) next(old, cur *File, e Change, config, credentials *File) *Model {
	m := &Model{Config: config, Credentials: credentials, profiles: prev.profiles, ssoSessions: prev.ssoSessions,
		services: prev.services, nprofiles: prev.nprofiles, defaultDropped: prev.defaultDropped}
	m.slab = slices.Clone(prev.slab)

	// The groups with a section read again are merged again; the others keep their settings, each moved
	// to the same entry of the same section of the new file.
	again := make([]bool, len(m.slab))
	for i := e.FirstSection; i < e.NewStop; i++ {
		if s := cur.Sections[i]; s.Header != nil {
			if at, ok := m.indexOf(s.Head.Type)[s.Head.Name]; ok {
				again[at] = true
			}
		}
	}
	newSection := func(s *Section) *Section {
		if s.File == old {
			return cur.Sections[s.index]
		}
		return s
	}
	nsec, nset := 0, 0
	for i := range m.slab {
		nsec += len(m.slab[i].Sections)
		if !again[i] {
			nset += len(m.slab[i].settings)
		}
	}
	m.sections = make([]*Section, 0, nsec)
	m.settings = make([]Setting, 0, nset)
	for i := range m.slab {
		p := &m.slab[i]
		p.owner, p.source = m, nil
		at := len(m.sections)
		for _, s := range p.Sections {
			m.sections = append(m.sections, newSection(s))
		}
		sections := m.sections[at:len(m.sections):len(m.sections)]
		if again[i] {
			p.Sections, p.settings, p.hot, p.coldOnly = sections[:0:0], nil, [KeyIDCount]uint8{}, false
			for _, s := range sections {
				p.merge(s)
			}
			continue
		}
		p.Sections = sections
		at = len(m.settings)
		for _, st := range p.settings {
			m.settings = append(m.settings, Setting{sameEntry(st.Entry, newSection(st.Entry.Section))})
		}
		p.settings = m.settings[at:len(m.settings):len(m.settings)]
	}

	// The lists, in the order the groups were made, which is the slab's.
	m.Profiles = make([]*Profile, 0, len(prev.Profiles))
	for i := range m.slab {
		switch p := &m.slab[i]; p.Type {
		case SectionProfile:
			m.Profiles = append(m.Profiles, p)
		case SectionSSOSession:
			m.SSOSessions = append(m.SSOSessions, p)
		case SectionServices:
			m.Services = append(m.Services, p)
		}
	}
	return m
}

// indexOf is the map of the groups of a section type.
func (m *Model) indexOf(t SectionType) map[string]int32 {
	switch t {
	case SectionProfile:
		return m.profiles
	case SectionSSOSession:
		return m.ssoSessions
	case SectionServices:
		return m.services
	}
	return nil
}

// sameEntry is the entry of s at the place e has in its own section (s is e's section, or its copy).
func sameEntry(e *Entry, s *Section) *Entry {
	if e.Section == s {
		return e
	}
	for i, x := range e.Section.Entries {
		if x == e {
			return s.Entries[i]
		}
	}
	panic("awsfiles: a setting's entry is not among its section's entries")
}
