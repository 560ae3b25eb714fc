package handlers

// registerCommands registers the server commands (workspace/executeCommand, IDs `rolecall-ls.<verb>`,
// documented in docs/commands.md). Each command lives in its own commands_<verb>.go file and is added to
// this one list, so the advertised set is visible in one place:
//
//	h.srv.HandleCommand("rolecall-ls.profiles", h.profilesCommand) // commands_profiles.go
//
// Commands read the workspace through h.Snapshot() (Main() is the pair of files the AWS tools use),
// take their settings from h.Settings() (Settings.Raw holds the fields this package does not know), and
// stop their background work in a hook added with h.OnShutdown. Editor-side commands such as
// rolecall.assumeRole (the code lens) are the extension's and are never registered here.
func (h *Handlers) registerCommands() { registerSessionCommands(h) }
