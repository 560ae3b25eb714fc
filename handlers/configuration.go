package handlers

import (
	"bytes"
	"context"
	"fmt"

	"go.lsp.dev/protocol"
)

// didChangeConfiguration takes new settings ({"rolecall": {…}} or the object itself). When they name
// other files, the snapshot is rebuilt, diagnostics follow, and the watcher moves to the new files. A
// null settings object (some clients send it to mean "ask me") changes nothing.
func (h *Handlers) didChangeConfiguration(ctx context.Context, p *protocol.DidChangeConfigurationParams) error {
	raw := bytes.TrimSpace(p.Settings)
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	s, err := decodeSettings(raw)
	if err != nil {
		return fmt.Errorf("ignoring workspace/didChangeConfiguration: %w", err)
	}
	old := h.currentSettings()
	h.settings.Store(&s)
	if !old.sameFiles(s) {
		snap := h.rebuild(ctx, "")
		h.log.Info("AWS files located", "config", snap.Locations.Config, "credentials", snap.Locations.Credentials)
		h.restartWatching(ctx, snap.Locations)
	} else if old.Hints.plaintextKeys() != s.Hints.plaintextKeys() {
		h.rebuild(ctx, "") // hints.go: a hint turned on or off
	}
	h.sessions.applySettings(s.Raw)
	return nil
}
