package assume

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A region chosen for a session is what its status and credentials report, across a refresh and a
// re-assume of the profile, while STS calls stay in the profile's region; "" goes back to the
// profile's region, and a forgotten session forgets the choice.
func TestChosenRegionFollowsTheSession(t *testing.T) {
	t.Parallel()
	sts := newFakeSTS(t, func(string, int) (int, string) {
		return 200, assumeRoleXML("ASIAREGIONEXAMPLE1", time.Now().Add(time.Hour))
	})
	store := newQuietStore(t, Options{DisableCLICache: true}, nil)
	plan := Plan{Profile: "admin", Source: baseKeys(), Roles: []RoleHop{{Profile: "admin", RoleArn: adminRole}},
		Region: "eu-west-1", Endpoint: sts.URL}
	ctx := context.Background()
	if _, err := store.Assume(ctx, plan, ""); err != nil {
		t.Fatal(err)
	}
	st, err := store.SetRegion("", "ap-southeast-2")
	if err != nil || st.Region != "ap-southeast-2" {
		t.Fatalf("SetRegion: %+v, %v", st, err)
	}
	check := func(when string) {
		t.Helper()
		creds, err := store.Credentials("admin")
		if err != nil || creds.Region != "ap-southeast-2" || store.Status().Sessions[0].Region != "ap-southeast-2" {
			t.Errorf("%s: credentials region %q (%v), status region %q; want ap-southeast-2", when, creds.Region, err,
				store.Status().Sessions[0].Region)
		}
	}
	check("after the choice")
	if _, err := store.Refresh(ctx, "admin", ""); err != nil {
		t.Fatal(err)
	}
	check("after a refresh")
	plan.Roles[0].DurationSeconds = 1800 // a changed plan: a new session for the same profile
	if _, err := store.Assume(ctx, plan, ""); err != nil {
		t.Fatal(err)
	}
	check("after a re-assume")

	if st, _ := store.SetRegion("admin", ""); st.Region != "eu-west-1" {
		t.Errorf("region after clearing the choice: %q, want the profile's eu-west-1", st.Region)
	}
	if _, err := store.Forget("admin"); err != nil {
		t.Fatal(err)
	}
	var none *NoSessionError
	if _, err := store.SetRegion("admin", "us-east-2"); !errors.As(err, &none) {
		t.Errorf("SetRegion on a forgotten session: %v, want NoSessionError", err)
	}
}
