package sso

import (
	"context"
	"fmt"
	"time"
)

// EventKind says what a sign-in needs from the person, or where it is.
type EventKind string

const (
	// EventOpen: open Event.URL in a browser (or show it). In the device code flow the person may
	// open Event.VerificationURI on another device and type Event.UserCode there.
	EventOpen EventKind = "open"
	// EventWaiting: waiting for the person to approve in the browser.
	EventWaiting EventKind = "waiting"
	// EventSignedIn: the token is cached; the sign-in is done.
	EventSignedIn EventKind = "signed-in"
)

// Event is one step of a sign-in, for a CLI to print or an editor to show as progress.
type Event struct {
	Kind    EventKind
	Session string // the session's label
	Flow    Flow
	// URL is the page to open: the authorize page, or the device page with the code filled in.
	URL string
	// VerificationURI and UserCode are the device code flow's page and code, shown so that the
	// person can approve from another device; "" in the authorization code flow.
	VerificationURI, UserCode string
	// ExpiresAt is when the request lapses if nobody approves it.
	ExpiresAt time.Time
	// Message is the step in one sentence for a person.
	Message string
}

// Flow is the OAuth flow of a sign-in.
type Flow string

const (
	FlowAuthCode   Flow = "authorization-code" // PKCE with a loopback redirect: a browser on this machine
	FlowDeviceCode Flow = "device-code"        // a code typed on any device: remote machines
)

// LoginOptions choose how to sign in.
type LoginOptions struct {
	// UseDeviceCode asks for the device code flow. The legacy form (no sso-session) always uses it,
	// as the AWS CLI does, since its registration has no redirect.
	UseDeviceCode bool
	// Events receives each step; it is called on the signing-in goroutine and should return quickly
	// (open the browser in the background). nil ignores them.
	Events func(Event)
}

// Login signs in to the session and caches the token where the AWS CLI and every SDK find it. It
// returns when the person approved, declined, the request lapsed or ctx is cancelled; nothing is
// written unless it succeeded.
func (c *Client) Login(ctx context.Context, s Session, lo LoginOptions) (Status, error) {
	if err := s.validate(); err != nil {
		return Status{}, err
	}
	emit := func(e Event) {
		if lo.Events != nil {
			e.Session = s.Label()
			lo.Events(e)
		}
	}
	flow := FlowAuthCode
	if lo.UseDeviceCode || s.Name == "" {
		flow = FlowDeviceCode
	}
	var t token
	var err error
	for attempt := 0; ; attempt++ {
		if flow == FlowAuthCode {
			t, err = c.authCodeLogin(ctx, s, emit)
		} else {
			t, err = c.deviceLogin(ctx, s, emit)
		}
		if err != errRegistrationRefused || attempt > 0 {
			break
		}
		c.dropRegistration(s) // expired or revoked before its time: register again, once
	}
	if err == errRegistrationRefused {
		err = &Error{Reason: ReasonService, Session: s.Label(), Msg: fmt.Sprintf(
			"IAM Identity Center refused a new client registration for %s: try again in a moment", s.Label())}
	}
	if err != nil {
		return Status{}, err
	}
	if err := c.saveToken(s, t); err != nil {
		return Status{}, err
	}
	c.forgetDiscovery(s)
	st := statusOf(s, t, true, c.opts.Now())
	emit(Event{Kind: EventSignedIn, Flow: flow, ExpiresAt: t.ExpiresAt,
		Message: fmt.Sprintf("Signed in to %s until %s.", s.Label(), t.ExpiresAt.Local().Format("2006-01-02 15:04"))})
	return st, nil
}

// newToken is the token a CreateToken answer gives, with the registration cached beside it.
func (c *Client) newToken(s Session, r registration, access, refresh string, expiresIn int32) token {
	return token{StartURL: s.StartURL, Region: s.Region, AccessToken: access,
		ExpiresAt: c.opts.Now().Add(time.Duration(expiresIn) * time.Second).UTC().Truncate(time.Second),
		ClientID:  r.ClientID, ClientSecret: r.ClientSecret, RegistrationExpiresAt: r.ExpiresAt, RefreshToken: refresh}
}

// saveToken writes the session's token file (atomic, 0600).
func (c *Client) saveToken(s Session, t token) error {
	data := encodeToken(t)
	if err := updateSecretFile(tokenFile(c.opts.CacheDir, s), func([]byte) ([]byte, error) { return data, nil }); err != nil {
		return &Error{Reason: ReasonConfig, Session: s.Label(), err: err,
			Msg: fmt.Sprintf("signed in, but cannot write the token cache: %v", err)}
	}
	return nil
}
