package handlers

import (
	"context"

	"github.com/rolecall/rolecall/internal/keyops"
	"github.com/rolecall/rolecall/internal/wire"
	"github.com/rolecall/rolecall/keychain"
	"github.com/rolecall/rolecall/server"
)

// keysImport answers rolecall-ls.keys.import {profile, credentialsFile?}: it does what `rolecall keys
// import` does (keyops.Import: the keychain write read back before the file changes, the safe writer).
// The watcher then sees the new file and the hint goes away. The server has no terminal, so the
// encrypted-file keychain works here only with ROLECALL_FILE_PASSPHRASE in the editor's environment;
// the error says so.
func (h *Handlers) keysImport(_ context.Context, arg *wire.KeysImportArgs) (wire.KeysImportResult, error) {
	path := arg.CredentialsFile
	if path == "" {
		path = h.snapshot().Locations.Credentials
	}
	path = cleanPath(h.expandPath(path))
	getenv := func(name string) string { v, _ := h.opts.Env(name); return v }
	k, err := keychain.Open(keychain.ConfigFromEnv(getenv, nil))
	if err != nil {
		return wire.KeysImportResult{}, server.NewError(server.CodeRequestFailed, err.Error()).WithData(map[string]any{"reason": "keychain-unavailable"})
	}
	res, err := keyops.Import(k, path, arg.Profile)
	if err != nil {
		return wire.KeysImportResult{}, server.NewError(server.CodeRequestFailed, err.Error()).WithData(map[string]any{"reason": "keys-not-moved"})
	}
	return wire.KeysImportResult{Profile: res.Profile, Keychain: res.Keychain, AccessKeyID: res.KeyID, CredentialsFile: res.File}, nil
}
