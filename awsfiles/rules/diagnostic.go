package rules

import (
	"fmt"
	"sort"

	"github.com/rolecall/rolecall/awsfiles"
)

// Severity follows LSP's numbering so that the server can pass it through.
type Severity int32

const (
	SeverityError       Severity = 1 // breaks at least one mainstream tool
	SeverityWarning     Severity = 2 // tools silently disagree, or a likely mistake
	SeverityInformation Severity = 3
	SeverityHint        Severity = 4
)

var severityNames = map[Severity]string{SeverityError: "error", SeverityWarning: "warning",
	SeverityInformation: "information", SeverityHint: "hint"}

func (s Severity) String() string { return severityNames[s] }

// Diagnostic is one problem in one file. Code is a stable public name (docs/diagnostics.md); Message says
// what is wrong and how to fix it, and never holds a secret value.
type Diagnostic struct {
	File     *awsfiles.File
	Range    awsfiles.Range
	Severity Severity
	origin   int32 // what the diagnostic depends on, for Recheck: a profile's index, or one of the origin constants
	Code     string
	Message  string
	Related  []Related
	Fixes    []Fix
	// Unlisted is set on the last diagnostic listed of a code in a file when the check left more of them
	// out (MaxPerCode): how many more there are. Its message says so too.
	Unlisted int
}

// What a diagnostic depends on, besides the names of the sections (Recheck): a diagnostic reported while a
// profile rule looked at profile i has origin i, and depends on what that profile's chain and sso-session
// reach; the others have one of these.
const (
	originSection int32 = -1 - iota // the section it lies in, and nothing else (the line and plugin rules)
	originKeys                      // the section it lies in, and the profile that section belongs to (the key rules)
	originHeaders                   // the header lines of its file (section names, duplicates, the default pair)
	originAll                       // every profile (a rule that reports once for all of them)
)

// Related points at the other end of a problem: where a duplicate first stood, where a cycle closes.
type Related struct {
	File    *awsfiles.File
	Range   awsfiles.Range
	Message string
}

// Fix is a change that solves a diagnostic, as byte edits. Preferred marks the one an editor may apply
// without asking.
type Fix struct {
	Title     string
	Edits     []awsfiles.Edit
	Preferred bool
}

// checker collects diagnostics for one model.
type checker struct {
	m      *awsfiles.Model
	scope  *checkScope // nil: the whole model; else what a Recheck runs the rules on
	origin int32       // the origin of what the rule reports now
	diags  []Diagnostic
	// hint is, per file (config, credentials), the line of the last position found: rules report in
	// file order, so the next one is usually a few lines further.
	hint [2]int
	// counts are how many diagnostics of each code the rule reported in each file (a rule reports a few
	// codes), for MaxPerCode.
	counts []codeCount
	// keySets are the key rules' did-you-mean candidates, by set (suggestKey).
	keySets map[string]*nameHints
}

// MaxPerCode is how many diagnostics of one code a check lists in one file. A file of garbage (a log, a
// million unreadable lines) would otherwise cost memory and output for every line; past the limit a rule's
// findings are only counted, and the last one listed says how many more there are.
const MaxPerCode = 10_000

// codeCount is how many diagnostics of a code a checker reported in a file, and where the last one it
// listed is in its list.
type codeCount struct {
	file *awsfiles.File
	code string
	n    int
	last int
}

// countOf is the count of code in f, or nil before the first.
func (c *checker) countOf(f *awsfiles.File, code string) *codeCount {
	for i := range c.counts {
		if k := &c.counts[i]; k.file == f && k.code == code {
			return k
		}
	}
	return nil
}

// admit counts a diagnostic of code in f about to be reported and says whether to list it.
func (c *checker) admit(f *awsfiles.File, code string) bool {
	k := c.countOf(f, code)
	if k == nil {
		c.counts = append(c.counts, codeCount{file: f, code: code, n: 1, last: len(c.diags)})
		return true
	}
	k.n++
	if k.n == MaxPerCode {
		k.last = len(c.diags)
	}
	return k.n <= MaxPerCode
}

// dropped counts a diagnostic of code in f that would not be listed, because MaxPerCode of them are, and
// reports whether it was one: a rule that can report on every line asks before it builds the message.
func (c *checker) dropped(f *awsfiles.File, code string) bool {
	if k := c.countOf(f, code); k != nil && k.n >= MaxPerCode {
		k.n++
		return true
	}
	return false
}

// noteUnlisted tells, in the last diagnostic listed of each code that went past MaxPerCode, how many
// more there are; it reports whether there were any.
func (c *checker) noteUnlisted() (capped bool) {
	for _, k := range c.counts {
		if k.n > MaxPerCode {
			d := &c.diags[k.last]
			d.Unlisted = k.n - MaxPerCode
			d.Message += fmt.Sprintf(" (%d more like this in this file are not listed: Rolecall lists "+
				"at most %d of a kind per file.)", d.Unlisted, MaxPerCode)
			capped = true
		}
	}
	return capped
}

