package keychain

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/99designs/keyring"
)

// ServiceName is the service every record is stored under (the macOS Keychain's service, the Windows
// Credential Manager's target prefix).
const ServiceName = "rolecall"

// Backend names one kind of keychain. The values are the ones ROLECALL_KEYCHAIN_BACKEND accepts.
type Backend string

const (
	SecretService  Backend = "secret-service" // Linux desktops: GNOME Keyring, KWallet, KeePassXC over D-Bus
	MacOSKeychain  Backend = "keychain"       // macOS (needs a binary built with cgo)
	WindowsCredMan Backend = "wincred"        // Windows Credential Manager
	KWallet        Backend = "kwallet"        // KDE's own D-Bus interface, for KWallet without the Secret Service
	EncryptedFile  Backend = "file"           // the fallback: one JWE file per record, under a passphrase
)

// autoOrder is the order Open tries when no backend is named: the operating system's keychains first,
// the encrypted file last. The kernel keyring (keyctl) and pass are left out: the first forgets
// everything at reboot, the second needs a GnuPG setup Rolecall cannot check.
var autoOrder = []Backend{WindowsCredMan, MacOSKeychain, SecretService, KWallet, EncryptedFile}

// DefaultCollection is the Secret Service collection Rolecall's items go in: the user's login keyring,
// which the desktop unlocks at login. A collection of Rolecall's own would make the desktop ask the user
// to invent one more password the first time, and cannot be created without a desktop at all.
const DefaultCollection = "login"

// keyPrefix starts every item key, so that Rolecall's items are told apart from other programs' items in
// a shared collection such as the login keyring.
const keyPrefix = "rolecall/"

// Config says which keychain to open.
type Config struct {
	// Backend is the keychain to use; "" picks the first available in autoOrder.
	Backend Backend
	// Collection is the Secret Service collection (default DefaultCollection).
	Collection string
	// FileDir is the encrypted file backend's directory (default DefaultFileDir()).
	FileDir string
	// Passphrase returns the encrypted file backend's passphrase; it is called once, on first use of
	// that backend. Nil makes the file backend fail with a message that says how to give one.
	Passphrase func(prompt string) (string, error)
	// Now is the clock that decides whether a stored session has expired (default time.Now).
	Now func() time.Time
}

// DefaultFileDir is where the encrypted file backend keeps its files: rolecall/keychain under the
// user's configuration directory (~/.config on Linux, ~/Library/Application Support on macOS,
// %AppData% on Windows).
func DefaultFileDir() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "rolecall", "keychain")
}

// Keychain is an open keychain. Its methods may be called from several goroutines only if the backend
// allows it; Rolecall opens one per command or per request.
type Keychain struct {
	ring    keyring.Keyring
	backend Backend
	cfg     Config
}

// ErrNotFound is returned when a record is not in the keychain (or, for a session, has expired).
var ErrNotFound = errors.New("not in the keychain")

// UnavailableError says that no keychain could be opened, and how to get one.
type UnavailableError struct {
	Wanted Backend // "" when any would do
	Tried  []string
}

func (e *UnavailableError) Error() string {
	if e.Wanted != "" {
		return fmt.Sprintf("the %s keychain is not available here: unset ROLECALL_KEYCHAIN_BACKEND, or set it to one of %s (%s)",
			e.Wanted, strings.Join(Available(), ", "), strings.Join(e.Tried, "; "))
	}
	return "no keychain is available: start the desktop's keyring (Secret Service), or set ROLECALL_KEYCHAIN_BACKEND=file " +
		"and give ROLECALL_FILE_PASSPHRASE (" + strings.Join(e.Tried, "; ") + ")"
}

// Available lists the backends this build and this session could try, in the order Open tries them.
func Available() []string {
	have := map[keyring.BackendType]bool{}
	for _, b := range keyring.AvailableBackends() {
		have[b] = true
	}
	var out []string
	for _, b := range autoOrder {
		if have[keyring.BackendType(b)] {
			out = append(out, string(b))
		}
	}
	return out
}

// Open opens the configured keychain, or the first one that works.
func Open(cfg Config) (*Keychain, error) {
	if cfg.Collection == "" {
		cfg.Collection = DefaultCollection
	}
	if cfg.FileDir == "" {
		cfg.FileDir = DefaultFileDir()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	order := autoOrder
	if cfg.Backend != "" {
		if !known(cfg.Backend) {
			return nil, fmt.Errorf("%q is not a keychain Rolecall knows: use one of %s", cfg.Backend, joinBackends(autoOrder))
		}
		order = []Backend{cfg.Backend}
	}
	var tried []string
	for _, b := range order {
		ring, err := keyring.Open(cfg.libraryConfig(b))
		if err != nil {
			tried = append(tried, fmt.Sprintf("%s: %v", b, err))
			continue
		}
		return &Keychain{ring: ring, backend: b, cfg: cfg}, nil
	}
	return nil, &UnavailableError{Wanted: cfg.Backend, Tried: tried}
}

func known(b Backend) bool {
	for _, k := range autoOrder {
		if k == b {
			return true
		}
	}
	return false
}

func joinBackends(bs []Backend) string {
	s := make([]string, len(bs))
	for i, b := range bs {
		s[i] = string(b)
	}
	return strings.Join(s, ", ")
}

func (cfg Config) libraryConfig(b Backend) keyring.Config {
	return keyring.Config{
		AllowedBackends:         []keyring.BackendType{keyring.BackendType(b)},
		ServiceName:             ServiceName,
		LibSecretCollectionName: cfg.Collection,
		KWalletAppID:            ServiceName,
		KWalletFolder:           ServiceName,
		WinCredPrefix:           ServiceName,
		FileDir:                 cfg.FileDir,
		FilePasswordFunc:        cfg.filePassphrase,
		// A record stays on this Mac: never synchronised to iCloud, readable only while unlocked.
		KeychainSynchronizable:         false,
		KeychainAccessibleWhenUnlocked: true,
	}
}

func (cfg Config) filePassphrase(prompt string) (string, error) {
	if cfg.Passphrase == nil {
		return "", errors.New("the encrypted keychain file needs a passphrase: set ROLECALL_FILE_PASSPHRASE, or run the command in a terminal")
	}
	p, err := cfg.Passphrase(prompt)
	if err == nil && p == "" {
		err = errors.New("the encrypted keychain file needs a passphrase, and an empty one was given: give a non-empty one")
	}
	return p, err
}

// Backend says which keychain is open.
func (k *Keychain) Backend() Backend { return k.backend }

// Describe names the open keychain for a person: "Secret Service (collection login)",
// "encrypted file in /home/me/.config/rolecall/keychain", …
func (k *Keychain) Describe() string {
	switch k.backend {
	case SecretService:
		return fmt.Sprintf("Secret Service (collection %s)", k.cfg.Collection)
	case MacOSKeychain:
		return "macOS Keychain (service " + ServiceName + ")"
	case WindowsCredMan:
		return "Windows Credential Manager (targets " + ServiceName + ":…)"
	case KWallet:
		return "KWallet (folder " + ServiceName + ")"
	case EncryptedFile:
		return "encrypted file in " + k.cfg.FileDir
	}
	return string(k.backend)
}
