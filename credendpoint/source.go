package credendpoint

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/rolecall/rolecall/awsfiles"
)

// Credentials are what the endpoint hands out: one set of temporary AWS credentials and when they end.
// Its String, GoString and slog forms hide the secret and the token.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
	Expiration      time.Time // required: the SDKs come back for new credentials before it
	AccountID       string    // optional; the SDKs use it for account-based endpoints
}

func (c Credentials) String() string {
	return fmt.Sprintf("credentials %s (secret and token hidden, expire %s)", awsfiles.MaskAccessKeyID(c.AccessKeyID),
		c.Expiration.UTC().Format(time.RFC3339))
}

// GoString keeps %#v from printing the secrets.
func (c Credentials) GoString() string { return c.String() }

// LogValue keeps slog from printing the secrets.
func (c Credentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Source gives the current credentials of one session each time it is asked. Whoever implements it
// keeps them fresh (the session store refreshes before expiry, in the background) and answers at once
// from memory: the endpoint asks on every request, so a refresh or a role switch is visible at once,
// and it sets no deadline of its own (ctx ends when the client goes away). An error that is a *Refusal is
// passed on to the SDK as it is; any other error becomes a 500 with the error's text, so an error must
// never hold a secret.
type Source interface {
	Credentials(ctx context.Context) (Credentials, error)
}

// SourceFunc turns a function into a Source.
type SourceFunc func(ctx context.Context) (Credentials, error)

// Credentials calls f.
func (f SourceFunc) Credentials(ctx context.Context) (Credentials, error) { return f(ctx) }

// Why the endpoint refuses to hand out credentials. Each has its own HTTP status, chosen for what the
// AWS SDKs do with it (docs/credential-endpoint.md): the conditions a person can fix in a moment (an
// MFA code, a refresh) answer 503, which aws-sdk-go-v2 retries with backoff and botocore retries like
// every failure; a session that is gone answers 410, which no SDK can fix by retrying.
const (
	ReasonMFARequired = "MFARequired"    // the session ended and renewing it needs an MFA code
	ReasonExpired     = "SessionExpired" // the session ended and was not renewed
	ReasonUnavailable = "Unavailable"    // the session cannot be read right now (a refresh failing, shutting down)
	ReasonGone        = "SessionGone"    // no such session: forgotten, or never started
)

// Refusal is an error a Source returns to say why it has no credentials. Message is shown to the user
// by the SDK or CLI that asked: a sentence that says what to do, without any secret.
type Refusal struct {
	Reason  string // one of the Reason constants
	Message string
}

func (r *Refusal) Error() string { return r.Message }

// status is the HTTP status of the refusal.
func (r *Refusal) status() int {
	if r.Reason == ReasonGone {
		return 410
	}
	return 503
}
