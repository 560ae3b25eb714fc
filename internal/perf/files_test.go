package perf

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rolecall/rolecall/internal/conformance"
)

// awsHome is a home directory holding the generated pair of AWS files, as a user's would.
type awsHome struct {
	dir, config, credentials string
	files                    conformance.Generated
}

func writeHome(tb testing.TB, roles int) awsHome {
	tb.Helper()
	g := conformance.Generate(roles)
	h := awsHome{dir: tb.TempDir(), files: g}
	aws := filepath.Join(h.dir, ".aws")
	h.config, h.credentials = filepath.Join(aws, "config"), filepath.Join(aws, "credentials")
	if err := os.MkdirAll(aws, 0o700); err != nil {
		tb.Fatal(err)
	}
	for path, data := range map[string][]byte{h.config: g.Config, h.credentials: g.Credentials} {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	return h
}

// env is the whole environment of a process the benchmarks start: nothing from the caller's own AWS
// setup leaks in, and both the SDK and rolecall are pointed at the generated files the same way.
func (h awsHome) env() []string {
	return []string{"HOME=" + h.dir, "PATH=" + os.Getenv("PATH"),
		"AWS_CONFIG_FILE=" + h.config, "AWS_SHARED_CREDENTIALS_FILE=" + h.credentials,
		"AWS_EC2_METADATA_DISABLED=true"}
}

// serveEnv is the environment of the language server: only HOME and PATH, so that it finds
// ~/.aws/config itself, as it does for a user, and knows the opened document is that file.
func (h awsHome) serveEnv() []string {
	return []string{"HOME=" + h.dir, "PATH=" + os.Getenv("PATH")}
}
