package handlers

import (
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/assume"
)

func TestSSOProfilesGetACodeLens(t *testing.T) {
	text := "[profile sso-dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = us-east-1\n\n" +
		"[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n"
	w := newWorkspace(t, "", "")
	w.init(nil)
	uri := w.openConfig(text)
	w.c.AwaitDiagnostics(uri, nil)
	var lenses []protocol.CodeLens
	if err := w.c.Request(protocol.MethodTextDocumentCodeLens, protocol.CodeLensParams{TextDocument: textDoc(uri)}, &lenses); err != nil {
		t.Fatal(err)
	}
	if len(lenses) != 1 || lenses[0].Range.Start.Line != 0 || lenses[0].Command.Title != "Get credentials" ||
		lenses[0].Command.Command != assumeRoleCommand || string(lenses[0].Command.Arguments[0]) != `"sso-dev"` {
		t.Errorf("code lenses = %+v, want one Get credentials lens on [profile sso-dev]", lenses)
	}
}

func TestActiveLensTitleSaysTheStateAndTimeLeft(t *testing.T) {
	now := time.Date(2026, 7, 1, 10, 0, 0, 0, time.UTC)
	at := func(d time.Duration) time.Time { return now.Add(d) }
	for _, c := range []struct {
		state      string
		left       time.Duration
		title, cmd string
	}{
		{assume.StateActive, 59*time.Minute + 30*time.Second, "Active · 59m · Refresh", refreshCommand},
		{assume.StateActive, 65 * time.Minute, "Active · 1h 5m · Refresh", refreshCommand},
		{assume.StateExpiring, 4 * time.Minute, "Expiring · 4m · Refresh", refreshCommand},
		{assume.StateExpired, -time.Minute, "Expired · Assume again", assumeRoleCommand},
	} {
		title, cmd := activeLensTitle(&assume.SessionStatus{State: c.state, Expiration: at(c.left)}, now)
		if title != c.title || cmd != c.cmd {
			t.Errorf("%s with %s left: %q %s, want %q %s", c.state, c.left, title, cmd, c.title, c.cmd)
		}
	}
}
