// Package keychain keeps Rolecall's secrets in the operating system's keychain instead of plaintext
// files: a profile's long-term access keys (`rolecall keys`), and MFA sessions so that they outlive a
// restart. It knows nothing of LSP or of the AWS files; it stores and loads records under the service
// name "rolecall".
//
// The backends are github.com/99designs/keyring's (the library aws-vault uses): the Secret Service on
// Linux (GNOME Keyring, KWallet 5.97+, KeePassXC), the macOS Keychain, the Windows Credential Manager,
// and an encrypted file where none of those is available. docs/secrets.md says which were tested where.
//
// Every record type prints masked (String, GoString, LogValue): a stray %v or log line shows the
// masked access key ID and never a secret.
package keychain
