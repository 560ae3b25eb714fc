package credendpoint

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials/endpointcreds"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/internal/ststest"
)

// A real session store behind the endpoint, read by the SDK's own endpoint provider: it serves the
// active session, the renewed credentials right after a refresh, and a clear refusal once the
// session is forgotten.
func TestStoreSourceFollowsTheStore(t *testing.T) {
	t.Parallel()
	moto := ststest.StartMoto(t)
	store := assume.NewStore(assume.Options{DisableCLICache: true, DisableAutoRefresh: true}, nil)
	defer store.Close()
	plan := assume.Plan{Profile: "dev", Endpoint: moto.URL, Region: "eu-west-1",
		Source: assume.Source{Kind: assume.StaticKeys, Profile: "base", AccessKeyID: "AKIAIOSFODNN7EXAMPLE",
			SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
		Roles: []assume.RoleHop{{Profile: "dev", RoleArn: "arn:aws:iam::111122223333:role/Dev"}}}
	ctx := context.Background()
	if _, err := store.Assume(ctx, plan, ""); err != nil {
		t.Fatal(err)
	}
	s, _ := startServer(t, StoreSource{Store: store})
	sdk := endpointcreds.New(s.URL(), func(o *endpointcreds.Options) { o.AuthorizationToken = s.Token() })

	first, err := sdk.Retrieve(ctx)
	held, _ := store.Credentials("dev")
	if err != nil || first.AccessKeyID != held.AccessKeyID || first.AccountID != "111122223333" || !first.Expires.Equal(held.Expiration.Truncate(time.Second)) {
		t.Fatalf("the endpoint gave %s (account %q, expires %s), %v; the store holds %s",
			first.AccessKeyID, first.AccountID, first.Expires, err, held)
	}
	if _, err := store.Refresh(ctx, "dev", ""); err != nil {
		t.Fatal(err)
	}
	second, err := sdk.Retrieve(ctx)
	if err != nil || second.AccessKeyID == first.AccessKeyID {
		t.Errorf("after a refresh the endpoint gave %s, %v; want a new key", second.AccessKeyID, err)
	}
	if _, err := store.Forget("dev"); err != nil {
		t.Fatal(err)
	}
	_, err = sdk.Retrieve(ctx)
	if err == nil || !strings.Contains(err.Error(), ReasonGone) || !strings.Contains(err.Error(), "no Rolecall session is active") {
		t.Errorf("after Forget: %v", err)
	}
}

// fakeStore answers as a store would in the states a test sets up.
type fakeStore struct {
	err    error
	status assume.StoreStatus
}

func (f fakeStore) Credentials(string) (assume.SessionCredentials, error) {
	return assume.SessionCredentials{}, f.err
}
func (f fakeStore) Status() assume.StoreStatus { return f.status }

// Each way a store has no credentials becomes the refusal that tells the user what to do.
func TestStoreSourceExplainsWhyThereAreNoCredentials(t *testing.T) {
	t.Parallel()
	ended := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	failed := "STS answered AccessDenied"
	cases := []struct {
		name   string
		store  fakeStore
		reason string
		says   string
	}{
		{"forgotten", fakeStore{err: &assume.NoSessionError{Profile: "dev"}}, ReasonGone, "forgotten or never assumed"},
		{"nothing active", fakeStore{err: &assume.NoSessionError{}}, ReasonGone, "no Rolecall session is active"},
		{"expired, MFA needed", fakeStore{err: &assume.NoSessionError{Profile: "dev", Expired: ended},
			status: assume.StoreStatus{Sessions: []assume.SessionStatus{{Profile: "dev", MFA: true}}}}, ReasonMFARequired, "needs an MFA code"},
		{"expired, refresh failed", fakeStore{err: &assume.NoSessionError{Profile: "dev", Expired: ended},
			status: assume.StoreStatus{Sessions: []assume.SessionStatus{{Profile: "dev", Error: failed}}}}, ReasonExpired,
			"expired at 2030-01-02T03:04:05Z and was not renewed (STS answered AccessDenied)"},
		{"closed", fakeStore{err: assume.ErrClosed}, ReasonUnavailable, "shutting down"},
	}
	for _, c := range cases {
		_, err := StoreSource{Store: c.store, Profile: "dev"}.Credentials(context.Background())
		var r *Refusal
		if !errors.As(err, &r) || r.Reason != c.reason || !strings.Contains(r.Message, c.says) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
