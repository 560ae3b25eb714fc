package handlers_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/internal/wire"
)

// Status with no session is {"active": null, "sessions": []}; a session's status carries every
// documented field, null where there is nothing (error), and no secret.
func TestStatusCommandShape(t *testing.T) {
	t.Parallel()
	f := newSessionFixture(t, sessionConfig, sessionCredentials, true, nil)
	var raw json.RawMessage
	if err := f.c.ExecuteCommand(wire.CommandStatus, nil, &raw); err != nil {
		t.Fatal(err)
	}
	if string(raw) != `{"active":null,"sessions":[]}` {
		t.Errorf("empty status = %s", raw)
	}
	f.assume("dev", "")
	if err := f.c.ExecuteCommand(wire.CommandStatus, map[string]any{}, &raw); err != nil {
		t.Fatal(err)
	}
	var st struct {
		Active   string           `json:"active"`
		Sessions []map[string]any `json:"sessions"`
	}
	if err := json.Unmarshal(raw, &st); err != nil || st.Active != "dev" || len(st.Sessions) != 1 {
		t.Fatalf("status = %s (%v)", raw, err)
	}
	s := st.Sessions[0]
	for _, field := range []string{"profile", "roleArn", "assumedRoleArn", "accountId", "region", "expiration", "state", "error",
		"accessKeyId", "chain", "mfa", "autoRefresh", "refreshAt", "expiringAt", "source"} {
		if _, ok := s[field]; !ok {
			t.Errorf("the session status lacks %q: %s", field, raw)
		}
	}
	if s["error"] != nil || !strings.HasSuffix(s["expiration"].(string), "Z") || strings.Contains(string(raw), "ecretAccessKey") ||
		strings.Contains(string(raw), "essionToken") {
		t.Errorf("session status = %s", raw)
	}
}
