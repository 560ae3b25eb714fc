package assume

import (
	"context"
	"strings"
	"testing"
)

// An assume makes one STS call per hop and nothing more: AssumeRole's answer names the assumed role
// and its account, so no GetCallerIdentity follows it, on the first assume or on a refresh.
func TestAssumeMakesOneSTSCallPerHop(t *testing.T) {
	t.Parallel()
	f := newSTSFixture(t, Options{DisableCLICache: true})
	mid := RoleHop{Profile: "mid", RoleArn: "arn:aws:iam::111122223333:role/Mid"}
	admin := RoleHop{Profile: "admin", RoleArn: "arn:aws:iam::444455556666:role/Admin"}
	ctx := context.Background()

	st, err := f.store.Assume(ctx, f.plan("admin", baseKeys(), mid, admin), "")
	if err != nil {
		t.Fatal(err)
	}
	if got := f.proxy.Counts(); got["AssumeRole"] != 2 || len(got) != 1 {
		t.Errorf("a two-hop assume made %v, want AssumeRole 2 and nothing else", got)
	}
	if st.AccountID != "444455556666" || !strings.HasPrefix(st.AssumedRoleArn, "arn:aws:sts::444455556666:assumed-role/Admin/") {
		t.Errorf("the session says it is %s in %s, want the Admin role in 444455556666", st.AssumedRoleArn, st.AccountID)
	}

	if _, err := f.store.Refresh(ctx, "admin", ""); err != nil {
		t.Fatal(err)
	}
	// The refresh reuses Mid from memory: one more AssumeRole, for Admin.
	if got := f.proxy.Counts(); got["AssumeRole"] != 3 || len(got) != 1 {
		t.Errorf("after a refresh the calls are %v, want AssumeRole 3 and nothing else", got)
	}
}

// Credentials whose source does not say whose they are (GetSessionToken on an IAM user's keys) still
// get one GetCallerIdentity, so that the session shows the user's ARN and account.
func TestSessionWithoutRoleAsksWhoTheUserIs(t *testing.T) {
	t.Parallel()
	f := newSTSFixture(t, Options{DisableCLICache: true})
	st, err := f.store.Assume(context.Background(), f.plan("base", baseKeys()), "")
	if err != nil {
		t.Fatal(err)
	}
	if got := f.proxy.Counts(); got["GetSessionToken"] != 1 || got["GetCallerIdentity"] != 1 || len(got) != 2 {
		t.Errorf("calls %v, want one GetSessionToken and one GetCallerIdentity", got)
	}
	if st.AssumedRoleArn == "" || st.AccountID == "" {
		t.Errorf("the session does not say who the user is: %+v", st)
	}
}
