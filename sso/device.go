package sso

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
)

// The device authorization grant's polling rules (RFC 8628 section 3.5): wait interval between polls
// (5 seconds when the service names none), and on slow_down add 5 seconds for this and every later
// poll.
const (
	defaultInterval = 5 * time.Second
	slowDownStep    = 5 * time.Second
)

// deviceLogin is the device code flow: start an authorization, show the code and the page, poll
// until the person approves, declines or the code lapses.
func (c *Client) deviceLogin(ctx context.Context, s Session, emit func(Event)) (token, error) {
	reg, err := c.registration(ctx, s, false)
	if err != nil {
		return token{}, err
	}
	oidc := c.oidc(s)
	dev, err := oidc.StartDeviceAuthorization(ctx, &ssooidc.StartDeviceAuthorizationInput{
		ClientId: aws.String(reg.ClientID), ClientSecret: aws.String(reg.ClientSecret), StartUrl: aws.String(s.StartURL)})
	if err != nil {
		return token{}, c.oidcError(ctx, s, "StartDeviceAuthorization", err)
	}
	expires := c.opts.Now().Add(time.Duration(dev.ExpiresIn) * time.Second)
	interval := time.Duration(dev.Interval) * time.Second
	if interval <= 0 {
		interval = defaultInterval
	}
	code := aws.ToString(dev.UserCode)
	emit(Event{Kind: EventOpen, Flow: FlowDeviceCode, URL: aws.ToString(dev.VerificationUriComplete),
		VerificationURI: aws.ToString(dev.VerificationUri), UserCode: code, ExpiresAt: expires,
		Message: fmt.Sprintf("Open %s and confirm the code %s.", aws.ToString(dev.VerificationUri), code)})
	emit(Event{Kind: EventWaiting, Flow: FlowDeviceCode, UserCode: code, ExpiresAt: expires,
		Message: "Waiting for the sign-in to be approved in the browser…"})
	in := &ssooidc.CreateTokenInput{ClientId: aws.String(reg.ClientID), ClientSecret: aws.String(reg.ClientSecret),
		GrantType: aws.String(grantDeviceCode), DeviceCode: dev.DeviceCode}
	for {
		out, err := oidc.CreateToken(ctx, in)
		if err == nil {
			return c.newToken(s, reg, aws.ToString(out.AccessToken), aws.ToString(out.RefreshToken), out.ExpiresIn), nil
		}
		switch apiCode(err) {
		case "AuthorizationPendingException":
		case "SlowDownException":
			interval += slowDownStep
		default:
			return token{}, c.oidcError(ctx, s, "CreateToken", err)
		}
		if !c.opts.Now().Add(interval).Before(expires) {
			return token{}, c.oidcError(ctx, s, "CreateToken", expiredError())
		}
		if err := c.opts.Sleep(ctx, interval); err != nil {
			return token{}, err
		}
	}
}
