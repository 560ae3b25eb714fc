package awsfiles

import (
	"unsafe"
)

// Reparse parses text, a later version of old's text (an editor's document after an edit), reading again
// only the sections the change touched. The result is the tree ParseString would build from text, field
// for field (FuzzReparse holds the two side by side): what the change could not reach is copied from old
// instead of read again.
//
// What a change reaches: the bytes that differ, found as the longest common prefix and suffix of the two
// texts, lie in a run of lines; reading starts again at the header of the section that holds the line
// before them (a line's terminator, a continuation or a nested block depend on the lines above it, never
// on another section), and stops at the first header line that lies wholly in the unchanged suffix, from
// which on the old sections are the new ones moved by the change in length. A header line is a section
// boundary whatever precedes it, which is what makes the cut safe.
//
// old is not changed: the whole chunks of lines before the change are shared with it (a Line holds no
// pointer and is never written after parsing), everything else is new. Strings that point into old's text
// are moved to the same bytes of text, so that a long editing session does not keep every earlier text
// alive.
func Reparse(old *File, text string) *File {
	if old == nil || old.TooLarge || len(text) > MaxFileSize || old.nlines == 0 {
		kind, path := ConfigFile, ""
		if old != nil {
			kind, path = old.Kind, old.Path
		}
		return ParseString(kind, path, text)
	}
	if text == old.text {
		return old
	}
	r := reparse{old: old}
	r.find(text)
	return r.build(text)
}

// reparse is one Reparse: where the change is, and what is read again.
type reparse struct {
	old *File

	prefixSections int // old.Sections[:prefixSections] end before the change
	startOff       int // where reading starts (a header line, or 0)
	startLine      int
	stopSection    int // old.Sections[stopSection:] are moved; len(old.Sections) when none
	stopOff        int // where reading stops in the new text
	delta          int // the change in length
	pre, oldEnd    int // the bytes that differ: old.text[pre:oldEnd] became text[pre:oldEnd+delta]
}

// find locates the change and the sections around it.
func (r *reparse) find(text string) {
	old := r.old
	pre := commonPrefix(old.text, text)
	suf := commonSuffix(old.text[pre:], text[pre:])
	r.delta = len(text) - len(old.text)
	oldSuffix := len(old.text) - suf
	r.pre, r.oldEnd = pre, oldSuffix

	// The section holding the line before the change (a changed line break changes that line too).
	before := old.LineAt(max(pre-1, 0))
	r.prefixSections = lastSectionAtOrBefore(old.Sections, before)
	if r.prefixSections > 0 && old.Sections[r.prefixSections].Header.Num() == before {
		// The change starts on the header line (or at its line break): it may be a header no more, and
		// its lines would then belong to the section above.
		r.prefixSections--
	}
	if r.prefixSections > 0 {
		h := old.Sections[r.prefixSections].Header
		r.startOff, r.startLine = int(h.start), h.Num()
	}
	if r.startOff == 0 {
		r.prefixSections, r.startLine = 0, 0 // from the top: the preamble is read again too
	}

	// The first header after that section that starts past the first byte of the unchanged suffix: it
	// and the byte before it are the same in both texts, so it starts a line and a section in both.
	r.stopSection, r.stopOff = len(old.Sections), len(text)
	for k := r.prefixSections + 1; k < len(old.Sections); k++ {
		if h := old.Sections[k].Header; int(h.start) > oldSuffix {
			r.stopSection, r.stopOff = k, int(h.start)+r.delta
			break
		}
	}
}

