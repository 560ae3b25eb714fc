package assume

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/logincreds"
	"github.com/aws/aws-sdk-go-v2/service/signin"
)

// loginCredentials reads the console sign-in that `aws login` cached for the profile's
// login_session, through aws-sdk-go-v2's own provider (credentials/logincreds): the file
// ~/.aws/login/cache/<sha256 of login_session>.json (or under AWS_LOGIN_CACHE_DIRECTORY) holds
// short-lived keys, a refresh token and the DPoP key that signs the refresh. Keys that have expired are
// renewed through the sign-in service (CreateOAuth2Token) and written back, as the SDK and the AWS
// CLI do; Rolecall never writes that file otherwise.
func (r *chainRun) loginCredentials(ctx context.Context) (credentials, error) {
	src := r.plan.Source
	path, err := logincreds.StandardCachedTokenFilepath(src.LoginSession, r.opts.Getenv("AWS_LOGIN_CACHE_DIRECTORY"))
	if err != nil {
		return credentials{}, err
	}
	o := signin.Options{Region: r.plan.region(), HTTPClient: r.e.httpClient}
	if src.LoginEndpoint != "" {
		o.BaseEndpoint = aws.String(src.LoginEndpoint)
	}
	provider := logincreds.New(signin.New(o), path, func(o *logincreds.Options) { o.RestrictPermissions = true })
	return r.retrieveWithTimeout(ctx, provider)
}

// loginProblem says why the console sign-in gave no credentials; every case that a new sign-in mends
// says which command makes it. The SDK's messages are not quoted: they may name the cache file's
// contents.
func loginProblem(src Source, err error) string {
	login := fmt.Sprintf("aws login --profile %s", src.Profile)
	msg := err.Error()
	var apiErr interface{ ErrorCode() string }
	switch {
	case strings.Contains(msg, "token file not found"):
		return fmt.Sprintf("there is no `aws login` sign-in for login_session %s: run `%s`", src.LoginSession, login)
	case strings.Contains(msg, "has expired"), strings.Contains(msg, "password has changed"), strings.Contains(msg, "validate login token"),
		strings.Contains(msg, "load login token"):
		return fmt.Sprintf("the `aws login` sign-in for login_session %s is over or unreadable: run `%s`", src.LoginSession, login)
	case strings.Contains(msg, "insufficient permissions"):
		return fmt.Sprintf("the sign-in service refused to renew the `aws login` session (the identity lacks signin:CreateOAuth2Token): run `%s`", login)
	case errors.As(err, &apiErr):
		return fmt.Sprintf("the sign-in service refused to renew the `aws login` session (%s): run `%s`", apiErr.ErrorCode(), login)
	}
	return fmt.Sprintf("the sign-in service did not answer while renewing the `aws login` session: check the network, or run `%s`", login)
}
