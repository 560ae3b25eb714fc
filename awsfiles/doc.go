// Package awsfiles reads the AWS shared config and credentials files the way the AWS tools do, and says
// precisely where they disagree.
//
// It has three layers, each usable alone, and the rules live in the package awsfiles/rules on top of them:
//
//   - Syntax (Parse): a lossless, line-oriented tree. Every byte of the input belongs to exactly one Line,
//     and printing the tree (File.Bytes) gives the input back byte for byte. Each line keeps the spans of
//     its tokens (key, delimiter, value, header brackets) so that diagnostics and edits can point at them.
//   - Positions (File.Position, File.Offset): byte offset, 0-based line, and column in UTF-16 code units,
//     the unit LSP uses by default. This is the only place that converts between them.
//   - Model (Load, NewModel): the two files merged as botocore and aws-sdk-go-v2 merge them, profiles with
//     their kinds and settings, every setting remembering the file and range it came from, and the
//     resolved source chain of each profile.
//
// What the rules read is this package's exported API: the lines and their token spans, sections, entries,
// the merged profiles with their settings by name or by number (KeyID), what the model knows of each chain
// (Model.ChainInfo), and what Reparse read again (File.ChangeFrom) for an incremental check.
//
// The package knows nothing about LSP or STS. Secret values (aws_secret_access_key, aws_session_token) are
// parsed like any value but never copied into a diagnostic message.
package awsfiles
