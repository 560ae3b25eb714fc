package conformance

import (
	"fmt"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
)

// checkFileErrors handles botocore refusing a whole file (ConfigParseError: the AWS CLI cannot start at
// all). The case must say which codes report it, and at least one error must be reported in that file.
func (r *caseRun) checkFileErrors(registered map[string]bool) {
	if r.boto == nil {
		return
	}
	pe := r.boto.Cases[r.c.Name].ParseError
	if pe == nil {
		return
	}
	r.t.Logf("botocore rejects the whole %s file: %s", pe.File, pe.Message)
	e := r.c.fileExpectation(pe.File)
	if e == nil {
		r.t.Errorf("botocore rejects the whole %s file, but the case has no `file %s: codes CODE...` line",
			pe.File, pe.File)
		return
	}
	if !r.anyRegistered(e, registered) {
		return
	}
	for _, d := range r.diags {
		if d.File.Kind.String() == pe.File && d.Severity == rules.SeverityError {
			return
		}
	}
	r.t.Errorf("botocore rejects the whole %s file, but Check reports no error in it:\n%s", pe.File, r.dump())
}

// requireExplained asks for at least one diagnostic on a profile the readers disagree on.
func (r *caseRun) requireExplained(name string, diffs []string, registered map[string]bool) {
	e := r.c.expectationFor(name)
	if e == nil {
		r.t.Errorf("profile %q: the readers disagree but the case has no `profile %s: codes CODE...` line:\n  %s",
			name, name, strings.Join(diffs, "\n  "))
		return
	}
	if !r.anyRegistered(e, registered) {
		return
	}
	for _, d := range r.diags {
		if r.onProfile(d, name) || r.onPinnedLine(d, e) {
			return
		}
	}
	r.t.Errorf("profile %q: the readers disagree, but Check reports nothing on its lines:\n  %s\nall diagnostics:\n%s",
		name, strings.Join(diffs, "\n  "), r.dump())
}

// anyRegistered reports whether some code of the expectation exists; the others are noted as pending.
func (r *caseRun) anyRegistered(e *expectation, registered map[string]bool) bool {
	any := false
	for _, c := range e.Codes {
		if registered[c.Code] {
			any = true
		} else {
			r.pending[c.Code] = true
		}
	}
	return any
}

// checkExpectations proves that each listed code fires where the case says.
func (r *caseRun) checkExpectations(registered map[string]bool) {
	for i := range r.c.Expect {
		e := &r.c.Expect[i]
		for _, code := range e.Codes {
			if !registered[code.Code] {
				r.pending[code.Code] = true
				continue
			}
			if !r.fires(e, code) {
				r.t.Errorf("%s: expected %s %s, not reported there; all diagnostics:\n%s",
					e.where(), code.Code, code.placeText(), r.dump())
			}
		}
	}
}

func (r *caseRun) fires(e *expectation, code expectedCode) bool {
	for _, d := range r.diags {
		if d.Code != code.Code {
			continue
		}
		switch {
		case code.Line > 0:
			if d.File.Kind.String() == code.File && d.Range.Start.Line+1 <= code.Line && code.Line <= d.Range.End.Line+1 {
				return true
			}
		case e.File != "":
			if d.File.Kind.String() == e.File {
				return true
			}
		case r.onProfile(d, e.Profile):
			return true
		}
	}
	return false
}

// checkClean fails on any warning or error that the case does not list: realistic files must not get
// false alarms.
func (r *caseRun) checkClean() {
	if !r.c.Clean {
		return
	}
	allowed := map[string]bool{}
	for _, e := range r.c.Expect {
		for _, c := range e.Codes {
			allowed[c.Code] = true
		}
	}
	for _, d := range r.diags {
		if d.Severity <= rules.SeverityWarning && !allowed[d.Code] {
			r.t.Errorf("false alarm on a case marked clean: %s", formatDiag(d))
		}
	}
}

// onProfile reports whether a diagnostic starts on a line of one of the profile's sections (header
// through last line). For a name the model does not have (a tool reads the header otherwise, such as
// `"foo bar"` with its quotes), the sections whose header text contains the name count.
func (r *caseRun) onProfile(d rules.Diagnostic, name string) bool {
	line := d.Range.Start.Line
	within := func(s *awsfiles.Section) bool {
		if s.File.Kind != d.File.Kind || s.Header == nil {
			return false
		}
		last := s.Header.Num()
		if first, end := s.LineNums(); end > first {
			last = end - 1
		}
		return s.Header.Num() <= line && line <= last
	}
	if p := r.model.Profile(name); p != nil {
		for _, s := range p.Sections {
			if within(s) {
				return true
			}
		}
		return false
	}
	for _, f := range r.model.Files() {
		for _, s := range f.Sections {
			if s.Header != nil && strings.Contains(s.Inner(), name) && within(s) {
				return true
			}
		}
	}
	return false
}

func (r *caseRun) onPinnedLine(d rules.Diagnostic, e *expectation) bool {
	for _, c := range e.Codes {
		if c.Line > 0 && d.File.Kind.String() == c.File && d.Range.Start.Line+1 <= c.Line && c.Line <= d.Range.End.Line+1 {
			return true
		}
	}
	return false
}

func (e *expectation) where() string {
	if e.File != "" {
		return "file " + e.File
	}
	return fmt.Sprintf("profile %q", e.Profile)
}

func (c expectedCode) placeText() string {
	if c.Line > 0 {
		return fmt.Sprintf("at %s line %d", c.File, c.Line)
	}
	return "on its lines"
}

func (r *caseRun) dump() string {
	if len(r.diags) == 0 {
		return "  (none)"
	}
	var b strings.Builder
	for _, d := range r.diags {
		b.WriteString("  " + formatDiag(d) + "\n")
	}
	return b.String()
}

func formatDiag(d rules.Diagnostic) string {
	return fmt.Sprintf("%s:%d:%d %s %s: %s", d.File.Kind, d.Range.Start.Line+1, d.Range.Start.Character+1,
		d.Severity, d.Code, d.Message)
}
