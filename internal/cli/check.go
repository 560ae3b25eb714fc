package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/rolecall/rolecall/awsfiles"
)

func init() {
	commands["check"] = command{summary: "check the AWS config and credentials files", run: runCheck}
}

func runCheck(env Env, args []string) int {
	m, format, code, ok := loadForReport(env, "check", args)
	if !ok {
		return code
	}
	diags := awsfiles.Check(m)
	if format == "json" {
		writeDiagnosticsJSON(env.Stdout, diags)
	} else {
		writeDiagnosticsText(env.Stdout, diags)
		if len(diags) == 0 {
			fmt.Fprintf(env.Stdout, "No problems in %s or %s.\n", m.Config.Path, m.Credentials.Path)
		}
	}
	if awsfiles.HasErrors(diags) {
		return ExitFail
	}
	return ExitOK
}

func exitForFlagError(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	return ExitUsage
}

// writeDiagnosticsText prints like a compiler: path:line:col: severity: message [code], 1-based.
func writeDiagnosticsText(w io.Writer, diags []awsfiles.Diagnostic) {
	for _, d := range diags {
		fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", d.File.Path, d.Range.Start.Line+1, d.Range.Start.Character+1,
			d.Severity, d.Message, d.Code)
		for _, r := range d.Related {
			fmt.Fprintf(w, "%s:%d:%d: note: %s\n", r.File.Path, r.Range.Start.Line+1, r.Range.Start.Character+1, r.Message)
		}
	}
	errs, warns := count(diags)
	if len(diags) > 0 {
		fmt.Fprintf(w, "%d error(s), %d warning(s), %d other\n", errs, warns, len(diags)-errs-warns)
	}
}

func count(diags []awsfiles.Diagnostic) (errs, warns int) {
	for _, d := range diags {
		switch d.Severity {
		case awsfiles.SeverityError:
			errs++
		case awsfiles.SeverityWarning:
			warns++
		}
	}
	return errs, warns
}

type jsonDiagnostic struct {
	File     string         `json:"file"`
	Range    awsfiles.Range `json:"range"`
	Severity string         `json:"severity"`
	Code     string         `json:"code"`
	Message  string         `json:"message"`
	Related  []jsonRelated  `json:"related,omitempty"`
}

type jsonRelated struct {
	File    string         `json:"file"`
	Range   awsfiles.Range `json:"range"`
	Message string         `json:"message"`
}

// writeDiagnosticsJSON prints {"diagnostics":[...]} with 0-based LSP positions (UTF-16 characters).
func writeDiagnosticsJSON(w io.Writer, diags []awsfiles.Diagnostic) {
	out := struct {
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
	}{Diagnostics: []jsonDiagnostic{}}
	for _, d := range diags {
		jd := jsonDiagnostic{File: d.File.Path, Range: d.Range, Severity: d.Severity.String(), Code: d.Code, Message: d.Message}
		for _, r := range d.Related {
			jd.Related = append(jd.Related, jsonRelated{File: r.File.Path, Range: r.Range, Message: r.Message})
		}
		out.Diagnostics = append(out.Diagnostics, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(out)
}
