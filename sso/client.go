package sso

import (
	"context"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
)

// Options configure a Client. The zero value is what a user gets: the shared cache under the home
// directory, the real clock, the SDK's HTTP client.
type Options struct {
	// CacheDir is the token cache directory (default ~/.aws/sso/cache, shared with the AWS CLI).
	CacheDir string
	// HTTPClient is used for every call (nil: the SDK's default).
	HTTPClient aws.HTTPClient
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Sleep waits between device-code polls; it returns early with ctx's error. Tests replace it so
	// that no test waits for real.
	Sleep func(ctx context.Context, d time.Duration) error
	// RefreshWindow is how long before its expiry an access token is refreshed when used (default 15
	// minutes, the AWS CLI's window, so both tools find it fresh).
	RefreshWindow time.Duration
	// DiscoveryTTL is how long a session's accounts and roles are reused (default 5 minutes).
	DiscoveryTTL time.Duration
	// Concurrency is how many portal requests discovery runs at once (default 8).
	Concurrency int
	// MaxBackoff bounds the wait before retrying a throttled portal request (default 5 seconds).
	MaxBackoff time.Duration
	// Retries is how many times a throttled or failed portal request is tried in all (default 8).
	Retries int
	// LoginTimeout bounds the wait for the browser to come back in the authorization code flow
	// (default 10 minutes, as the AWS CLI).
	LoginTimeout time.Duration
	// ClientName names Rolecall's client registrations, as the approval page shows it (default
	// "rolecall"; the session's name is appended).
	ClientName string
}

// Defaults of Options.
const (
	DefaultRefreshWindow = 15 * time.Minute
	DefaultDiscoveryTTL  = 5 * time.Minute
	DefaultConcurrency   = 8
	DefaultLoginTimeout  = 10 * time.Minute
)

func (o Options) withDefaults() Options {
	if o.CacheDir == "" {
		o.CacheDir = defaultCacheDir()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	setDefault(&o.RefreshWindow, DefaultRefreshWindow)
	setDefault(&o.DiscoveryTTL, DefaultDiscoveryTTL)
	setDefault(&o.MaxBackoff, 5*time.Second)
	setDefault(&o.LoginTimeout, DefaultLoginTimeout)
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.Retries <= 0 {
		o.Retries = 8
	}
	if o.ClientName == "" {
		o.ClientName = "rolecall"
	}
	return o
}

func setDefault(d *time.Duration, def time.Duration) {
	if *d <= 0 {
		*d = def
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Client signs in and uses sign-ins. It is safe for concurrent use; one per process is enough (it
// holds the discovery cache).
type Client struct {
	opts Options

	mu        sync.Mutex
	discovery map[string]*discoveryEntry // by session cache key
}

// New makes a Client.
func New(opts Options) *Client {
	return &Client{opts: opts.withDefaults(), discovery: map[string]*discoveryEntry{}}
}

// CacheDir is the token cache directory in use.
func (c *Client) CacheDir() string { return c.opts.CacheDir }

// oidc is the sso-oidc client: the SDK's standard retries (a poll's pending answer is not retried;
// a dropped connection is), with MaxBackoff.
func (c *Client) oidc(s Session) *ssooidc.Client {
	o := ssooidc.Options{Region: s.Region, HTTPClient: c.opts.HTTPClient,
		Retryer: retry.NewStandard(func(so *retry.StandardOptions) {
			so.MaxBackoff = c.opts.MaxBackoff
			so.Backoff = retry.NewExponentialJitterBackoff(c.opts.MaxBackoff)
		})}
	if s.OIDCEndpoint != "" {
		o.BaseEndpoint = aws.String(s.OIDCEndpoint)
	}
	return ssooidc.New(o)
}

// portal is the portal client. Its retryer retries throttling with jittered backoff and no retry
// quota: discovery sends hundreds of requests, and a quota spent on the first throttled ones would
// fail the rest instead of slowing them down.
func (c *Client) portal(s Session) *sso.Client {
	o := sso.Options{Region: s.Region, HTTPClient: c.opts.HTTPClient,
		Retryer: retry.NewStandard(func(so *retry.StandardOptions) {
			so.MaxAttempts = c.opts.Retries
			so.MaxBackoff = c.opts.MaxBackoff
			so.Backoff = retry.NewExponentialJitterBackoff(c.opts.MaxBackoff)
			so.RateLimiter = ratelimit.None
		})}
	if s.PortalEndpoint != "" {
		o.BaseEndpoint = aws.String(s.PortalEndpoint)
	}
	return sso.New(o)
}

// oidcBase is the OIDC service's base URL, for /authorize and for messages.
func (c *Client) oidcBase(ctx context.Context, s Session) string {
	if s.OIDCEndpoint != "" {
		return s.OIDCEndpoint
	}
	ep, err := ssooidc.NewDefaultEndpointResolverV2().ResolveEndpoint(ctx, ssooidc.EndpointParameters{Region: aws.String(s.Region)})
	if err != nil {
		return "https://oidc." + s.Region + ".amazonaws.com"
	}
	return ep.URI.String()
}

func (c *Client) portalBase(ctx context.Context, s Session) string {
	if s.PortalEndpoint != "" {
		return s.PortalEndpoint
	}
	ep, err := sso.NewDefaultEndpointResolverV2().ResolveEndpoint(ctx, sso.EndpointParameters{Region: aws.String(s.Region)})
	if err != nil {
		return "https://portal.sso." + s.Region + ".amazonaws.com"
	}
	return ep.URI.String()
}
