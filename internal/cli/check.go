package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/rolecall/rolecall/awsfiles/rules"
)

func init() {
	commands["check"] = command{summary: "check the AWS config and credentials files", run: runCheck, oneShot: true}
}

func runCheck(env Env, args []string) int {
	m, format, code, ok := loadForReport(env, "check", args)
	if !ok {
		return code
	}
	diags := rules.Check(m)
	if format == "json" {
		writeDiagnosticsJSON(env.Stdout, diags)
	} else {
		writeDiagnosticsText(env.Stdout, diags)
		if len(diags) == 0 {
			writeClean(env.Stdout, m.Config.Path, m.Credentials.Path)
		}
	}
	if rules.HasErrors(diags) {
		return ExitFail
	}
	return ExitOK
}

// writeClean says which files were found clean, and how to start when there are none: on a new machine
// neither file exists yet, and "No problems" about files that are not there would mislead.
func writeClean(w io.Writer, config, credentials string) {
	hasConfig, hasCredentials := exists(config), exists(credentials)
	switch {
	case !hasConfig && !hasCredentials:
		fmt.Fprintf(w, "No AWS files yet: neither %s nor %s exists. Start with `aws configure` (access keys) or "+
			"`aws configure sso` (IAM Identity Center), or in VS Code run \"Rolecall (AWS): Open Config File\" and choose \"Create It\".\n",
			config, credentials)
	case !hasCredentials:
		fmt.Fprintf(w, "No problems in %s (there is no credentials file at %s).\n", config, credentials)
	case !hasConfig:
		fmt.Fprintf(w, "No problems in %s (there is no config file at %s).\n", credentials, config)
	default:
		fmt.Fprintf(w, "No problems in %s or %s.\n", config, credentials)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// writeDiagnosticsText prints like a compiler: path:line:col: severity: message [code], 1-based.
func writeDiagnosticsText(w io.Writer, diags []rules.Diagnostic) {
	for _, d := range diags {
		fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", d.File.Path, d.Range.Start.Line+1, d.Range.Start.Character+1,
			d.Severity, d.Message, d.Code)
		for _, r := range d.Related {
			fmt.Fprintf(w, "%s:%d:%d: note: %s\n", r.File.Path, r.Range.Start.Line+1, r.Range.Start.Character+1, r.Message)
		}
	}
	errs, warns := count(diags)
	if len(diags) > 0 {
		fmt.Fprintf(w, "%d error(s), %d warning(s), %d other", errs, warns, len(diags)-errs-warns)
		if n := unlisted(diags); n > 0 {
			fmt.Fprintf(w, " listed, and %d more not listed (at most %d of a kind per file)", n, rules.MaxPerCode)
		}
		fmt.Fprintln(w)
	}
}

// unlisted is how many diagnostics the check left out (rules.Diagnostic.Unlisted).
func unlisted(diags []rules.Diagnostic) int {
	n := 0
	for _, d := range diags {
		n += d.Unlisted
	}
	return n
}

func count(diags []rules.Diagnostic) (errs, warns int) {
	for _, d := range diags {
		switch d.Severity {
		case rules.SeverityError:
			errs++
		case rules.SeverityWarning:
			warns++
		}
	}
	return errs, warns
}
