package handlers

import "github.com/rolecall/rolecall/awsfiles/rules"

// hintSettings turn single hints off (docs/lsp.md, "Settings"); an absent setting means on.
type hintSettings struct {
	// PlaintextKeys is rolecall.hints.plaintextKeys: the plaintext-keys hint on long-term keys in the
	// credentials file.
	PlaintextKeys *bool `json:"plaintextKeys"`
}

func (h hintSettings) plaintextKeys() bool { return h.PlaintextKeys == nil || *h.PlaintextKeys }

// withoutHintsOff drops the diagnostics the settings turned off. It returns diags itself when nothing
// is off, so the common case costs nothing.
func withoutHintsOff(diags []rules.Diagnostic, h hintSettings) []rules.Diagnostic {
	if h.plaintextKeys() {
		return diags
	}
	out := make([]rules.Diagnostic, 0, len(diags))
	for _, d := range diags {
		if d.Code != rules.CodePlaintextKeys {
			out = append(out, d)
		}
	}
	return out
}
