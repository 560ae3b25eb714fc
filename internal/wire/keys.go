package wire

import "errors"

// CommandKeysImport moves a profile's access keys from the credentials file into the OS keychain, as
// `rolecall keys import` does: KeysImportArgs → KeysImportResult. The quick fix "Move these keys to the
// keychain" on a plaintext-keys hint runs it.
const CommandKeysImport = "rolecall-ls.keys.import"

// KeysImportArgs names the profile; CredentialsFile is the credentials file whose section to move
// (default: the one the server located).
type KeysImportArgs struct {
	Profile         string `json:"profile"`
	CredentialsFile string `json:"credentialsFile,omitempty"`
}

// Validate requires the profile.
func (a *KeysImportArgs) Validate() error {
	if a.Profile == "" {
		return errors.New(`needs the profile whose keys to move: {"profile": "<name>"}`)
	}
	return nil
}

// KeysImportResult says where the keys went, without a secret: the key ID is masked.
type KeysImportResult struct {
	Profile         string `json:"profile"`
	Keychain        string `json:"keychain"`        // e.g. "Secret Service (collection login)"
	AccessKeyID     string `json:"accessKeyId"`     // masked: AKIA…WXYZ
	CredentialsFile string `json:"credentialsFile"` // the file that now holds the credential_process line
}
