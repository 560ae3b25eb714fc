// Package sessionshare is where the Rolecall processes of one user meet: each window's language server,
// `rolecall assume`, `exec`, `console` and `credential-process` (assume.SessionShare). The design, and
// why it is not an agent process, is in docs/architecture.md ("One set of sessions per user"):
//
//   - the secrets (each role session's credentials) are in the OS keychain, never in a file;
//   - a directory only the user can open holds the index, sessions.json, which lists the sessions
//     (profile, key, times) and the active one, and nothing secret; every change rewrites it atomically
//     under its lock, and the processes that follow the share watch it, so a change is seen at once;
//   - one lock file per session, locked with flock while a process asks STS for it, so only one process
//     at a time renews a session; the kernel drops the lock of a process that dies.
//
// The package knows nothing of STS or of LSP: the engine's records are opaque bytes here.
package sessionshare

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/internal/safetext"
	"github.com/rolecall/rolecall/keychain"
)

// indexName is the index file in the share's directory.
const indexName = "sessions.json"

// Share is one user's share: a directory and the keychain.
type Share struct {
	dir      string
	space    string // names this share's records in the keychain
	keychain func() (*keychain.Keychain, error)
	now      func() time.Time
}

// DefaultDir is where the share lives: $XDG_RUNTIME_DIR/rolecall (a directory of the user's own that the
// system empties at logout), else .cache/rolecall/sessions under the home directory.
func DefaultDir(getenv func(string) string, home string) string {
	if run := getenv("XDG_RUNTIME_DIR"); run != "" && filepath.IsAbs(run) {
		return filepath.Join(run, "rolecall")
	}
	return filepath.Join(home, ".cache", "rolecall", "sessions")
}

// Open opens (creating it when missing) the share in dir, with the keychain openKeychain gives. The
// keychain is opened for each record, when one is read or written, as the MFA sessions' keeper does:
// without one, nothing is shared and each process keeps its sessions, as before. Open refuses a
// directory another user could read or write.
func Open(dir string, openKeychain func() (*keychain.Keychain, error)) (*Share, error) {
	if !locksWork {
		return nil, errors.New("sessions are not shared between processes on this system yet")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the session share %s: %w", abs, err)
	}
	if err := ownedPrivateDir(abs); err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(abs))
	return &Share{dir: abs, space: hex.EncodeToString(sum[:8]), keychain: openKeychain, now: time.Now}, nil
}

// Dir is the share's directory.
func (s *Share) Dir() string { return s.dir }

// Get returns the record of key from the keychain.
func (s *Share) Get(key string) ([]byte, bool) {
	kc, err := s.keychain()
	if err != nil {
		return nil, false
	}
	b, err := kc.LoadRoleSession(s.space, key)
	return b, err == nil
}

// Put saves the record in the keychain, then lists the entry in the index (replacing the entry of the
// same key), dropping the entries (and records) that have expired.
func (s *Share) Put(entry assume.ShareEntry, record []byte) error {
	if !validKey(entry.Key) {
		return fmt.Errorf("not a session key: %q", entry.Key)
	}
	kc, err := s.keychain()
	if err != nil {
		return err
	}
	label := "Rolecall: role session of profile " + safetext.Escape(entry.Profile)
	if err := kc.SaveRoleSession(s.space, entry.Key, label, record); err != nil {
		return err
	}
	var expired []string
	err = s.update(func(idx *assume.ShareIndex) {
		kept := idx.Sessions[:0]
		for _, e := range idx.Sessions {
			switch {
			case e.Key == entry.Key:
			case !e.Expiration.After(s.now()):
				expired = append(expired, e.Key)
			default:
				kept = append(kept, e)
			}
		}
		idx.Sessions = append(kept, entry)
		idx.Forgotten = s.recentForgotten(idx.Forgotten, entry.Key)
	})
	s.deleteRecords(expired)
	if len(expired) > 0 {
		s.pruneLocks(s.listed())
	}
	return err
}