// build makes the new tree: the old sections before the change, the ones read again, the old ones after.
func (r *reparse) build(text string) *File {
	old := r.old
	f := newFile(old.Kind, old.Path, text)
	window := f.src[r.startOff:r.stopOff]
	read := countLines(window)
	moved := 0
	if r.stopSection < len(old.Sections) {
		read-- // the window ends with a line break: countLines counts the empty line after it
		moved = old.nlines - old.Sections[r.stopSection].Header.Num()
	}
	if r.startLine+read+moved > MaxLines {
		return ParseString(old.Kind, old.Path, text) // refused, as a full parse would refuse it
	}
	f.makeLines(r.startLine+read+moved, old, r.startLine)
	p := parser{f: f}
	p.lines(r.startOff, r.stopOff, r.startLine, read)

	lineDelta := r.startLine + read - (old.nlines - moved)
	first := old.nlines - moved
	for n := range moved {
		l := f.Line(first + lineDelta + n)
		*l = *old.Line(first + n)
		l.move(r.delta, lineDelta)
	}

	c := sectionCopier{f: f, old: old, text: text}
	c.grow(old.Sections[:r.prefixSections], old.Sections[r.stopSection:])
	f.Sections = make([]*Section, 0, r.prefixSections+len(p.sections)+len(old.Sections)-r.stopSection)
	for _, s := range old.Sections[:r.prefixSections] {
		f.Sections = append(f.Sections, c.copy(s, 0, 0))
	}
	c.moved = r.prefixSections + len(p.sections) - r.stopSection
	for _, s := range p.sections {
		s.index = int32(len(f.Sections))
		f.Sections = append(f.Sections, s)
	}
	for _, s := range old.Sections[r.stopSection:] {
		f.Sections = append(f.Sections, c.copy(s, r.delta, lineDelta))
	}
	f.edit = &Change{from: old.id, Pre: r.pre, OldEnd: r.oldEnd, Delta: r.delta, LineDelta: lineDelta,
		FirstSection: r.prefixSections, OldStop: r.stopSection, NewStop: r.prefixSections + len(p.sections),
		StartOff: r.startOff, StartLine: r.startLine, NewStopLine: r.startLine + read}
	return f
}

// Change is what Reparse read again to make a file from an earlier version of it: enough for an
// incremental check to tell what the edit can have changed (File.ChangeFrom).
type Change struct {
	from        uint64 // the id of the file it was reparsed from
	Pre, OldEnd int    // the bytes that differ: old[Pre:OldEnd] became new[Pre:OldEnd+Delta]
	Delta       int    // the change in length
	LineDelta   int    // the change in the number of lines
	// The sections old.Sections[FirstSection:OldStop] were read again as new.Sections[FirstSection:NewStop];
	// they start at StartOff, which is the same in both, and on line StartLine; the new ones end before
	// line NewStopLine. The sections before are the same, the ones after moved by Delta and LineDelta.
	FirstSection, OldStop, NewStop   int
	StartOff, StartLine, NewStopLine int
}

// ChangeFrom is what Reparse read again to make f from old; ok is false when f was not made by Reparse
// from old.
func (f *File) ChangeFrom(old *File) (c Change, ok bool) {
	if f.edit == nil || f.edit.from != old.id {
		return Change{}, false
	}
	return *f.edit, true
}

// move shifts a line read from the old text by d bytes and ld lines. Offsets that the line's kind does
// not use stay zero, as a fresh parse leaves them.
func (l *Line) move(d, ld int) {
	d32 := int32(d)
	l.num += int32(ld)
	l.start += d32
	l.end += d32
	l.indentEnd += d32
	switch l.Kind {
	case LineHeader:
		l.mid += d32
		l.valEnd += d32
	case LineProperty, LineSubProperty:
		l.keyEnd += d32
		l.mid += d32
		l.valStart += d32
		l.valEnd += d32
	case LineContinuation:
		l.valStart += d32
		l.valEnd += d32
	}
}

// sectionCopier copies old sections into the new file, with their entries, from two slabs.
type sectionCopier struct {
	f, old   *File
	moved    int // how many places the sections after the change moved in File.Sections
	text     string
	sections []Section
	entries  []Entry
	ptrs     []*Entry
	mores    []entryMore // what few entries have: every nested entry, for its parent
}

// grow sizes the slabs for the sections that will be copied.
func (c *sectionCopier) grow(lists ...[]*Section) {
	ns, ne, nm := 0, 0, 0
	for _, list := range lists {
		ns += len(list)
		for _, s := range list {
			ne += len(s.Entries)
			for _, e := range s.Entries {
				ne += len(e.Sub())
				if e.more != nil {
					nm += 1 + len(e.Sub()) // a nested entry always has more
				}
			}
		}
	}
	c.sections = make([]Section, 0, ns)
	c.entries = make([]Entry, 0, ne)
	c.ptrs = make([]*Entry, 0, ne)
	c.mores = make([]entryMore, 0, nm)
}

