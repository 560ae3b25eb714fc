package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// clientSettings are what the client sends as initializationOptions and, under "rolecall", in
// workspace/didChangeConfiguration (docs/lsp.md). The file paths decide the snapshot; the session
// settings are decoded from Raw by the session commands (commands_session.go, applySettings).
type clientSettings struct {
	// ConfigFile and CredentialsFile override AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE and ~/.aws;
	// "" keeps the AWS tools' own resolution. A leading ~ means the home directory.
	ConfigFile      string `json:"configFile"`
	CredentialsFile string `json:"credentialsFile"`
	// Hints turns single hint diagnostics off (hints.go).
	Hints hintSettings `json:"hints"`
	// Raw is the settings object exactly as the client sent it ({} when it sent none).
	Raw json.RawMessage `json:"-"`
}

// decodeSettings reads a settings object. It accepts the object itself ({"configFile": …}) and the
// object wrapped as {"rolecall": {…}}, as VS Code's configuration sync sends it. Null and absent give
// the zero clientSettings. Fields of the wrong type are an error that names the field.
func decodeSettings(raw []byte) (clientSettings, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return clientSettings{Raw: json.RawMessage("{}")}, nil
	}
	var wrapped struct {
		Rolecall json.RawMessage `json:"rolecall"`
	}
	if err := json.Unmarshal(raw, &wrapped); err != nil {
		return clientSettings{}, fmt.Errorf("the settings are not a JSON object; send {\"configFile\": \"…\", \"credentialsFile\": \"…\"}")
	}
	if len(wrapped.Rolecall) > 0 && string(wrapped.Rolecall) != "null" {
		raw = wrapped.Rolecall
	}
	var s clientSettings
	if err := json.Unmarshal(raw, &s); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return clientSettings{}, fmt.Errorf("the setting %q must be a %s; the file paths are strings", te.Field, te.Type)
		}
		return clientSettings{}, fmt.Errorf("the settings do not decode (%v); send {\"configFile\": \"…\", \"credentialsFile\": \"…\"}", err)
	}
	s.Raw = append(json.RawMessage(nil), raw...)
	return s, nil
}

// sameFiles reports whether two settings name the same files.
func (s clientSettings) sameFiles(o clientSettings) bool {
	return s.ConfigFile == o.ConfigFile && s.CredentialsFile == o.CredentialsFile
}

// locations resolves the pair of files the AWS tools would read, with the settings' overrides: the
// "located" files, which are always part of the snapshot.
func (h *Handlers) locations(s clientSettings) awsfiles.Locations {
	loc := awsfiles.Locate(h.opts.Env, h.opts.Home)
	if s.ConfigFile != "" {
		loc.Config, loc.ConfigFromEnv = h.expandPath(s.ConfigFile), false
	}
	if s.CredentialsFile != "" {
		loc.Credentials, loc.CredentialsFromEnv = h.expandPath(s.CredentialsFile), false
	}
	loc.Config, loc.Credentials = cleanPath(loc.Config), cleanPath(loc.Credentials)
	return loc
}

// expandPath expands a leading ~ to the home directory.
func (h *Handlers) expandPath(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`) {
		return filepath.Join(h.opts.Home, p[1:])
	}
	return p
}

// cleanPath makes a path absolute and clean, so that paths from settings, the environment and document
// URIs compare equal.
func cleanPath(p string) string {
	if p == "" {
		return ""
	}
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}
