package sso

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rolecall/rolecall/awsfiles"
)

// cliTime is the AWS CLI's timestamp format in its SSO cache (_serialize_utc_timestamp): UTC, whole
// seconds, a literal Z. aws-sdk-go-v2 and botocore both read it.
const cliTime = "2006-01-02T15:04:05Z"

// cacheName is the file name the AWS CLI gives a cache entry: the SHA-1 of its key, in hex.
func cacheName(key string) string {
	sum := sha1.Sum([]byte(key))
	return hex.EncodeToString(sum[:]) + ".json"
}

// tokenFile is the cache file of a session's token: <dir>/<sha1(name or start URL)>.json.
func tokenFile(dir string, s Session) string { return filepath.Join(dir, cacheName(s.CacheKey())) }

// tokenJSON is a token file's members, as both the AWS CLI and aws-sdk-go-v2 write them.
type tokenJSON struct {
	StartURL              string `json:"startUrl"`
	Region                string `json:"region"`
	AccessToken           string `json:"accessToken"`
	ExpiresAt             string `json:"expiresAt"`
	ClientID              string `json:"clientId"`
	ClientSecret          string `json:"clientSecret"`
	RegistrationExpiresAt string `json:"registrationExpiresAt"`
	RefreshToken          string `json:"refreshToken"`
}

// readToken reads a token file. ok is false when there is none or it holds no usable token; the
// error then says why without quoting the file (it holds secrets).
func readToken(path string) (t token, ok bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return token{}, false, nil
	}
	if err != nil {
		return token{}, false, fmt.Errorf("cannot read the token cache %s: %w", path, unwrapPath(err))
	}
	return parseToken(data, path)
}

func parseToken(data []byte, path string) (token, bool, error) {
	var j tokenJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return token{}, false, fmt.Errorf("the token cache %s is not the JSON the AWS CLI writes", path)
	}
	t := token{StartURL: j.StartURL, Region: j.Region, AccessToken: j.AccessToken, ClientID: j.ClientID,
		ClientSecret: j.ClientSecret, RefreshToken: j.RefreshToken}
	var err error
	if t.ExpiresAt, err = parseCacheTime(j.ExpiresAt); err != nil || t.AccessToken == "" {
		return token{}, false, fmt.Errorf("the token cache %s has no accessToken or no readable expiresAt", path)
	}
	t.RegistrationExpiresAt, _ = parseCacheTime(j.RegistrationExpiresAt) // zero: cannot refresh
	return t, true, nil
}

// parseCacheTime reads the timestamps the tools write: the CLI's ...Z, RFC 3339 with an offset or
// fractions (aws-sdk-go-v2, other tools), and the UTC suffix some older tools wrote.
func parseCacheTime(v string) (time.Time, error) {
	if strings.HasSuffix(v, "UTC") {
		v = strings.TrimSuffix(v, "UTC") + "Z"
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	return t.UTC(), err
}

// encodeToken is a token file's bytes, as the AWS CLI writes them (its member order and format).
func encodeToken(t token) []byte {
	fields := []pyField{{"startUrl", t.StartURL}, {"region", t.Region}, {"accessToken", t.AccessToken},
		{"expiresAt", t.ExpiresAt.UTC().Format(cliTime)}}
	if t.ClientID != "" {
		fields = append(fields, pyField{"clientId", t.ClientID}, pyField{"clientSecret", t.ClientSecret},
			pyField{"registrationExpiresAt", t.RegistrationExpiresAt.UTC().Format(cliTime)})
	}
	if t.RefreshToken != "" {
		fields = append(fields, pyField{"refreshToken", t.RefreshToken})
	}
	return []byte(pyDumps(fields))
}

// updateSecretFile replaces a cache file the safe way (awsfiles' locked, atomic writer), mode 0600.
// change sees the current bytes (nil when there is none) and returns the new ones; keep (nil, nil)
// to leave the file as it is. A file that exists with looser permissions is tightened first, since
// the writer keeps an existing file's mode.
func updateSecretFile(path string, change func(old []byte) ([]byte, error)) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("cannot create %s: %w", filepath.Dir(path), unwrapPath(err))
	}
	if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(path, 0o600); err != nil {
			return fmt.Errorf("cannot make %s private: %w", path, unwrapPath(err))
		}
	}
	err := updateFile(path, 0o600, func(old []byte) ([]byte, error) {
		data, err := change(old)
		if err == nil && data == nil {
			return nil, errKeep
		}
		return data, err
	})
	if errors.Is(err, errKeep) {
		return nil
	}
	return err
}

// updateFile is the one place this package writes a file: awsfiles' safe writer (a lock on the target
// itself, a temporary file, fsync, rename; an existing file's mode kept, newMode for a new one).
func updateFile(path string, newMode fs.FileMode, change func(old []byte) ([]byte, error)) error {
	return awsfiles.UpdateFile(path, newMode, change)
}

// errKeep ends an update without writing.
var errKeep = errors.New("keep the file as it is")

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// defaultCacheDir is ~/.aws/sso/cache, where the AWS CLI and every SDK keep SSO tokens.
func defaultCacheDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".aws", "sso", "cache")
}