// rangeOf is f.RangeOf, starting the search for the line where the last one ended.
func (c *checker) rangeOf(f *awsfiles.File, s awsfiles.Span) awsfiles.Range {
	i := 0
	if f == c.m.Credentials {
		i = 1
	} else if f != c.m.Config {
		return f.RangeOf(s)
	}
	r := f.RangeNear(s, c.hint[i])
	c.hint[i] = r.Start.Line
	return r
}

// rule is one row of ruleTable: one check, the codes it may report, and how it runs. Most rules look
// at one profile at a time: Check runs those together, profile by profile, so that each profile's
// settings are read from memory once for all of them instead of once per rule. The others (whole) make
// their own pass over the files.
type rule struct {
	name    string   // a short stable name, for tests and profiles of the checker
	runs    ruleRuns // what the rule looks at; it decides whether whole or profile is set
	codes   codeList
	whole   func(c *checker)
	profile func() profileRule // a fresh instance (and state) for each Check
	// everyProfile marks a profile rule that reports once for all profiles (Recheck runs it on every one).
	everyProfile bool
}

// ruleRuns says what a rule looks at, and so how Check runs it.
type ruleRuns int

const (
	perLine    ruleRuns = iota // one pass over every line of both files (whole)
	perSetting                 // every key = value of every section (whole)
	perSection                 // the sections of one kind it looks for (whole)
	perProfile                 // each profile of the model in turn, with the other profile rules (profile)
	// perProfileBeside is perProfile on the goroutine of the whole-file rules when Check runs the two
	// groups at once: it balances them (the line rules alone take half as long as the profile rules).
	perProfileBeside
)

// byProfile reports whether the rule runs profile by profile.
func (r ruleRuns) byProfile() bool { return r == perProfile || r == perProfileBeside }

// codeList is the codes a rule may report, each with its usual severity and the line of the index in
// docs/diagnostics.md.
type codeList []struct {
	code     string
	severity Severity
	summary  string
}

// profileRule is a rule over profiles: check sees every profile of the model in order, then done runs
// once (for a rule that reports what it gathered).
type profileRule interface {
	check(c *checker, p *awsfiles.Profile)
	done(c *checker)
}

// eachProfile is a profileRule without state.
type eachProfile func(c *checker, p *awsfiles.Profile)

func (r eachProfile) check(c *checker, p *awsfiles.Profile) { r(c, p) }
func (eachProfile) done(*checker)                           {}

// each makes a stateless profileRule.
func each(f func(c *checker, p *awsfiles.Profile)) func() profileRule {
	return func() profileRule { return eachProfile(f) }
}

// codeInfo is what the package knows about each public diagnostic code.
type codeInfo struct {
	Severity Severity // the usual severity (a rule may use another for a milder case)
	Summary  string   // the line of the index in docs/diagnostics.md
	rule     string   // the name of the rule that reports it
}

// codes is every public code, from ruleTable.
var codes = codesOf(ruleTable)

func codesOf(table []rule) map[string]codeInfo {
	out := map[string]codeInfo{}
	for _, r := range table {
		for _, c := range r.codes {
			out[c.code] = codeInfo{Severity: c.severity, Summary: c.summary, rule: r.name}
		}
	}
	return out
}

