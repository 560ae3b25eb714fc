package sso

import (
	"fmt"
	"log/slog"
	"time"
)

// token is a signed-in session as the token cache holds it. Its secrets (the access and refresh
// tokens and the client secret) never leave this package; fmt and slog print it masked.
type token struct {
	StartURL              string
	Region                string
	AccessToken           string
	ExpiresAt             time.Time
	ClientID              string
	ClientSecret          string
	RegistrationExpiresAt time.Time
	RefreshToken          string
}

func (t token) String() string {
	return fmt.Sprintf("sso token for %s (%s), expires %s, refreshable %v (secrets hidden)", t.StartURL, t.Region,
		t.ExpiresAt.UTC().Format(time.RFC3339), t.refreshable(time.Time{}))
}
func (t token) GoString() string { return t.String() }

// Format makes every verb print String, so %+v and %x cannot reach the fields.
func (t token) Format(f fmt.State, _ rune) { fmt.Fprint(f, t.String()) }
func (t token) LogValue() slog.Value       { return slog.StringValue(t.String()) }

// valid: the access token works for at least margin more.
func (t token) valid(now time.Time, margin time.Duration) bool {
	return t.AccessToken != "" && t.ExpiresAt.Sub(now) > margin
}

// refreshable: the token carries what a refresh needs and the registration has not expired (at now;
// the zero time skips that check).
func (t token) refreshable(now time.Time) bool {
	return t.RefreshToken != "" && t.ClientID != "" && t.ClientSecret != "" &&
		(now.IsZero() || t.RegistrationExpiresAt.After(now))
}

// Status is what can be shown of a session's sign-in: no secret.
type Status struct {
	Session  string    `json:"ssoSession"` // the session's label
	StartURL string    `json:"startUrl"`
	Region   string    `json:"region"`
	SignedIn bool      `json:"signedIn"`  // a token is cached that works now or can be refreshed
	Expires  time.Time `json:"expiresAt"` // the access token's expiry (zero: none cached)
	// Refreshable says the access token can be renewed without the user (a refresh token and a live
	// client registration): the sign-in then lasts until the Identity Center session ends.
	Refreshable           bool      `json:"refreshable"`
	RegistrationExpiresAt time.Time `json:"registrationExpiresAt"`
}

func statusOf(s Session, t token, ok bool, now time.Time) Status {
	st := Status{Session: s.Label(), StartURL: s.StartURL, Region: s.Region}
	if !ok {
		return st
	}
	st.Expires, st.RegistrationExpiresAt = t.ExpiresAt, t.RegistrationExpiresAt
	st.Refreshable = t.refreshable(now)
	st.SignedIn = t.valid(now, 0) || st.Refreshable
	return st
}
