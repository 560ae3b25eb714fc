package server_test

import (
	"strings"
	"testing"

	"github.com/rolecall/rolecall/server"
)

func TestFilePath(t *testing.T) {
	cases := []struct {
		uri  server.URI
		path string
		ok   bool
	}{
		{"file:///home/me/.aws/config", "/home/me/.aws/config", true},
		{"file:///home/me/My%20Docs/credentials", "/home/me/My Docs/credentials", true},
		{"untitled:Untitled-1", "", false},
		{"vscode-notebook-cell:/x#y", "", false},
		{"", "", false},
		{"::::", "", false},
		{"not a uri at all %zz", "", false},
	}
	for _, c := range cases {
		path, ok := server.FilePath(c.uri)
		if path != c.path || ok != c.ok {
			t.Errorf("FilePath(%q) = %q, %v; want %q, %v", c.uri, path, ok, c.path, c.ok)
		}
	}
	u, ok := server.FileURI("relative/config")
	if !ok || !strings.HasPrefix(string(u), "file:///") || !strings.HasSuffix(string(u), "/relative/config") || u == "file:///relative/config" {
		t.Errorf("FileURI(relative) = %q, %v; want the absolute path's URI", u, ok)
	}
}
