// Package handlers is the language server's AWS half: it decides which open documents are AWS config and
// credentials files, keeps one immutable snapshot of them per change, and registers every LSP feature on a
// server.Server, translating between the protocol and awsfiles (the parser, model and rules). It knows
// nothing of JSON-RPC framing or the lifecycle (package server) and holds no AWS file logic of its own.
//
//	srv := server.New(server.Stdio(), server.Options{Name: "rolecall", Logger: logger})
//	h := handlers.Register(srv, handlers.Options{})
//	code := srv.Run(ctx)
//	h.Close()
//
// # Documents and pairs
//
// A document is an AWS file when it is one of the located files (AWS_CONFIG_FILE /
// AWS_SHARED_CREDENTIALS_FILE, the configFile / credentialsFile settings, else ~/.aws/config and
// ~/.aws/credentials), when its path ends in .aws/config or .aws/credentials, or when its languageId is
// aws-config or aws-credentials; the path decides the kind when it names one, else the languageId.
//
// Every AWS document is read together with the file of the other kind, as the AWS tools read them: a
// located file (or an untitled: buffer) with the other located file, any other file with the file of the
// other kind in its directory. An open document overrides the file on disk. The main pair
// (the located files) is always in the snapshot, open or not.
//
// # Snapshots
//
// Every didOpen, didChange, didSave and didClose of an AWS document, every change on disk and every
// change of the files in the settings builds a new snapshot: the changed file parsed, its pair merged
// (awsfiles.NewModel) and checked (rules.Check), once; unchanged files and pairs are reused. Requests
// read the snapshot that is current when they start (the server runs them after every earlier
// notification), so they never parse.
//
// Diagnostics are published for the files of every pair that has an open document, both sides, with
// source "rolecall", the rule's code (linked to docs/diagnostics.md), related information in either file,
// and [] when clean; at most Options.MaxDiagnostics per file. A file whose diagnostics did not change is
// not published again.
//
// # Secrets
//
// No reply, notification or log line carries the value of a secret key (see secrets.go); access key IDs
// are masked. The rolecall-ls.credentials command (docs/commands.md) is the only exception, by design.
//
// # Extending
//
// Server commands (rolecall-ls.*) are listed in commands.go and live one per file; their JSON shapes
// are internal/wire's. They read the current snapshot; the session commands (commands_session.go) are
// told directly of new settings (clientSettings.Raw holds their fields), of every new snapshot and of
// shutdown. Options grows with their configuration.
package handlers
