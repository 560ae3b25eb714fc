package sso

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/smithy-go"
)

// errRegistrationRefused: the service no longer accepts the cached client registration (it expired
// on the service's clock, or was revoked); Login registers again and starts over once.
var errRegistrationRefused = errors.New("the client registration was refused")

// oidcError explains a failed sso-oidc call in one sentence with what to do.
func (c *Client) oidcError(ctx context.Context, s Session, op string, err error) error {
	if te := transportError(ctx, s, c.oidcBase(ctx, s), err); te != nil {
		return te
	}
	e := &Error{Session: s.Label(), err: err}
	switch code := apiCode(err); code {
	case "InvalidClientException":
		if op != "RegisterClient" {
			return errRegistrationRefused
		}
		e.Reason, e.Msg = ReasonService, "IAM Identity Center refused to register Rolecall as a client: try again in a moment"
	case "InvalidRequestException", "InvalidRequestRegionException", "UnauthorizedClientException":
		e.Reason, e.Msg = ReasonStartURL, fmt.Sprintf(
			"IAM Identity Center in %s did not accept the start URL %q: check sso_start_url and sso_region in %s "+
				"(the AWS access portal URL, like https://d-1234567890.awsapps.com/start, and its region)",
			s.Region, s.StartURL, s.where())
	case "AccessDeniedException":
		e.Reason, e.Msg = ReasonDeclined, fmt.Sprintf(
			"the sign-in to %s was denied in the browser: run %s again and choose Allow", s.Label(), s.LoginCommand())
	case "ExpiredTokenException":
		e.Reason, e.Msg = ReasonTimedOut, fmt.Sprintf(
			"the sign-in to %s was not approved in time: run %s again and approve it in the browser", s.Label(), s.LoginCommand())
	case "InvalidGrantException":
		e.Reason, e.Msg = ReasonService, fmt.Sprintf(
			"IAM Identity Center did not accept the sign-in's code (it was used or expired): run %s again", s.LoginCommand())
	case "InternalServerException":
		e.Reason, e.Msg = ReasonService, "IAM Identity Center had an internal error: try again in a moment"
	default:
		e.Reason, e.Msg = ReasonService, fmt.Sprintf("IAM Identity Center refused %s (%s): try again, or check %s",
			op, codeOr(code), s.where())
	}
	return e
}

func codeOr(code string) string {
	if code == "" {
		return "no error code"
	}
	return code
}

func expiredError() error {
	return &smithy.GenericAPIError{Code: "ExpiredTokenException", Message: "the sign-in request lapsed"}
}

func deniedError() error {
	return &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "the user denied the request"}
}
