package handlers_test

import (
	"testing"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/internal/wire"
)

// Forget drops the active session (default) or a named one, answers with the status, and notifies.
func TestForgetCommand(t *testing.T) {
	t.Parallel()
	f := newSessionFixture(t, sessionConfig, sessionCredentials, true, nil)
	f.assume("dev", "")
	f.assume("read", "")
	mark := f.c.Mark()
	var st wire.Status
	if err := f.c.ExecuteCommand(wire.CommandForget, nil, &st); err != nil {
		t.Fatal(err)
	}
	if st.Active != nil || len(st.Sessions) != 1 || st.Sessions[0].Profile != "dev" {
		t.Errorf("after forgetting the active session: %+v", st)
	}
	f.awaitStatus(mark, func(s wire.Status) bool { return s.Active == nil && len(s.Sessions) == 1 })
	if err := f.c.ExecuteCommand(wire.CommandForget, profileArg("dev", ""), &st); err != nil {
		t.Fatal(err)
	}
	if st.Active != nil || len(st.Sessions) != 0 {
		t.Errorf("after forgetting dev: %+v", st)
	}
	commandFailure(t, f.c.ExecuteCommand(wire.CommandForget, profileArg("dev", ""), nil), assume.ReasonNoSession)
	commandFailure(t, f.c.ExecuteCommand(wire.CommandCredentials, nil, nil), assume.ReasonNoSession)
}

// Forget {all: true} drops every session, so no background session refreshes or warns later; a
// profile together with all is a bad argument.
func TestForgetAllCommand(t *testing.T) {
	t.Parallel()
	f := newSessionFixture(t, sessionConfig, sessionCredentials, true, nil)
	f.assume("dev", "")
	f.assume("read", "")
	mark := f.c.Mark()
	var st wire.Status
	if err := f.c.ExecuteCommand(wire.CommandForget, map[string]any{"all": true}, &st); err != nil {
		t.Fatal(err)
	}
	if st.Active != nil || len(st.Sessions) != 0 {
		t.Errorf("after forgetting all: %+v", st)
	}
	f.awaitStatus(mark, func(s wire.Status) bool { return s.Active == nil && len(s.Sessions) == 0 })
	err := f.c.ExecuteCommand(wire.CommandForget, map[string]any{"all": true, "profile": "dev"}, nil)
	invalidArgument(t, err, wire.CommandForget, `{"all": true}`)
}