// copy makes the new version of an old section that lies d bytes and ld lines further on.
func (c *sectionCopier) copy(s *Section, d, ld int) *Section {
	c.sections = append(c.sections, Section{File: c.f, index: s.index + int32(c.moved)})
	n := &c.sections[len(c.sections)-1]
	if s.Header != nil {
		n.Header = c.f.Line(s.Header.Num() + ld)
	}
	n.Head = Header{Type: s.Head.Type, Name: c.rebase(s.Head.Name, d)}
	if s.nlines > 0 {
		n.firstLine, n.nlines = s.firstLine+int32(ld), s.nlines
	}
	n.Entries = c.copyEntries(s.Entries, n, nil, d, ld)
	return n
}

func (c *sectionCopier) copyEntries(list []*Entry, s *Section, parent *Entry, d, ld int) []*Entry {
	if len(list) == 0 {
		return nil
	}
	at := len(c.ptrs)
	for _, e := range list {
		c.entries = append(c.entries, Entry{Section: s, Line: c.f.Line(e.Line.Num() + ld)})
		c.ptrs = append(c.ptrs, &c.entries[len(c.entries)-1])
	}
	out := c.ptrs[at:len(c.ptrs):len(c.ptrs)]
	for i, e := range list {
		if e.more == nil {
			continue
		}
		c.mores = append(c.mores, *e.more)
		m := &c.mores[len(c.mores)-1]
		m.parent = parent
		m.name, m.value = c.rebase(m.name, d), c.rebase(m.value, d)
		m.sub = c.copyEntries(e.more.sub, s, out[i], d, ld)
		if len(m.continued) > 0 {
			m.continued = make([]*Line, len(e.more.continued))
			for j, l := range e.more.continued {
				m.continued[j] = c.f.Line(l.Num() + ld)
			}
		}
		out[i].more = m
	}
	return out
}

// rebase returns the same bytes of the new text for a string that points into the old text d bytes
// earlier, and any other string (one built by joining lines, say) as it is.
func (c *sectionCopier) rebase(s string, d int) string {
	if s == "" {
		return s
	}
	base := uintptr(unsafe.Pointer(unsafe.StringData(c.old.text)))
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	if p < base || p+uintptr(len(s)) > base+uintptr(len(c.old.text)) {
		return s
	}
	off := int(p-base) + d
	return c.text[off : off+len(s)]
}

// SectionAt is the section that holds line n: the last whose header is at or before it (the preamble holds
// the lines before the first header).
func (f *File) SectionAt(n int) *Section { return f.Sections[lastSectionAtOrBefore(f.Sections, n)] }

// ProfileAt names the profile whose section holds a 0-based line of a file ("" for lines before the
// first section and in other sections): for turning a diagnostic back into the profile it is about.
func ProfileAt(f *File, line int) string {
	if len(f.Sections) == 0 {
		return ""
	}
	if s := f.SectionAt(line); s.Header != nil && s.Head.Type == SectionProfile {
		return s.Head.Name
	}
	return ""
}

// lastSectionAtOrBefore is the index of the section that holds line n: the last whose header is at or
// before it (the preamble, index 0, holds the lines before the first header).
func lastSectionAtOrBefore(sections []*Section, n int) int {
	lo, hi := 0, len(sections) // sections[lo] holds n; the answer is in [lo, hi)
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if sections[mid].Header.Num() > n {
			hi = mid
		} else {
			lo = mid
		}
	}
	return lo
}

// commonPrefix is the length of the longest common prefix of a and b.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i+64 <= n && a[i:i+64] == b[i:i+64] {
		i += 64
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffix is the length of the longest common suffix of a and b.
func commonSuffix(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i+64 <= n && a[len(a)-i-64:len(a)-i] == b[len(b)-i-64:len(b)-i] {
		i += 64
	}
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}
