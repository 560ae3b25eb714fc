package sso

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
)

// Logout signs the session out: the portal's Logout ends the Identity Center session (and with it
// every token it issued), then the session's token file is removed. Only this session's entry goes:
// other sessions and the client registration (not a sign-in, and shared with the AWS CLI) stay.
// A token the service no longer knows is removed all the same; with no network the file is removed
// and the error says the service was not told.
func (c *Client) Logout(ctx context.Context, s Session) error {
	path := tokenFile(c.opts.CacheDir, s)
	t, ok, _ := readToken(path)
	c.forgetDiscovery(s)
	var callErr error
	if ok {
		_, err := c.portal(s).Logout(ctx, &sso.LogoutInput{AccessToken: aws.String(t.AccessToken)})
		if err != nil && apiCode(err) != "UnauthorizedException" {
			callErr = err
		}
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &Error{Reason: ReasonConfig, Session: s.Label(), err: err,
			Msg: fmt.Sprintf("cannot remove the token cache %s: %v", path, unwrapPath(err))}
	}
	if callErr != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return &Error{Reason: ReasonUnreachable, Session: s.Label(), err: callErr, Msg: fmt.Sprintf(
			"removed the cached sign-in to %s, but IAM Identity Center was not told (%s): the session ends at its own expiry",
			s.Label(), describe(ctx, s, c, callErr))}
	}
	return nil
}

func describe(ctx context.Context, s Session, c *Client, err error) string {
	if te := transportError(ctx, s, c.portalBase(ctx, s), err); te != nil {
		return "no answer from " + host(c.portalBase(ctx, s))
	}
	return codeOr(apiCode(err))
}
