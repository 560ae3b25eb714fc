package sso

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
)

// minUse is the least life an access token must have left to be handed out without a refresh: a
// portal call made with it must still find it valid.
const minUse = time.Minute

// Status reads the session's cached sign-in without any network call.
func (c *Client) Status(s Session) (Status, error) {
	t, ok, err := readToken(tokenFile(c.opts.CacheDir, s))
	if err != nil {
		return statusOf(s, token{}, false, c.opts.Now()), err
	}
	return statusOf(s, t, ok, c.opts.Now()), nil
}

// accessToken is a valid access token for the session: the cached one, refreshed first when it
// ends within RefreshWindow (the new token is written back for the AWS CLI and the SDKs to use).
// Without a usable token the error is ReasonSignInRequired and says which command signs in.
func (c *Client) accessToken(ctx context.Context, s Session) (token, error) {
	return c.useToken(ctx, s, false)
}

// Refresh renews the session's access token now with its refresh token, whatever its expiry; an
// editor calls it ahead of expiry so that the sign-in never lapses while the session lives.
func (c *Client) Refresh(ctx context.Context, s Session) (Status, error) {
	t, err := c.useToken(ctx, s, true)
	if err != nil {
		return Status{}, err
	}
	return statusOf(s, t, true, c.opts.Now()), nil
}

func (c *Client) useToken(ctx context.Context, s Session, force bool) (token, error) {
	if err := s.validate(); err != nil {
		return token{}, err
	}
	path := tokenFile(c.opts.CacheDir, s)
	t, ok, err := readToken(path)
	if err != nil || !ok {
		why := "no sign-in is cached"
		if err != nil {
			why = err.Error()
		}
		return token{}, signInRequired(s, why, err)
	}
	now := c.opts.Now()
	if !force && t.valid(now, c.opts.RefreshWindow) {
		return t, nil
	}
	if !t.refreshable(now) {
		if !force && t.valid(now, minUse) {
			return t, nil // cannot be renewed, but still good for a while
		}
		return token{}, signInRequired(s, c.lapsed(t, now), nil)
	}
	return c.refreshLocked(ctx, s, path, t, force)
}

// refreshLocked refreshes under the token file's lock, so that two Rolecall processes (the editor's
// server and a terminal) never spend the same refresh token twice: the second finds the file already
// renewed and uses it.
func (c *Client) refreshLocked(ctx context.Context, s Session, path string, seen token, force bool) (token, error) {
	var got token
	var callErr error
	err := updateSecretFile(path, func(old []byte) ([]byte, error) {
		cur, ok, _ := parseToken(old, path)
		now := c.opts.Now()
		if ok && cur.AccessToken != seen.AccessToken && cur.valid(now, c.opts.RefreshWindow) {
			got = cur // renewed meanwhile by another process
			return nil, nil
		}
		if !ok {
			cur = seen
		}
		fresh, err := c.callRefresh(ctx, s, cur)
		if err != nil {
			callErr = err
			got = cur
			return nil, nil
		}
		got = fresh
		return encodeToken(fresh), nil
	})
	if err != nil {
		return token{}, &Error{Reason: ReasonConfig, Session: s.Label(), err: err,
			Msg: fmt.Sprintf("cannot write the renewed token to the cache: %v", err)}
	}
	if callErr == nil {
		return got, nil
	}
	now := c.opts.Now()
	if ReasonOf(callErr) == ReasonSignInRequired {
		if !force && got.valid(now, minUse) {
			return got, nil // the sign-in ends when this token does
		}
		return token{}, callErr
	}
	if !force && got.valid(now, minUse) {
		return got, nil // a refresh that failed for now (network): the current token still works
	}
	return token{}, callErr
}

// callRefresh is CreateToken with the refresh_token grant.
func (c *Client) callRefresh(ctx context.Context, s Session, t token) (token, error) {
	out, err := c.oidc(s).CreateToken(ctx, &ssooidc.CreateTokenInput{ClientId: aws.String(t.ClientID),
		ClientSecret: aws.String(t.ClientSecret), GrantType: aws.String(grantRefreshToken), RefreshToken: aws.String(t.RefreshToken)})
	if err != nil {
		if te := transportError(ctx, s, c.oidcBase(ctx, s), err); te != nil {
			return token{}, te
		}
		switch apiCode(err) {
		case "InvalidGrantException", "InvalidClientException", "UnauthorizedClientException", "ExpiredTokenException", "AccessDeniedException":
			return token{}, signInRequired(s, "the Identity Center session has ended", err)
		}
		return token{}, c.oidcError(ctx, s, "CreateToken", err)
	}
	refresh := aws.ToString(out.RefreshToken)
	if refresh == "" {
		refresh = t.RefreshToken // the service kept it: it stays valid for the session
	}
	reg := registration{ClientID: t.ClientID, ClientSecret: t.ClientSecret, ExpiresAt: t.RegistrationExpiresAt}
	fresh := c.newToken(s, reg, aws.ToString(out.AccessToken), refresh, out.ExpiresIn)
	return fresh, nil
}

// lapsed says why a token cannot be used, for the sign-in message.
func (c *Client) lapsed(t token, now time.Time) string {
	if t.ExpiresAt.After(now) {
		return "the sign-in ends at " + t.ExpiresAt.Local().Format("15:04") + " and cannot be renewed"
	}
	return "the sign-in expired at " + t.ExpiresAt.Local().Format("2006-01-02 15:04")
}
