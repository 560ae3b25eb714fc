package handlers_test

import (
	"os"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/internal/wire"
)

// With writeProfile set, every assume and refresh of the active session rewrites [writeProfile] in the
// credentials file, leaving the rest of the file as it was; a name on the session's chain is refused
// with a message to the user.
func TestWriteProfileSetting(t *testing.T) {
	t.Parallel()
	f := newSessionFixture(t, sessionConfig, sessionCredentials, true, map[string]any{"writeProfile": "rolecall-session"})
	f.assume("dev", "")
	first := credentialsOf(t, f, "dev")
	text := readFile(t, f.path("credentials"))
	if !strings.HasPrefix(text, sessionCredentials) || !strings.Contains(text, "[rolecall-session]\n# Managed by rolecall") ||
		!strings.Contains(text, "aws_secret_access_key = "+first.SecretAccessKey+"\n") {
		t.Fatalf("credentials file after assume:\n%s", text)
	}
	if err := f.c.ExecuteCommand(wire.CommandRefresh, nil, nil); err != nil {
		t.Fatal(err)
	}
	second := credentialsOf(t, f, "dev")
	text = readFile(t, f.path("credentials"))
	if second.AccessKeyID == first.AccessKeyID || !strings.Contains(text, "aws_access_key_id = "+second.AccessKeyID+"\n") ||
		strings.Count(text, "[rolecall-session]") != 1 || !strings.HasPrefix(text, sessionCredentials) {
		t.Errorf("credentials file after refresh:\n%s", text)
	}

	mark := f.c.Mark()
	if err := f.c.Notify("workspace/didChangeConfiguration", map[string]any{
		"settings": map[string]any{"rolecall": map[string]any{"writeProfile": "base"}}}); err != nil {
		t.Fatal(err)
	}
	f.awaitStatus(mark, func(wire.Status) bool { return true })
	f.c.AwaitNotificationSince(mark, "window/showMessage", nil)
	if got := readFile(t, f.path("credentials")); got != text {
		t.Errorf("writeProfile = base (on dev's chain) changed the file:\n%s", got)
	}
}

func credentialsOf(t *testing.T, f *sessionFixture, profile string) wire.Credentials {
	t.Helper()
	var creds wire.Credentials
	if err := f.c.ExecuteCommand(wire.CommandCredentials, profileArg(profile, ""), &creds); err != nil {
		t.Fatal(err)
	}
	return creds
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
