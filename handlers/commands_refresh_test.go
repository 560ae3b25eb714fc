package handlers_test

import (
	"testing"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/internal/wire"
)

// Refresh calls STS again (never the CLI cache) and gives a new session; after the profile is edited
// in the editor, the refresh sends the edited settings.
func TestRefreshCommandCallsSTSWithEditedProfile(t *testing.T) {
	t.Parallel()
	f := newSessionFixture(t, sessionConfig, sessionCredentials, true, nil)
	first := f.assume("dev", "")
	mark := f.c.Mark()
	var st wire.SessionStatus
	if err := f.c.ExecuteCommand(wire.CommandRefresh, map[string]any{}, &st); err != nil {
		t.Fatal(err)
	}
	if n := f.proxy.Count("AssumeRole"); n != 2 || st.Source != assume.SourceSTS || st.AccessKeyID == first.AccessKeyID {
		t.Errorf("after refresh: %d AssumeRole calls, status %+v; want a second STS session", n, st)
	}
	f.awaitStatus(mark, func(s wire.Status) bool {
		return len(s.Sessions) == 1 && s.Sessions[0].AccessKeyID == st.AccessKeyID
	})

	edited := "[profile base]\nregion = eu-west-1\n\n[profile dev]\nrole_arn = " + adminRole +
		"\nsource_profile = base\nrole_session_name = jo-edited\nduration_seconds = 2700\nregion = eu-central-1\n"
	uri := "file://" + f.path("config")
	f.c.Open(uri, "aws-config", edited)
	f.c.AwaitDiagnostics(uri, nil)
	// The held session took the edited plan as soon as the edit was applied (auto-refresh uses it too).
	if held := f.status(); len(held.Sessions) != 1 || held.Sessions[0].Region != "eu-central-1" {
		t.Errorf("after the edit the session still has the old plan: %+v", held)
	}
	if err := f.c.ExecuteCommand(wire.CommandRefresh, profileArg("dev", ""), &st); err != nil {
		t.Fatal(err)
	}
	calls := f.proxy.Calls("AssumeRole")
	last := calls[len(calls)-1].Params
	if len(calls) != 3 || last.Get("RoleSessionName") != "jo-edited" || last.Get("DurationSeconds") != "2700" {
		t.Errorf("the refresh after the edit sent %v; want the edited session name and duration", last)
	}
}

// Refreshing a profile without a session is no-session.
func TestRefreshCommandWithoutSession(t *testing.T) {
	t.Parallel()
	f := newSessionFixture(t, sessionConfig, sessionCredentials, true, nil)
	data := commandFailure(t, f.c.ExecuteCommand(wire.CommandRefresh, profileArg("dev", ""), nil), assume.ReasonNoSession)
	if data["profile"] != "dev" {
		t.Errorf("no-session data = %v", data)
	}
}