// Codes lists every public diagnostic code, sorted.
func Codes() []string {
	out := make([]string, 0, len(codes))
	for c := range codes {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// Check runs every rule over the model and returns the diagnostics sorted by file (config first), then
// position, then code. The same bytes always give the same diagnostics: `rolecall check` and the language
// server both call this. In each file it lists at most MaxPerCode diagnostics of a code.
func Check(m *awsfiles.Model) []Diagnostic {
	diags, _ := check(m)
	return diags
}

// check is Check, and whether it left diagnostics unlisted (MaxPerCode).
func check(m *awsfiles.Model) (diags []Diagnostic, capped bool) {
	checkers, capped := checkEachRule(m)
	n, roomiest := 0, 0
	for i := range checkers {
		n += len(checkers[i].diags)
		if cap(checkers[i].diags) > cap(checkers[roomiest].diags) {
			roomiest = i
		}
	}
	// When one rule made most of them (the plaintext-keys hint on every profile with keys), its list
	// usually has room for the others: no second copy of them all. The order they join in does not
	// matter: the sort's key (file, place, code) ties only diagnostics of one code, hence of one rule,
	// which keep their order.
	diags = checkers[roomiest].diags
	if diags == nil || cap(diags) < n {
		diags, roomiest = make([]Diagnostic, 0, n), -1
	}
	for i := range checkers {
		if i != roomiest {
			diags = append(diags, checkers[i].diags...)
		}
	}
	sortDiagnostics(diags)
	return diags, capped
}

// checkEachRule runs every rule of ruleTable over the model; the checker at index i holds what rule i
// reported.
func checkEachRule(m *awsfiles.Model) (checkers []checker, capped bool) {
	return checkEachRuleIn(m, nil)
}

// checkEachRuleIn is checkEachRule on a scope (nil: everything). capped says that a rule left
// diagnostics unlisted (MaxPerCode).
func checkEachRuleIn(m *awsfiles.Model, sc *checkScope) (checkers []checker, capped bool) {
	checkers = make([]checker, len(ruleTable))
	var here, beside, every profilePass
	for i, r := range ruleTable {
		checkers[i].m, checkers[i].scope = m, sc
		switch {
		case r.runs.byProfile() && r.everyProfile && sc != nil:
			every.add(r.profile(), &checkers[i])
		case r.runs == perProfileBeside:
			beside.add(r.profile(), &checkers[i])
		case r.runs == perProfile:
			here.add(r.profile(), &checkers[i])
		}
	}
	profiles := m.Profiles
	if sc != nil {
		profiles = sc.profiles
	}
	other := func() {
		for i, r := range ruleTable {
			if !r.runs.byProfile() {
				checkers[i].origin = originSection
				r.whole(&checkers[i])
			}
		}
		beside.run(profiles)
	}
	// On a large model the two groups of rules run at once, the other on another goroutine: they only
	// read the model, and each rule reports into its own list.
	wait := other
	if sc == nil && len(m.Config.Src())+len(m.Credentials.Src()) >= parallelCheckMin {
		wait = goAndWait(other)
	}
	here.run(profiles)
	every.run(m.Profiles)
	wait()
	for i := range checkers {
		capped = checkers[i].noteUnlisted() || capped
	}
	return checkers, capped
}

// profilePass runs profile rules together, profile by profile.
type profilePass struct {
	rules    []profileRule
	checkers []*checker
}

func (p *profilePass) add(r profileRule, c *checker) {
	p.rules, p.checkers = append(p.rules, r), append(p.checkers, c)
}

func (p *profilePass) run(profiles []*awsfiles.Profile) {
	for _, prof := range profiles {
		for i, r := range p.rules {
			p.checkers[i].origin = int32(prof.Index())
			r.check(p.checkers[i], prof)
		}
	}
	for i, r := range p.rules {
		p.checkers[i].origin = originAll // a rule that reports here for one profile's chain says whose
		r.done(p.checkers[i])
	}
}

// parallelCheckMin is the size of the two files from which Check runs its two groups of rules at once.
var parallelCheckMin = 256 << 10

// goAndWait runs f on another goroutine and returns the function that waits for it. A panic in f is
// raised again by wait, on the caller's goroutine, where the caller can recover it.
func goAndWait(f func()) (wait func()) {
	done := make(chan struct{})
	var failure any
	go func() {
		defer func() {
			failure = recover()
			close(done)
		}()
		f()
	}()
	return func() {
		<-done
		if failure != nil {
			panic(failure)
		}
	}
}

// sortDiagnostics orders diagnostics by file (config first), then position, then code; diagnostics equal
// in all three keep their order.
func sortDiagnostics(diags []Diagnostic) {
	sort.SliceStable(diags, func(i, j int) bool { return diagnosticBefore(&diags[i], &diags[j]) })
}

// diagnosticBefore is the order of sortDiagnostics.
func diagnosticBefore(a, b *Diagnostic) bool {
	if a.File.Kind != b.File.Kind {
		return a.File.Kind < b.File.Kind
	}
	if a.Range.Start.Offset != b.Range.Start.Offset {
		return a.Range.Start.Offset < b.Range.Start.Offset
	}
	return a.Code < b.Code
}

// report adds a diagnostic on a span of a file.
func (c *checker) report(f *awsfiles.File, s awsfiles.Span, sev Severity, code, msg string, opts ...diagOption) {
	if !c.admit(f, code) {
		return
	}
	d := Diagnostic{File: f, Range: c.rangeOf(f, s), Severity: sev, Code: code, Message: msg, origin: c.origin}
	for _, o := range opts {
		o(&d)
	}
	c.diags = append(c.diags, d)
}

type diagOption func(*Diagnostic)

// related adds a related location.
func related(f *awsfiles.File, s awsfiles.Span, msg string) diagOption {
	return func(d *Diagnostic) {
		d.Related = append(d.Related, Related{File: f, Range: f.RangeOf(s), Message: msg})
	}
}

// fix adds a fix made of edits to one file.
func fix(title string, preferred bool, edits ...awsfiles.Edit) diagOption {
	return func(d *Diagnostic) { d.Fixes = append(d.Fixes, Fix{Title: title, Edits: edits, Preferred: preferred}) }
}

// Diagnostics filters diagnostics for one file.
func Diagnostics(all []Diagnostic, f *awsfiles.File) []Diagnostic {
	n := 0
	for i := range all {
		if all[i].File == f {
			n++
		}
	}
	out := make([]Diagnostic, 0, n)
	for i := range all {
		if all[i].File == f {
			out = append(out, all[i])
		}
	}
	return out
}

// HasErrors reports whether any diagnostic is at error severity.
func HasErrors(diags []Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// In reports whether the diagnostic starts inside one of the profile's sections (in either file).
func (d *Diagnostic) In(p *awsfiles.Profile) bool {
	for _, s := range p.Sections {
		if r := s.Range(); d.File == s.File && d.Range.Start.Offset >= r.Start.Offset && d.Range.Start.Offset <= r.End.Offset {
			return true
		}
	}
	return false
}
