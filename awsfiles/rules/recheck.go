package rules

import (
	"slices"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// Checked is what Check found in a model, kept so that the next version of the files can be checked again
// only where an edit reached (Recheck). The language server keeps one per pair of files.
type Checked struct {
	Model       *awsfiles.Model
	Diagnostics []Diagnostic // as Check returns them
	// Profiles is how many profiles the last Recheck ran the profile rules on, or -1 when it checked
	// everything (the first check, or an edit it could not narrow down): for tests and logs.
	Profiles int
	// comp labels each profile with its component for the next Recheck (nil: not known yet).
	comp []int32
	mfa  []uint8 // what the MFA hint found of each profile (nil: not known yet)
	// capped: the check left diagnostics unlisted (MaxPerCode), which only a full check can list the same
	// way again.
	capped bool
}

// CheckModel is Check, keeping what the next Recheck needs.
func CheckModel(m *awsfiles.Model) *Checked {
	diags, capped := check(m)
	return &Checked{Model: m, Diagnostics: diags, Profiles: -1, capped: capped}
}

// Recheck checks m, the model of the files of prev.Model after an edit to one of them, and returns what
// Check(m) returns (FuzzRecheck holds the two side by side). It runs the rules again only on what the edit
// can have changed, and moves the other diagnostics to their new place:
//
//   - the line, key and plugin rules on the sections Reparse read again;
//   - the profile rules on the profiles that have one of those sections, or use a changed [sso-session],
//     and on every profile linked to one of them by source_profile, in either version (a chain's
//     diagnostics name the profiles along it, and a source profile's name its users);
//   - the rules that report once for every profile (the MFA hint, the checks of each [sso-session] and
//     [services] section) on everything, which is cheap;
//   - nothing on the header lines: the edit may not change them.
//
// It checks everything, as Check does, when the edit is not one it can narrow down: an edit to both files,
// a file not made by Reparse from prev's, a changed or indented header line, a [DEFAULT] section, a byte
// order mark or invalid UTF-8, a diagnostic to keep that points into the changed lines, or, when the edit
// adds or removes lines, a diagnostic to keep whose text names a line number, or a check that lists only
// some of a code's diagnostics in a file (MaxPerCode), before or after the edit.
func (prev *Checked) Recheck(m *awsfiles.Model) *Checked {
	if prev.capped {
		return CheckModel(m)
	}
	if r, ok := prev.narrow(m); ok {
		if next, ok := r.run(); ok {
			return next
		}
	}
	return CheckModel(m)
}

// recheck is one Recheck narrowed down to one file's edit.
type recheck struct {
	prev     *Checked
	m        *awsfiles.Model
	old, cur *awsfiles.File // the changed file, before and after
	e        awsfiles.Change
	affected []bool  // by profile index: the profile rules run on it again
	n        int     // how many are affected
	comp     []int32 // each profile's component (see reach)
	mfa      []uint8 // what the MFA hint found of each profile
}

// narrow finds the one edited file and decides whether the edit can be checked on its own.
func (prev *Checked) narrow(m *awsfiles.Model) (*recheck, bool) {
	p := prev.Model
	if p == nil || m == nil {
		return nil, false
	}
	r := &recheck{prev: prev, m: m}
	switch {
	case m.Config == p.Config && m.Credentials == p.Credentials:
		return nil, false // nothing changed: the caller should not ask, but a full check is right
	case m.Credentials == p.Credentials:
		r.old, r.cur = p.Config, m.Config
	case m.Config == p.Config:
		r.old, r.cur = p.Credentials, m.Credentials
	default:
		return nil, false
	}
	var ok bool
	if r.e, ok = r.cur.ChangeFrom(r.old); !ok || !r.headersKept() || !r.plainEncoding() ||
		p.DefaultDropped() || m.DefaultDropped() || len(p.Profiles) != len(m.Profiles) {
		return nil, false
	}
	if l := r.old.Line(0); r.e.Pre <= l.SpanWithEOL().End {
		return nil, false // the first line's terminator is the one fixes give new lines
	}
	r.reach()
	m.InheritChains(p, r.affected)
	return r, true
}

// headersKept reports whether the sections read again have the header lines they had, each plain enough
// that both tools start a new section there whatever came before, and the header after them too.
func (r *recheck) headersKept() bool {
	e := r.e
	if !e.SameHeaders(r.old, r.cur) {
		return false
	}
	for _, s := range r.cur.Sections[e.FirstSection:e.NewStop] {
		if s.Header != nil && (!plainHeaderLine(r.cur, s.Header) || s.Inner() == "DEFAULT") {
			return false
		}
	}
	return e.NewStop == len(r.cur.Sections) || plainHeaderLine(r.cur, r.cur.Sections[e.NewStop].Header)
}

// plainHeaderLine is a header at the start of its line, "[" to "]" with no comment character or quote: both
// tools read it as a header wherever it stands.
func plainHeaderLine(f *awsfiles.File, l *awsfiles.Line) bool {
	t := f.LineText(l)
	return l.Plain() && len(t) > 1 && t[0] == '[' && t[len(t)-1] == ']' && l.Close() == l.Span().End-1
}

// plainEncoding reports that neither version of the file has a byte order mark or bytes that are not
// UTF-8: the encoding rules report those for the whole file at once.
func (r *recheck) plainEncoding() bool {
	return !r.old.BOM && !r.cur.BOM && len(r.old.InvalidUTF8) == 0 && len(r.cur.InvalidUTF8) == 0
}

// reach marks the profiles whose profile rules run again: those with a section read again, the users of a
// changed [sso-session] or [services] section, and every profile linked to one of them by source_profile
// in the old model or the new.
func (r *recheck) reach() {
	old, cur := r.prev.Model, r.m
	n := len(cur.Profiles)
	seed := make([]bool, n)
	var sessions, services map[string]bool
	for i := r.e.FirstSection; i < r.e.NewStop; i++ {
		s := r.cur.Sections[i]
		if s.Header == nil {
			continue
		}
		switch s.Head.Type {
		case awsfiles.SectionProfile:
			if p := cur.Profile(s.Head.Name); p != nil && p.Index() >= 0 {
				seed[p.Index()] = true
			}
		case awsfiles.SectionSSOSession:
			sessions = setOf(sessions, s.Head.Name)
		case awsfiles.SectionServices:
			services = setOf(services, s.Head.Name)
		}
	}
	if sessions != nil || services != nil {
		for _, model := range []*awsfiles.Model{old, cur} {
			for _, p := range model.Profiles {
				if sessions[p.ValueOf(awsfiles.KeySSOSession)] || services[p.Value("services")] {
					seed[p.Index()] = true
				}
			}
		}
	}

	// Each profile's component: the profiles linked to it by source_profile, in this version or any
	// since the last full check (a superset of what this edit needs, which is enough). An edit changes
	// only the links of the profiles it touched.
	comp := r.prev.comp
	if comp == nil {
		comp = components(old)
	}
	shared := true
	for i, s := range seed {
		if !s {
			continue
		}
		for _, src := range [2]*awsfiles.Profile{old.SourceOf(old.Profiles[i]), cur.LookupSource(cur.Profiles[i])} {
			if src == nil || src.Index() < 0 || comp[src.Index()] == comp[i] {
				continue
			}
			if shared {
				comp, shared = slices.Clone(comp), false
			}
			from, to := comp[src.Index()], comp[i]
			for k := range comp {
				if comp[k] == from {
					comp[k] = to
				}
			}
		}
	}
	r.comp = comp
	hit := make([]bool, n)
	for i, s := range seed {
		if s {
			hit[comp[i]] = true
		}
	}
	r.affected = make([]bool, n)
	for i := range r.affected {
		if hit[comp[i]] {
			r.affected[i] = true
			r.n++
		}
	}
}

// components labels each profile of m with its component: the profiles source_profile links it to, in
// either direction, share a label (the index of one of them).
func components(m *awsfiles.Model) []int32 {
	parent := make([]int32, len(m.Profiles))
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, p := range m.Profiles {
		if src := m.SourceOf(p); src != nil && src.Index() >= 0 {
			parent[find(int32(p.Index()))] = find(int32(src.Index()))
		}
	}
	for i := range parent {
		parent[i] = find(int32(i))
	}
	return parent
}

func setOf(m map[string]bool, k string) map[string]bool {
	if m == nil {
		m = map[string]bool{}
	}
	m[k] = true
	return m
}

// run checks what the edit reached and keeps the rest.
func (r *recheck) run() (*Checked, bool) {
	kept, ok := r.keep()
	if !ok {
		return nil, false
	}
	fresh, capped := r.checkReached()
	if capped {
		return nil, false
	}
	diags := mergeDiagnostics(kept, fresh)
	if overCap(diags) {
		return nil, false
	}
	return &Checked{Model: r.m, Diagnostics: diags, Profiles: r.n, comp: r.comp, mfa: r.mfa}, true
}

// overCap reports whether diagnostics sorted as Check sorts them hold more than MaxPerCode of a code in a
// file: a full check lists only MaxPerCode of them.
func overCap(diags []Diagnostic) bool {
	if len(diags) <= MaxPerCode {
		return false
	}
	counts := map[fileCode]int{}
	for i := range diags {
		k := fileCode{diags[i].File, diags[i].Code}
		if counts[k]++; counts[k] > MaxPerCode {
			return true
		}
	}
	return false
}

// fileCode is a code in a file.
type fileCode struct {
	file *awsfiles.File
	code string
}

// keep moves the previous diagnostics that the edit cannot have changed to the new files; ok is false
// when one of them points into the changed bytes.
func (r *recheck) keep() (kept []Diagnostic, ok bool) {
	e := r.e
	oldStopOff := len(r.old.String())
	if e.OldStop < len(r.old.Sections) {
		oldStopOff = r.old.Sections[e.OldStop].Header.Span().Start
	}
	// The line the change starts on and the one it ends on: a position after the change on that line moves
	// by a number of characters that only the new text can tell. The lines between are in the change.
	m := mover{from: r.old, to: r.cur, pre: e.Pre, oldEnd: e.OldEnd, delta: e.Delta, lineDelta: e.LineDelta,
		firstLine: r.old.LineAt(e.Pre), lastLine: r.old.LineAt(e.OldEnd)}
	kept = make([]Diagnostic, 0, len(r.prev.Diagnostics))
	for _, d := range r.prev.Diagnostics {
		switch {
		case d.origin >= 0 && r.affected[d.origin], d.origin == originAll:
			continue
		case (d.origin == originSection || d.origin == originKeys) && d.File == r.old && d.Range.Start.Offset >= e.StartOff && d.Range.Start.Offset < oldStopOff:
			continue
		case d.origin == originKeys && r.inAffectedProfile(&d):
			continue
		}
		if !m.diagnostic(&d) || e.LineDelta != 0 && namesALine(&d) {
			return nil, false
		}
		kept = append(kept, d)
	}
	return kept, true
}

// inAffectedProfile reports whether a diagnostic of the previous check lies in a section of a profile whose
// rules run again.
func (r *recheck) inAffectedProfile(d *Diagnostic) bool {
	s := d.File.SectionAt(d.Range.Start.Line)
	if s.Header == nil || s.Head.Type != awsfiles.SectionProfile {
		return false
	}
	p := r.prev.Model.Profile(s.Head.Name)
	return p != nil && p.Index() >= 0 && r.affected[p.Index()]
}

// mover takes a diagnostic's places from the old version of a file to the new one: offsets after the change
// move by its length, and lines after it by the number of lines it added or removed.
type mover struct {
	from, to            *awsfiles.File
	pre, oldEnd, delta  int
	lineDelta           int
	firstLine, lastLine int // the lines, in the old version, where the change starts and ends
}

// diagnostic moves every place of d (its range, related ranges and fixes' edits), and reports false when
// one lies on the changed lines. The lists of related places and fixes are the previous check's: they are
// copied before a place in them is moved, and shared when none is in the changed file (most are not).
func (m *mover) diagnostic(d *Diagnostic) bool {
	ok := m.rangeIn(&d.File, &d.Range)
	if slices.ContainsFunc(d.Related, func(r Related) bool { return r.File == m.from }) {
		d.Related = slices.Clone(d.Related)
		for i := range d.Related {
			ok = ok && m.rangeIn(&d.Related[i].File, &d.Related[i].Range)
		}
	}
	if slices.ContainsFunc(d.Fixes, m.touches) {
		d.Fixes = slices.Clone(d.Fixes)
		for i := range d.Fixes {
			edits := slices.Clone(d.Fixes[i].Edits)
			for j := range edits {
				if edits[j].File == m.from {
					edits[j].File = m.to
					ok = ok && m.offset(&edits[j].Span.Start) && m.offset(&edits[j].Span.End)
				}
			}
			d.Fixes[i].Edits = edits
		}
	}
	return ok
}

// touches reports whether a fix edits the changed file.
func (m *mover) touches(f Fix) bool {
	return slices.ContainsFunc(f.Edits, func(e awsfiles.Edit) bool { return e.File == m.from })
}

func (m *mover) rangeIn(f **awsfiles.File, r *awsfiles.Range) bool {
	if *f != m.from {
		return true
	}
	*f = m.to
	return m.position(&r.Start) && m.position(&r.End)
}

func (m *mover) position(p *awsfiles.Position) bool {
	if p.Line >= m.firstLine && p.Line <= m.lastLine {
		return false
	}
	if p.Line > m.lastLine {
		p.Line += m.lineDelta // the line's characters stay as they were
	}
	return m.offset(&p.Offset)
}

// namesALine reports whether a diagnostic's text names a line ("first set on line 12", "defined in config
// line 40", a fix "Remove line 12"): after an edit that adds or removes lines, the number may be stale,
// and only checking again can tell. It errs on the side of a full check: any "line " before a digit
// counts.
func namesALine(d *Diagnostic) bool {
	if hasLineNumber(d.Message) {
		return true
	}
	for _, r := range d.Related {
		if hasLineNumber(r.Message) {
			return true
		}
	}
	for _, f := range d.Fixes {
		if hasLineNumber(f.Title) {
			return true
		}
	}
	return false
}

func hasLineNumber(s string) bool {
	for {
		i := strings.Index(s, "line ")
		if i < 0 {
			return false
		}
		s = s[i+len("line "):]
		if s != "" && s[0] >= '0' && s[0] <= '9' {
			return true
		}
	}
}

// offset moves an offset before the change (unchanged) or after it (by delta); one inside it cannot move.
func (m *mover) offset(o *int) bool {
	switch {
	case *o < m.pre:
		return true
	case *o > m.oldEnd:
		*o += m.delta
		return true
	}
	return false
}

// checkReached runs the rules on what the edit reached, as Check would there.
func (r *recheck) checkReached() (fresh []Diagnostic, capped bool) {
	sc := &checkScope{file: r.cur, firstLine: r.e.StartLine, endLine: r.e.NewStopLine,
		sections: r.cur.Sections[r.e.FirstSection:r.e.NewStop], affected: r.affected,
		mfaBefore: r.prev.mfa, mfaAfter: make([]uint8, len(r.m.Profiles))}
	r.mfa = sc.mfaAfter
	sc.keySections = append(sc.keySections, sc.sections...)
	for i, p := range r.m.Profiles {
		if !r.affected[i] {
			continue
		}
		sc.profiles = append(sc.profiles, p)
		for _, s := range p.Sections {
			if s.File != r.cur || s.Header.Num() < r.e.StartLine || s.Header.Num() >= r.e.NewStopLine {
				sc.keySections = append(sc.keySections, s)
			}
		}
	}
	checkers, capped := checkEachRuleIn(r.m, sc)
	for _, c := range checkers {
		fresh = append(fresh, c.diags...)
	}
	sortDiagnostics(fresh)
	return fresh, capped
}

// checkScope is what a Recheck runs the rules on.
type checkScope struct {
	file               *awsfiles.File
	firstLine, endLine int                 // the line rules: file's lines firstLine up to endLine
	sections           []*awsfiles.Section // the plugin rules: these sections of file
	// keySections are the key rules': sections, and the other sections of profiles (in either file).
	keySections []*awsfiles.Section
	profiles    []*awsfiles.Profile // the profile rules (but the ones that look at every profile at once)
	affected    []bool              // by profile index: in profiles
	// mfaBefore is what the MFA hint found of each profile in the check before (nil: not known), mfaAfter
	// what it finds now.
	mfaBefore, mfaAfter []uint8
}

// mergeDiagnostics merges two lists sorted as sortDiagnostics sorts.
func mergeDiagnostics(a, b []Diagnostic) []Diagnostic {
	out := make([]Diagnostic, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if diagnosticBefore(&b[0], &a[0]) {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	out = append(out, a...)
	return append(out, b...)
}
