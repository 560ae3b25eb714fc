package assume

import (
	"context"
	"errors"
	"fmt"

	"github.com/rolecall/rolecall/sso"
)

// ssoCredentials gets the role's credentials from IAM Identity Center with the session's cached
// token (shared with the AWS CLI), refreshed first through the sso package when it is about to
// expire, so that a user signs in once per Identity Center session rather than once per token.
func (r *chainRun) ssoCredentials(ctx context.Context) (credentials, error) {
	s := r.plan.Source.SSO
	ctx, cancel := context.WithTimeout(ctx, r.opts.CallTimeout)
	defer cancel()
	sess := ssoSessionOf(r.plan.Source)
	if r.e.ssoEndpoint != "" {
		sess.PortalEndpoint = r.e.ssoEndpoint
	}
	rc, err := r.e.ssoClient(r.opts.SSOCacheDir).RoleCredentials(ctx, sess, s.AccountID, s.RoleName)
	if err != nil {
		return credentials{}, err
	}
	return credentials{AccessKeyID: rc.AccessKeyID, SecretAccessKey: rc.SecretAccessKey, SessionToken: rc.SessionToken,
		Expires: rc.Expiration}, nil
}

// ssoClient is an sso client over the engine's HTTP client and the token cache in dir (the default
// when ""; tests point both at their own).
func (e *engine) ssoClient(dir string) *sso.Client {
	if e.ssoCacheDir != "" {
		dir = e.ssoCacheDir
	}
	return sso.New(sso.Options{CacheDir: dir, HTTPClient: e.httpClient})
}

// ssoSessionOf is the sign-in an SSO source uses.
func ssoSessionOf(src Source) sso.Session {
	s := src.SSO
	return sso.Session{Name: s.SessionName, Profile: src.Profile, StartURL: s.StartURL, Region: s.Region,
		OIDCEndpoint: s.OIDCEndpoint, PortalEndpoint: s.PortalEndpoint}
}

// ssoProblem says why an SSO source gave no credentials and what to do. A sign-in that is missing or
// over names both Rolecall's command and the AWS CLI's, since either signs in for both.
func ssoProblem(src Source, err error) string {
	sess := ssoSessionOf(src)
	var e *sso.Error
	if !errors.As(err, &e) {
		return fmt.Sprintf("IAM Identity Center in %s did not answer: check the network, then run `%s` if needed",
			src.SSO.Region, sess.LoginCommand())
	}
	if e.Reason == sso.ReasonSignInRequired {
		return fmt.Sprintf("Sign in to %s: run `%s` (or `%s`)", sess.Label(), sess.LoginCommand(), sess.AWSLoginCommand())
	}
	return e.Error()
}
