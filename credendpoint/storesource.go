package credendpoint

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rolecall/rolecall/assume"
)

// SessionStore is what StoreSource needs of the session store (*assume.Store satisfies it).
type SessionStore interface {
	Credentials(profile string) (assume.SessionCredentials, error)
	Status() assume.StoreStatus
}

// StoreSource serves one session of a store: the one of Profile, or with Profile "" whichever session
// is active at the time of each request, so that a terminal opened once follows role switches. The
// store refreshes the session; StoreSource only reads it.
type StoreSource struct {
	Store   SessionStore
	Profile string // "" = the active session
}

// Credentials returns the session's current credentials, or a *Refusal that says why there are none.
func (s StoreSource) Credentials(ctx context.Context) (Credentials, error) {
	c, err := s.Store.Credentials(s.Profile)
	if err != nil {
		return Credentials{}, s.refusal(err)
	}
	return Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken,
		Expiration: c.Expiration, AccountID: c.AccountID}, nil
}

// status finds a session's status by profile name.
func (s StoreSource) status(profile string) (assume.SessionStatus, bool) {
	for _, st := range s.Store.Status().Sessions {
		if st.Profile == profile {
			return st, true
		}
	}
	return assume.SessionStatus{}, false
}

// refusal turns the store's reason for having no credentials into what the SDK is told.
func (s StoreSource) refusal(err error) error {
	var none *assume.NoSessionError
	switch {
	case errors.Is(err, assume.ErrClosed):
		return &Refusal{Reason: ReasonUnavailable, Message: "Rolecall is shutting down: start it again, then retry"}
	case !errors.As(err, &none):
		return err
	case none.Profile == "":
		return &Refusal{Reason: ReasonGone, Message: "no Rolecall session is active: assume a profile in Rolecall, then retry"}
	case none.Expired.IsZero():
		return &Refusal{Reason: ReasonGone, Message: fmt.Sprintf(
			"Rolecall has no session for profile %q (it was forgotten or never assumed): assume it again in Rolecall, then retry", none.Profile)}
	}
	st, _ := s.status(none.Profile)
	if st.MFA && st.RefreshAt.IsZero() {
		return &Refusal{Reason: ReasonMFARequired, Message: fmt.Sprintf(
			"the session of profile %q expired and renewing it needs an MFA code: refresh it in Rolecall with a code, then retry", none.Profile)}
	}
	msg := fmt.Sprintf("the session of profile %q expired at %s and was not renewed", none.Profile,
		none.Expired.UTC().Format(time.RFC3339))
	if st.Error != "" {
		msg += " (" + st.Error + ")"
	}
	return &Refusal{Reason: ReasonExpired, Message: msg + ": refresh it in Rolecall, then retry"}
}
