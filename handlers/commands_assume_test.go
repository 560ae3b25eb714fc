package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/internal/wire"
)

// Assume gives the documented session status, makes the session active, and the client hears of it
// through rolecall/status.
func TestAssumeCommandStatusAndNotification(t *testing.T) {
	t.Parallel()
	f := newSessionFixture(t, sessionConfig, sessionCredentials, true, nil)
	mark := f.c.Mark()
	st := f.assume("read", "")
	if st.Profile != "read" || st.RoleArn != readRole || !strings.HasPrefix(st.AssumedRoleArn, "arn:aws:sts::444455556666:assumed-role/Read/rolecall-tester-") ||
		st.AccountID != "444455556666" || st.State != assume.StateActive || st.Error != nil || st.Source != assume.SourceSTS ||
		!strings.HasPrefix(st.AccessKeyID, "ASIA…") || strings.Join(st.Chain, ",") != "read,dev,base" || st.MFA ||
		time.Until(st.Expiration.Time) < 50*time.Minute {
		t.Errorf("status = %+v", st)
	}
	roles := f.proxy.Calls("AssumeRole")
	if len(roles) != 2 || roles[0].Params.Get("RoleSessionName") != "jo-dev" || roles[1].Params.Get("ExternalId") != "ext-EXAMPLE" {
		t.Errorf("AssumeRole calls = %+v", roles)
	}
	note := f.awaitStatus(mark, func(s wire.Status) bool { return s.Active != nil && *s.Active == "read" })
	if len(note.Sessions) != 1 || note.Sessions[0].AssumedRoleArn != st.AssumedRoleArn {
		t.Errorf("rolecall/status = %+v", note)
	}
	if got := f.status(); got.Active == nil || *got.Active != "read" || len(got.Sessions) != 1 || got.Sessions[0].AccessKeyID != st.AccessKeyID {
		t.Errorf("rolecall-ls.status = %+v", got)
	}
}

// A profile with MFA answers mfa-required with the device, and the retry with the code succeeds.
func TestAssumeCommandMFARequiredThenCode(t *testing.T) {
	t.Parallel()
	f := newSessionFixture(t, sessionConfig, sessionCredentials, true, nil)
	err := f.c.ExecuteCommand(wire.CommandAssume, profileArg("admin", ""), nil)
	data := commandFailure(t, err, assume.ReasonMFARequired)
	if data["mfaSerial"] != mfaSerial || data["profile"] != "admin" || !strings.Contains(data["message"].(string), "MFA code needed for "+mfaSerial) {
		t.Errorf("mfa-required data = %v", data)
	}
	if n := len(f.proxy.Calls("")); n != 0 {
		t.Errorf("%d STS calls before the code was given", n)
	}
	st := f.assume("admin", "123456")
	if !st.MFA || st.State != assume.StateActive || st.Source != assume.SourceSTS {
		t.Errorf("status after the code = %+v", st)
	}
	if calls := f.proxy.Calls("GetSessionToken"); len(calls) != 1 || calls[0].Params.Get("TokenCode") != "123456" {
		t.Errorf("GetSessionToken calls = %+v", calls)
	}
}

// Unknown and broken profiles give the documented reasons; bad arguments are InvalidParams.
func TestAssumeCommandErrors(t *testing.T) {
	t.Parallel()
	f := newSessionFixture(t, sessionConfig+"[profile broken]\nrole_arn = "+adminRole+"\nsource_profile = nowhere\n", sessionCredentials, true, nil)
	data := commandFailure(t, f.c.ExecuteCommand(wire.CommandAssume, profileArg("deb", ""), nil), assume.ReasonProfileNotFound)
	if data["profile"] != "deb" || data["suggestion"] != "dev" {
		t.Errorf("profile-not-found data = %v", data)
	}
	data = commandFailure(t, f.c.ExecuteCommand(wire.CommandAssume, profileArg("broken", ""), nil), assume.ReasonProfileInvalid)
	if !strings.Contains(data["message"].(string), "[source-profile-missing]") {
		t.Errorf("profile-invalid message = %v", data["message"])
	}
	invalidArgument(t, f.c.ExecuteCommand(wire.CommandAssume, map[string]any{}, nil), wire.CommandAssume, "needs the profile")
	invalidArgument(t, f.c.ExecuteCommand(wire.CommandAssume, map[string]any{"profile": 7}, nil), wire.CommandAssume,
		`{"profile": string, "mfaCode": string}`)
	invalidArgument(t, f.c.ExecuteCommand(wire.CommandRefresh, []string{"dev"}, nil), wire.CommandRefresh,
		`{"profile": string, "mfaCode": string}`)
	if n := len(f.proxy.Calls("")); n != 0 {
		t.Errorf("%d STS calls for commands that must fail before STS", n)
	}
}

// While STS does not answer, edits, hovers and other commands go on; the assume finishes when STS does.
func TestAssumeCommandDoesNotBlockEditsAndHovers(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	arrived := make(chan struct{}, 1)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case arrived <- struct{}{}:
		default:
		}
		<-release
		http.Error(w, `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error></ErrorResponse>`,
			http.StatusForbidden)
	}))
	t.Cleanup(slow.Close)
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	config := "[profile slow]\nrole_arn = " + adminRole + "\nsource_profile = base\nendpoint_url = " + slow.URL + "\n"
	f := newSessionFixture(t, config, sessionCredentials, false, nil)
	pending := f.c.Go(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": wire.CommandAssume,
		"arguments": []any{profileArg("slow", "")}})
	select {
	case <-arrived:
	case <-time.After(f.c.Timeout):
		t.Fatal("the assume never reached the STS endpoint")
	}

	uri := "file://" + f.path("config")
	f.c.Open(uri, "aws-config", config+"[profile other]\nregion = eu-west-1\n")
	f.c.AwaitDiagnostics(uri, nil)
	var hover *protocol.Hover
	if err := f.c.Request(protocol.MethodTextDocumentHover, map[string]any{"textDocument": map[string]any{"uri": uri},
		"position": map[string]any{"line": 0, "character": 10}}, &hover); err != nil {
		t.Fatalf("hover while STS is slow: %v", err)
	}
	if st := f.status(); len(st.Sessions) != 0 {
		t.Errorf("status while assuming = %+v", st)
	}
	if pending.Done() {
		t.Fatal("the assume answered before STS did")
	}
	close(release)
	var st wire.SessionStatus
	data := commandFailure(t, pending.Wait(&st), assume.ReasonAccessDenied)
	if data["profile"] != "slow" {
		t.Errorf("access-denied data = %v", data)
	}
}
