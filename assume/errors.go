package assume

import (
	"errors"
	"fmt"
	"time"
)

// The reasons of docs/commands.md that this package produces (the handler puts them in the JSON-RPC
// error's data).
const (
	ReasonMFARequired       = "mfa-required"
	ReasonMFAInvalid        = "mfa-invalid"
	ReasonAccessDenied      = "access-denied"
	ReasonSourceCredentials = "source-credentials"
	ReasonSTSUnreachable    = "sts-unreachable"
	ReasonSTSError          = "sts-error"
	ReasonProfileInvalid    = "profile-invalid"
	ReasonNoSession         = "no-session"
)

// ReasonError is implemented by every error this package returns on purpose. Error() is a sentence a
// person can act on and never contains a secret; Reason() is the machine-readable reason; Data() holds
// the other fields of the error's data object in docs/commands.md.
type ReasonError interface {
	error
	Reason() string
	Data() map[string]any
}

// ErrorData returns the reason and data object for err, for a JSON-RPC error. ok is false for errors
// that did not come from this package as a ReasonError (then use a generic failure).
func ErrorData(err error) (reason string, data map[string]any, ok bool) {
	var re ReasonError
	if !errors.As(err, &re) {
		return "", nil, false
	}
	data = re.Data()
	data["reason"] = re.Reason()
	return re.Reason(), data, true
}

// MFARequiredError: a hop needs an MFA code and no live MFA session covers it. Ask the user for a code
// from Serial's device and call again with it; the engine never prompts.
type MFARequiredError struct {
	Profile       string // the profile being assumed (call Assume/Refresh for it again)
	Serial        string // the MFA device
	SerialProfile string // the profile whose mfa_serial it is (may equal Profile)
}

func (e *MFARequiredError) Error() string {
	return fmt.Sprintf("MFA code needed for %s (mfa_serial of profile %q): enter the current six-digit code of that device",
		e.Serial, e.SerialProfile)
}
func (e *MFARequiredError) Reason() string { return ReasonMFARequired }
func (e *MFARequiredError) Data() map[string]any {
	return map[string]any{"profile": e.Profile, "mfaSerial": e.Serial}
}

// MFAInvalidError: STS refused the MFA code (wrong, or already used within its 30-second window).
type MFAInvalidError struct {
	Profile, Serial string
	Malformed       bool // the code was not six digits, so it was not sent
	err             error
}

func (e *MFAInvalidError) Error() string {
	if e.Malformed {
		return fmt.Sprintf("an MFA code for %s is six digits: enter the code the device shows now", e.Serial)
	}
	return fmt.Sprintf("STS refused the MFA code for %s: it is wrong or was already used; wait for the device's next code and try again",
		e.Serial)
}
func (e *MFAInvalidError) Reason() string { return ReasonMFAInvalid }
func (e *MFAInvalidError) Unwrap() error  { return e.err }
func (e *MFAInvalidError) Data() map[string]any {
	return map[string]any{"profile": e.Profile, "mfaSerial": e.Serial}
}

// AccessDeniedError: STS answered AccessDenied, usually because the role's trust policy does not let
// the caller in (or an external ID / MFA condition is not met).
type AccessDeniedError struct {
	Profile    string // the profile being assumed
	HopProfile string // the profile whose role_arn was refused
	RoleArn    string
	Caller     string // who asked, as STS named it, or which profile's credentials were used
	STSMessage string
	err        error
}

func (e *AccessDeniedError) Error() string {
	return fmt.Sprintf("STS refused to let %s assume %s (profile %q): check the role's trust policy (it must allow that caller, "+
		"and any external_id or MFA condition it sets) and that the caller may call sts:AssumeRole on it; STS said: %s",
		e.Caller, e.RoleArn, e.HopProfile, e.STSMessage)
}
func (e *AccessDeniedError) Reason() string       { return ReasonAccessDenied }
func (e *AccessDeniedError) Unwrap() error        { return e.err }
func (e *AccessDeniedError) Data() map[string]any { return map[string]any{"profile": e.Profile} }

// SourceCredentialsError: the credentials at the start of the chain are expired, unknown, wrong, or
// could not be obtained at all (credential_process failed, SSO token expired, ...).
type SourceCredentialsError struct {
	Profile       string // the profile being assumed
	SourceProfile string // the profile holding the credentials
	File          string
	Line          int
	Code          string // the STS error code when STS refused them, else ""
	Problem       string // what is wrong and what to do, without any secret
	err           error
}

