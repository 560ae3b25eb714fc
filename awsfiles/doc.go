// Package awsfiles reads the AWS shared config and credentials files the way the AWS tools do, and says
// precisely where they disagree.
//
// It has four layers, each usable alone:
//
//   - Syntax (Parse): a lossless, line-oriented tree. Every byte of the input belongs to exactly one Line,
//     and printing the tree (File.Bytes) gives the input back byte for byte. Each line keeps the spans of
//     its tokens (key, delimiter, value, header brackets) so that diagnostics and edits can point at them.
//   - Positions (File.Position, File.Offset): byte offset, 0-based line, and column in UTF-16 code units,
//     the unit LSP uses by default. This is the only place that converts between them.
//   - Model (Load, NewModel): the two files merged as botocore and aws-sdk-go-v2 merge them, profiles with
//     their kinds and settings, every setting remembering the file and range it came from, and the
//     resolved source chain of each profile.
//   - Rules (Check): diagnostics with stable codes (documented in docs/diagnostics.md), each with a range on
//     the offending token, a message that says what to do, related locations and, where one exists, a fix
//     expressed as byte edits. The rules are listed in one table (rules_table.go) with the codes each may
//     report and how it runs (per line, per setting, per section, per profile); the rules themselves live
//     in rules_*.go.
//
// The package knows nothing about LSP or STS. Secret values (aws_secret_access_key, aws_session_token) are
// parsed like any value but never copied into a diagnostic message.
package awsfiles
