package sso

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"

	"github.com/aws/smithy-go"
)

// The reasons of this package's errors, machine-readable (the language server puts them in an
// error's data; docs/sso.md lists them).
const (
	ReasonSignInRequired = "sso-sign-in-required" // no token, or it expired and cannot be refreshed
	ReasonConfig         = "sso-config"           // the files do not configure a usable session
	ReasonStartURL       = "sso-start-url"        // Identity Center does not accept the start URL
	ReasonRegion         = "sso-region"           // no Identity Center endpoint in that region
	ReasonDeclined       = "sso-declined"         // the user denied the request in the browser
	ReasonTimedOut       = "sso-timed-out"        // the request was not approved in time
	ReasonRoleDenied     = "sso-role-denied"      // the portal refuses that account and role
	ReasonUnreachable    = "sso-unreachable"      // no network, DNS or connection failure
	ReasonThrottled      = "sso-throttled"        // still throttled after the retries
	ReasonService        = "sso-error"            // any other answer of the service
)

// Error is every failure this package reports on purpose: Msg is one sentence that says what is
// wrong and what to do, and never holds a secret.
type Error struct {
	Reason  string
	Session string // the session's label ("" when not known)
	Msg     string
	err     error
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.err }

// Data is the error's data object for a JSON-RPC error, without the reason.
func (e *Error) Data() map[string]any {
	d := map[string]any{}
	if e.Session != "" {
		d["ssoSession"] = e.Session
	}
	return d
}

// ReasonOf gives the reason of an error of this package, "" for any other error.
func ReasonOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ""
}

// signInRequired is the error of a session with no usable token.
func signInRequired(s Session, why string, err error) *Error {
	return &Error{Reason: ReasonSignInRequired, Session: s.Label(), err: err,
		Msg: fmt.Sprintf("Sign in to %s: run %s (%s)", s.Label(), s.LoginCommand(), why)}
}

// apiCode is the service's error code, "" when err is not a service answer.
func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// transportError explains an error that never reached the service: cancelled, no DNS name for the
// region's endpoint (a region without Identity Center, or a typo), or no network. nil when err is
// not one of those.
func transportError(ctx context.Context, s Session, endpoint string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &Error{Reason: ReasonUnreachable, Session: s.Label(), err: err, Msg: fmt.Sprintf(
			"IAM Identity Center at %s did not answer in time: check the network connection or proxy, then try again", host(endpoint))}
	}
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.IsNotFound && s.OIDCEndpoint == "" && s.PortalEndpoint == "" {
		return &Error{Reason: ReasonRegion, Session: s.Label(), err: err, Msg: fmt.Sprintf(
			"IAM Identity Center has no endpoint in region %q (%s does not exist): check sso_region in %s",
			s.Region, host(endpoint), s.where())}
	}
	var netErr net.Error
	var opErr *net.OpError
	if errors.As(err, &dns) || errors.As(err, &opErr) || errors.As(err, &netErr) {
		return &Error{Reason: ReasonUnreachable, Session: s.Label(), err: err, Msg: fmt.Sprintf(
			"cannot reach IAM Identity Center at %s: check the network connection or proxy, then try again", host(endpoint))}
	}
	return nil
}

func host(endpoint string) string {
	if u, err := url.Parse(endpoint); err == nil && u.Host != "" {
		return u.Host
	}
	return endpoint
}
