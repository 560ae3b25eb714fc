package assume

import (
	"context"
	"encoding/json"
	"testing"
	"time"
)

// Auto-refresh against moto, in real time: a 900-second session with RefreshBefore = 899 s is renewed
// about a second after it was assumed, through the MFA session (no second code, no second
// GetSessionToken), and the renewal is notified. Nothing notified carries a secret.
func TestAutoRefreshAgainstSTS(t *testing.T) {
	t.Parallel()
	f := newSTSFixture(t, Options{RefreshBefore: 899 * time.Second, DisableCLICache: true})
	f.store.minRefreshGap = 0
	plan := f.plan("admin", baseKeys(), RoleHop{Profile: "admin", RoleArn: adminRole, MFASerial: mfaSerial, DurationSeconds: 900})
	first, err := f.store.Assume(context.Background(), plan, "123456")
	if err != nil {
		t.Fatal(err)
	}
	firstCreds, _ := f.store.Credentials("admin")
	if first.RefreshAt.IsZero() {
		t.Fatalf("no refresh planned: %+v", first)
	}

	var notified []byte
	deadline := time.After(20 * time.Second)
	for renewed := false; !renewed; {
		select {
		case st := <-f.changes:
			data, _ := json.Marshal(st)
			notified = append(notified, data...)
			renewed = len(st.Sessions) == 1 && st.Sessions[0].AccessKeyID != first.AccessKeyID
		case <-deadline:
			t.Fatalf("no renewal notified within 20 s; AssumeRole calls: %d", f.proxy.Count("AssumeRole"))
		}
	}
	f.store.Close() // stop further renewals before counting
	if n := f.proxy.Count("GetSessionToken"); n != 1 {
		t.Errorf("GetSessionToken called %d times, want 1", n)
	}
	calls := f.proxy.Calls("AssumeRole")
	if len(calls) < 2 || calls[1].Params.Has("TokenCode") || calls[1].Params.Get("DurationSeconds") != "900" {
		t.Errorf("AssumeRole calls %+v; want a renewal without a code and with the same duration", calls)
	}
	assertNoSecret(t, "notifications", string(notified), firstCreds.SecretAccessKey, firstCreds.SessionToken)
}