// Remove drops the sessions with these keys (every session when none is given).
func (s *Share) Remove(keys ...string) error {
	var removed []string
	err := s.update(func(idx *assume.ShareIndex) {
		drop := map[string]bool{}
		for _, k := range keys {
			drop[k] = true
		}
		kept := idx.Sessions[:0]
		for _, e := range idx.Sessions {
			if len(keys) == 0 || drop[e.Key] {
				removed = append(removed, e.Key)
				continue
			}
			kept = append(kept, e)
		}
		idx.Sessions = kept
		// Every key asked for is listed as forgotten, listed or not: a process may still hold one that
		// the index dropped when it expired.
		forget := keys
		if len(keys) == 0 {
			forget, idx.ForgotAll = nil, s.now()
		}
		idx.Forgotten = s.recentForgotten(idx.Forgotten, forget...)
		for _, k := range forget {
			idx.Forgotten = append(idx.Forgotten, assume.ForgottenEntry{Key: k, At: s.now()})
		}
		if len(keys) == 0 || drop[idx.Active] {
			idx.Active = ""
		}
	})
	s.deleteRecords(removed)
	s.pruneLocks(s.listed())
	return err
}

// recentForgotten is the forgotten list without the entries older than assume.ForgottenKept and
// without the keys given (assumed again, or about to be listed again).
func (s *Share) recentForgotten(list []assume.ForgottenEntry, without ...string) []assume.ForgottenEntry {
	kept := list[:0]
	for _, f := range list {
		if s.now().Sub(f.At) < assume.ForgottenKept && !slices.Contains(without, f.Key) {
			kept = append(kept, f)
		}
	}
	return kept
}

// listed is the set of keys the index lists now.
func (s *Share) listed() map[string]bool {
	idx, err := s.Index()
	if err != nil {
		return nil
	}
	keys := map[string]bool{}
	for _, e := range idx.Sessions {
		keys[e.Key] = true
	}
	return keys
}

// SetActive names the active session.
func (s *Share) SetActive(key string) error {
	return s.update(func(idx *assume.ShareIndex) { idx.Active = key })
}

// Index reads the index; a missing one is empty.
func (s *Share) Index() (assume.ShareIndex, error) {
	b, err := os.ReadFile(s.indexPath())
	if errors.Is(err, fs.ErrNotExist) {
		return assume.ShareIndex{}, nil
	}
	if err != nil {
		return assume.ShareIndex{}, err
	}
	return decodeIndex(b)
}

func (s *Share) indexPath() string { return filepath.Join(s.dir, indexName) }

// update changes the index under its lock and writes it back atomically; an unchanged index is not
// rewritten, so the processes that watch it are not woken for nothing.
func (s *Share) update(change func(*assume.ShareIndex)) error {
	return awsfiles.UpdateFile(s.indexPath(), 0o600, func(old []byte) ([]byte, error) {
		idx, err := decodeIndex(old)
		if err != nil {
			idx = assume.ShareIndex{} // a damaged index is rebuilt: it holds nothing that cannot be found again
		}
		change(&idx)
		b, err := json.MarshalIndent(idx, "", "  ")
		if err != nil {
			return nil, err
		}
		b = append(b, '\n')
		if string(b) == string(old) {
			return old, nil
		}
		return b, nil
	})
}

func decodeIndex(b []byte) (assume.ShareIndex, error) {
	var idx assume.ShareIndex
	if len(strings.TrimSpace(string(b))) == 0 {
		return idx, nil
	}
	if err := json.Unmarshal(b, &idx); err != nil {
		return assume.ShareIndex{}, fmt.Errorf("the session index cannot be read: %w", err)
	}
	kept := idx.Sessions[:0]
	for _, e := range idx.Sessions {
		if validKey(e.Key) {
			kept = append(kept, e)
		}
	}
	idx.Sessions = kept
	forgotten := idx.Forgotten[:0]
	for _, f := range idx.Forgotten {
		if validKey(f.Key) {
			forgotten = append(forgotten, f)
		}
	}
	idx.Forgotten = forgotten
	return idx, nil
}

func (s *Share) deleteRecords(keys []string) {
	if len(keys) == 0 {
		return
	}
	kc, err := s.keychain()
	if err != nil {
		return
	}
	for _, k := range keys {
		_ = kc.DeleteRoleSession(s.space, k)
	}
}

// validKey accepts the engine's keys (hex), which are also safe as file names.
func validKey(key string) bool {
	if key == "" || len(key) > 64 {
		return false
	}
	for _, c := range key {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
