package handlers

import (
	"context"
	"errors"

	"github.com/rolecall/rolecall/console"
	"github.com/rolecall/rolecall/internal/wire"
	"github.com/rolecall/rolecall/server"
)

// envFederationEndpoint points the console sign-in at a local stand-in of the federation endpoint, for
// tests (the console package accepts only a loopback URL), as `rolecall console` reads it.
const envFederationEndpoint = "ROLECALL_FEDERATION_ENDPOINT"

// reasonNotFederatable is the error reason of a session the console sign-in cannot take.
const reasonNotFederatable = "not-federatable"

// console answers rolecall-ls.console {profile?, region?, destination?} with a sign-in URL that opens
// the AWS console as the session of profile (default: the active one), in region (default: the
// session's) at destination (default: the console home).
//
// SECRETS: the URL signs whoever opens it in for 15 minutes, so this is one of the only messages that
// carry a secret (docs/commands.md); the editor opens it in the browser and never logs it.
func (sc *sessionCommands) console(ctx context.Context, arg *wire.ConsoleArgs) (wire.ConsoleURL, error) {
	name := arg.Profile
	if name == "" {
		name = sc.store.Status().Active
	}
	creds, err := sc.store.Credentials(name)
	if err != nil {
		return wire.ConsoleURL{}, commandError(err)
	}
	// The plan as the files say now tells whether the session can open the console at all, and for
	// how long it may ask; a profile broken since it was assumed just asks for no length.
	plan, planErr := sc.planFor(ctx, name)
	if planErr == nil {
		if why := plan.ConsoleProblem(); why != "" {
			return wire.ConsoleURL{}, notFederatable(name, why)
		}
	}
	region := arg.Region
	if region == "" {
		region = creds.Region
	}
	var arn string
	for _, st := range sc.store.Status().Sessions {
		if st.Profile == name {
			arn = st.AssumedRoleArn
		}
	}
	req := console.Request{
		Session: console.Session{AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey,
			SessionToken: creds.SessionToken, Arn: arn, Region: region},
		Destination: arg.Destination,
	}
	if planErr == nil && plan.RoleFromUserKeys() {
		req.SessionDuration = console.MaxSessionDuration
	}
	override, _ := sc.h.opts.Env(envFederationEndpoint)
	url, err := console.SigninURL(ctx, req, console.Options{FederationEndpoint: override})
	var nf *console.NotFederatableError
	switch {
	case errors.As(err, &nf):
		return wire.ConsoleURL{}, notFederatable(name, nf.Reason)
	case err != nil:
		// console's errors never hold the URL or the credentials.
		return wire.ConsoleURL{}, server.NewError(server.CodeRequestFailed, err.Error())
	}
	return wire.ConsoleURL{Profile: name, URL: url}, nil
}

func notFederatable(profile, why string) error {
	return server.NewError(server.CodeRequestFailed, why).WithData(map[string]any{"reason": reasonNotFederatable, "profile": profile})
}
