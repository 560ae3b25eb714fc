package wire

import "errors"

// NoArgs is the argument of the commands that take none: {} (or nothing).
type NoArgs struct{}

// ProfileArgs names a session; "" (or no argument) means the active one.
type ProfileArgs struct {
	Profile string `json:"profile"`
}

// AssumeArgs is the argument of rolecall-ls.assume. MFACode is sent after the first call answered
// mfa-required.
type AssumeArgs struct {
	Profile string `json:"profile"`
	MFACode string `json:"mfaCode"`
}

// Validate requires the profile: there is no default profile to assume.
func (a *AssumeArgs) Validate() error {
	if a.Profile == "" {
		return errors.New(`needs the profile to assume: {"profile": "<name>"}`)
	}
	return nil
}

// RefreshArgs is the argument of rolecall-ls.refresh; both fields are optional.
type RefreshArgs struct {
	Profile string `json:"profile"`
	MFACode string `json:"mfaCode"`
}

// ForgetArgs is the argument of rolecall-ls.forget: one session (Profile, "" = the active one), or
// every session with All.
type ForgetArgs struct {
	Profile string `json:"profile"`
	All     bool   `json:"all"`
}

// Validate refuses a profile together with all: which of the two was meant is unclear.
func (a *ForgetArgs) Validate() error {
	if a.All && a.Profile != "" {
		return errors.New(`takes a profile or "all", not both: {"profile": "<name>"} or {"all": true}`)
	}
	return nil
}
