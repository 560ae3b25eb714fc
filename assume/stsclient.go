package assume

import (
	"context"
	"errors"
	"fmt"
	"net"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awscreds "github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/rolecall/rolecall/awsfiles"
)

// credentials are one set of AWS credentials inside the engine. They never leave the package except
// through Store.Credentials.
type credentials struct {
	AccessKeyID, SecretAccessKey, SessionToken string
	Expires                                    time.Time // zero when they do not expire
}

// String and GoString hide the secrets from fmt (and so from test failures and stray logs).
func (c credentials) String() string {
	return fmt.Sprintf("credentials %s (secrets hidden, expire %s)", awsfiles.MaskAccessKeyID(c.AccessKeyID), c.Expires.UTC().Format(time.RFC3339))
}
func (c credentials) GoString() string { return c.String() }

func fromAWS(c aws.Credentials) credentials {
	out := credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken}
	if c.CanExpire {
		out.Expires = c.Expires
	}
	return out
}

// stsClient builds an STS client for the plan's region and endpoint, signing with creds (nil for the
// unsigned AssumeRoleWithWebIdentity). It is built from plain sts.Options, not from the process's shared
// config, so that nothing but the Plan decides where the call goes.
func (e *engine) stsClient(plan Plan, creds *credentials) *sts.Client {
	opts := sts.Options{Region: plan.region(), HTTPClient: e.httpClient}
	if plan.Endpoint != "" {
		opts.BaseEndpoint = aws.String(plan.Endpoint)
	}
	if creds != nil {
		opts.Credentials = awscreds.NewStaticCredentialsProvider(creds.AccessKeyID, creds.SecretAccessKey, creds.SessionToken)
	}
	if e.newRetryer != nil {
		opts.Retryer = e.newRetryer()
	}
	return sts.New(opts)
}

// endpointOf names the STS endpoint a plan talks to, for "cannot reach STS at …".
func endpointOf(plan Plan) string {
	if plan.Endpoint != "" {
		return plan.Endpoint
	}
	params := sts.EndpointParameters{Region: aws.String(plan.region())}.WithDefaults()
	ep, err := sts.NewDefaultEndpointResolverV2().ResolveEndpoint(context.Background(), params)
	if err != nil {
		return "the STS endpoint of region " + plan.region()
	}
	return ep.URI.String()
}

// withTimeout runs one STS operation (the SDK's retries included) under the call timeout and turns
// "no answer" into an UnreachableError. Other errors are returned as they are, for the caller to
// classify with what it knows about the hop.
func (e *engine) withTimeout(ctx context.Context, timeout time.Duration, plan Plan, op func(context.Context) error) error {
	callCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	err := op(callCtx)
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err() // the caller gave up; not STS's fault
	}
	if cause, ok := unreachableCause(err, callCtx); ok {
		return &UnreachableError{Endpoint: endpointOf(plan), Timeout: timeout, Cause: cause, err: err}
	}
	return err
}

// unreachableCause recognises errors that mean the request never got an answer.
func unreachableCause(err error, callCtx context.Context) (string, bool) {
	if errors.Is(callCtx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return causeNoAnswer, true
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return "cannot resolve " + dnsErr.Name, true
	}
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused", true
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return "network unreachable", true
	}
	var sendErr *smithyhttp.RequestSendError
	var netErr net.Error
	if errors.As(err, &sendErr) || errors.As(err, &netErr) {
		return "the connection failed", true
	}
	return "", false
}
