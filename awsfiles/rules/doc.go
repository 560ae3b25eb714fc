// Package rules checks a model of the AWS files (awsfiles.Model) the way the AWS tools would read it, and
// reports what breaks or divides them: diagnostics with stable codes (documented in docs/diagnostics.md),
// each with a range on the offending token, a message that says what to do, related locations and, where
// one exists, a fix expressed as byte edits.
//
// Every rule is a row of one table (table.go) that names it, lists the codes it may report and says how it
// runs: per line, per setting, per section, per profile. Check runs the table over a model; Recheck runs it
// again after an edit only where the edit reaches, and gives what Check would. A rule reads the model only
// through awsfiles' exported API.
//
// The package knows nothing about LSP or STS. Secret values (aws_secret_access_key, aws_session_token) are
// parsed like any value but never copied into a diagnostic message.
package rules
