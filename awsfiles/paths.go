package awsfiles

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Env looks up an environment variable; os.LookupEnv in production, a map in tests.
type Env func(name string) (string, bool)

// Locations are the two files' paths as the AWS tools resolve them (spec §1), with what each variable did.
type Locations struct {
	Config, Credentials string
	// ConfigFromEnv and CredentialsFromEnv are set when the path came from AWS_CONFIG_FILE /
	// AWS_SHARED_CREDENTIALS_FILE.
	ConfigFromEnv, CredentialsFromEnv bool
}

// Locate resolves the file paths: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE when set and not empty,
// else ~/.aws/config and ~/.aws/credentials. A leading ~ and $VARIABLES in the variables are expanded, as
// botocore does; aws-sdk-go-v2 does not expand them, which the env-path rule reports.
func Locate(env Env, home string) Locations {
	var loc Locations
	loc.Config, loc.ConfigFromEnv = fromEnv(env, home, "AWS_CONFIG_FILE", filepath.Join(home, ".aws", "config"))
	loc.Credentials, loc.CredentialsFromEnv = fromEnv(env, home, "AWS_SHARED_CREDENTIALS_FILE", filepath.Join(home, ".aws", "credentials"))
	return loc
}

func fromEnv(env Env, home, name, fallback string) (string, bool) {
	v, ok := env(name)
	if !ok || v == "" {
		return fallback, false
	}
	return expandPath(env, home, v), true
}

func expandPath(env Env, home, p string) string {
	p = os.Expand(p, func(name string) string { v, _ := env(name); return v })
	if p == "~" || strings.HasPrefix(p, "~/") {
		p = filepath.Join(home, p[1:])
	}
	return p
}

// ReadFile reads one of the AWS files. A file that does not exist is an empty file, as both tools treat
// it; any other failure (a directory, no permission, a file over MaxFileSize or MaxLines) is an error that
// says which file and why.
func ReadFile(kind FileKind, path string) (*File, error) {
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() && st.Size() > MaxFileSize {
		return nil, tooLargeError(kind, path, int(st.Size()), 0)
	}
	src, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Parse(kind, path, nil), nil
	case err != nil:
		return nil, fmt.Errorf("cannot read the %s file %s: %w", kind, path, unwrapPathError(err))
	}
	f := Parse(kind, path, src)
	if f.TooLarge {
		return nil, tooLargeError(kind, path, f.RefusedSize, f.RefusedLines)
	}
	return f, nil
}

// tooLargeError refuses a file of size bytes and lines lines (0: not counted).
func tooLargeError(kind FileKind, path string, size, lines int) error {
	return fmt.Errorf("cannot read the %s file %s: %s: check that the path names your AWS %s file",
		kind, path, TooLargeWhy(size, lines), kind)
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Load reads and merges the two files.
func Load(loc Locations) (*Model, error) {
	config, err := ReadFile(ConfigFile, loc.Config)
	if err != nil {
		return nil, err
	}
	credentials, err := ReadFile(CredentialsFile, loc.Credentials)
	if err != nil {
		return nil, err
	}
	return NewModel(config, credentials), nil
}
