package awsfiles

import (
	"sort"
)

// Severity follows LSP's numbering so that the server can pass it through.
type Severity int

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
	File     *File
	Range    Range
	Severity Severity
	Code     string
	Message  string
	Related  []Related
	Fixes    []Fix
}

// Related points at the other end of a problem: where a duplicate first stood, where a cycle closes.
type Related struct {
	File    *File
	Range   Range
	Message string
}

// Fix is a change that solves a diagnostic, as byte edits. Preferred marks the one an editor may apply
// without asking.
type Fix struct {
	Title     string
	Edits     []Edit
	Preferred bool
}

// Edit replaces a span of a file with new text.
type Edit struct {
	File    *File
	Span    Span
	NewText string
}

// checker collects diagnostics for one model.
type checker struct {
	m     *Model
	diags []Diagnostic
}

// rule is one check over the whole model. Rules live in rules_*.go, grouped by what they look at.
type rule func(c *checker)

// rules is the full rule set, in no particular order: Check sorts the result.
var rules []rule

// codeInfo is what the package knows about each public diagnostic code.
type codeInfo struct {
	Severity Severity // the usual severity (a rule may use another for a milder case)
	Summary  string
}

var codes = map[string]codeInfo{}

// register adds a rule and declares the codes it may report. Every code must have a test case in
// testdata/rules/<code>.txtar and a section in docs/diagnostics.md (rules_test.go checks both).
func register(r rule, declared map[string]codeInfo) {
	rules = append(rules, r)
	for code, info := range declared {
		codes[code] = info
	}
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

// CodeSummary is a one-line description of a code ("" for an unknown code).
func CodeSummary(code string) string { return codes[code].Summary }

// Check runs every rule over the model and returns the diagnostics sorted by file (config first), then
// position, then code. The same bytes always give the same diagnostics: `rolecall check` and the language
// server both call this.
func Check(m *Model) []Diagnostic {
	c := &checker{m: m}
	for _, r := range rules {
		r(c)
	}
	sort.SliceStable(c.diags, func(i, j int) bool {
		a, b := c.diags[i], c.diags[j]
		if a.File.Kind != b.File.Kind {
			return a.File.Kind < b.File.Kind
		}
		if a.Range.Start.Offset != b.Range.Start.Offset {
			return a.Range.Start.Offset < b.Range.Start.Offset
		}
		return a.Code < b.Code
	})
	return c.diags
}

// report adds a diagnostic on a span of a file.
func (c *checker) report(f *File, s Span, sev Severity, code, msg string, opts ...diagOption) {
	d := Diagnostic{File: f, Range: f.RangeOf(s), Severity: sev, Code: code, Message: msg}
	for _, o := range opts {
		o(&d)
	}
	c.diags = append(c.diags, d)
}

type diagOption func(*Diagnostic)

// related adds a related location.
func related(f *File, s Span, msg string) diagOption {
	return func(d *Diagnostic) {
		d.Related = append(d.Related, Related{File: f, Range: f.RangeOf(s), Message: msg})
	}
}

// fix adds a fix made of edits to one file.
func fix(title string, preferred bool, edits ...Edit) diagOption {
	return func(d *Diagnostic) { d.Fixes = append(d.Fixes, Fix{Title: title, Edits: edits, Preferred: preferred}) }
}

// Diagnostics filters diagnostics for one file.
func Diagnostics(all []Diagnostic, f *File) []Diagnostic {
	out := []Diagnostic{}
	for _, d := range all {
		if d.File == f {
			out = append(out, d)
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