func (e *SourceCredentialsError) Error() string {
	where := Source{Profile: e.SourceProfile, File: e.File, Line: e.Line}.location()
	if e.Code != "" {
		return fmt.Sprintf("the credentials of %s were refused by STS (%s): %s", where, e.Code, e.Problem)
	}
	return fmt.Sprintf("cannot get the credentials of %s: %s", where, e.Problem)
}
func (e *SourceCredentialsError) Reason() string { return ReasonSourceCredentials }
func (e *SourceCredentialsError) Unwrap() error  { return e.err }
func (e *SourceCredentialsError) Data() map[string]any {
	return map[string]any{"profile": e.Profile, "sourceProfile": e.SourceProfile}
}

// UnreachableError: no answer from STS (no network, wrong endpoint, firewall): nothing listens at the
// endpoint, its name does not resolve, or it did not answer within the timeout.
type UnreachableError struct {
	Endpoint string
	Timeout  time.Duration
	Cause    string // "no answer", "connection refused", ...
	err      error
}

// causeNoAnswer is the UnreachableError cause of a call that timed out.
const causeNoAnswer = "no answer"

func (e *UnreachableError) Error() string {
	switch e.Cause {
	case causeNoAnswer:
		return fmt.Sprintf("cannot reach STS at %s: no answer within %s; check the network connection, a proxy, "+
			"or the profile's region and STS endpoint_url", e.Endpoint, e.Timeout)
	case "connection refused":
		return fmt.Sprintf("cannot reach STS at %s: connection refused (nothing listens there); check the "+
			"STS endpoint_url (or AWS_ENDPOINT_URL_STS), a proxy, or the network connection", e.Endpoint)
	}
	return fmt.Sprintf("cannot reach STS at %s: %s; check the network connection, a proxy, "+
		"or the profile's region and STS endpoint_url", e.Endpoint, e.Cause)
}

func (e *UnreachableError) Reason() string       { return ReasonSTSUnreachable }
func (e *UnreachableError) Unwrap() error        { return e.err }
func (e *UnreachableError) Data() map[string]any { return map[string]any{"endpoint": e.Endpoint} }

// STSError is any other STS error: RegionDisabledException, throttling after the SDK's retries,
// ValidationError (duration above the role's maximum, role chaining limit, malformed ARN), ...
type STSError struct {
	Profile    string // the profile being assumed
	HopProfile string // the profile whose call failed
	Code       string
	Advice     string // what to do
	STSMessage string
	// Unsent: the request failed before STS could answer (the SDK refused to build or send it); Code is
	// then "RequestFailed" and STSMessage the SDK's own error.
	Unsent bool
	err    error
}

func (e *STSError) Error() string {
	if e.Unsent {
		return fmt.Sprintf("the request to STS for profile %q could not be sent (%s): %s", e.HopProfile, e.STSMessage, e.Advice)
	}
	msg := fmt.Sprintf("STS answered %s for profile %q", e.Code, e.HopProfile)
	if e.STSMessage != "" {
		msg += fmt.Sprintf(" (%s)", e.STSMessage)
	}
	return msg + ": " + e.Advice
}
func (e *STSError) Reason() string       { return ReasonSTSError }
func (e *STSError) Unwrap() error        { return e.err }
func (e *STSError) Data() map[string]any { return map[string]any{"stsCode": e.Code} }

// PlanError: the plan cannot be run as given (the profile model should have flagged it already).
type PlanError struct {
	Profile string
	Msg     string
	// Problem is what is wrong, without the profile's name, for a message that names the profile itself
	// ("Could not assume staging: …"): the diagnostic's first sentence and where it is.
	Problem string
}

func (e *PlanError) Error() string  { return e.Msg }
func (e *PlanError) Reason() string { return ReasonProfileInvalid }
func (e *PlanError) Data() map[string]any {
	d := map[string]any{"profile": e.Profile}
	if e.Problem != "" {
		d["problem"] = e.Problem
	}
	return d
}

// NoSessionError: Refresh, Forget or Credentials named a profile without a (usable) session.
type NoSessionError struct {
	Profile string
	Expired time.Time // set when the session exists but has expired
}

func (e *NoSessionError) Error() string {
	switch {
	case e.Profile == "":
		return "no session is active: assume a profile first"
	case !e.Expired.IsZero():
		return fmt.Sprintf("the session of profile %q expired at %s: refresh it or assume the profile again",
			e.Profile, e.Expired.UTC().Format(time.RFC3339))
	}
	return fmt.Sprintf("profile %q has no session: assume it first", e.Profile)
}
func (e *NoSessionError) Reason() string       { return ReasonNoSession }
func (e *NoSessionError) Data() map[string]any { return map[string]any{"profile": e.Profile} }

// ErrClosed is returned by a Store after Close.
var ErrClosed = errors.New("the session store is closed: restart Rolecall")
