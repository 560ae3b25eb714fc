package console

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Session is a role session's temporary credentials and where it lives.
type Session struct {
	AccessKeyID, SecretAccessKey, SessionToken string
	Arn                                        string // the assumed role's ARN ("" when unknown): gives the partition
	Region                                     string // "" = the console's default
}

// Request says what sign-in to make.
type Request struct {
	Session Session
	// Destination is where the console opens: "" for the console home of the region, a path such as
	// "s3/home" or "/ec2/home", or a full https URL on the partition's console host.
	Destination string
	// SessionDuration is the console session's length, sent only when the session may ask for one
	// (0 = not sent: a role-chained session is refused by the federation endpoint if it is).
	SessionDuration time.Duration
	// Issuer names the tool in the login URL.
	Issuer string
}

// MaxSessionDuration is the longest console session the federation endpoint grants an AssumeRole
// session (12 hours); 15 minutes is the shortest.
const (
	MaxSessionDuration = 12 * time.Hour
	MinSessionDuration = 15 * time.Minute
)

// Options change how the endpoint is reached.
type Options struct {
	HTTPClient *http.Client // nil: a client with a 30-second timeout
	// FederationEndpoint replaces https://SIGNIN_HOST/federation, for tests: it must be a loopback
	// http(s) URL, so that a stray setting cannot send credentials anywhere else.
	FederationEndpoint string
}

// NotFederatableError: the credentials cannot be turned into a console session.
type NotFederatableError struct{ Reason string }

func (e *NotFederatableError) Error() string { return e.Reason }

// SigninURL asks the federation endpoint for a sign-in token for the session and returns the login
// URL that opens the console with it. The URL is a secret for 15 minutes.
func SigninURL(ctx context.Context, req Request, opts Options) (string, error) {
	s := req.Session
	if s.SessionToken == "" {
		return "", &NotFederatableError{Reason: "these are long-term access keys, which cannot open a console session: " +
			"the federation endpoint takes only temporary role credentials; use a profile that assumes a role " +
			"(Rolecall does not call GetFederationToken for IAM users)"}
	}
	part, err := PartitionOf(s.Arn, s.Region)
	if err != nil {
		return "", err
	}
	destination, err := destinationURL(part, s.Region, req.Destination)
	if err != nil {
		return "", err
	}
	endpoint := "https://" + part.SigninHost + "/federation"
	if opts.FederationEndpoint != "" {
		if err := checkLoopbackURL(opts.FederationEndpoint); err != nil {
			return "", err
		}
		endpoint = opts.FederationEndpoint
	}
	token, err := signinToken(ctx, endpoint, req, opts)
	if err != nil {
		return "", err
	}
	issuer := req.Issuer
	if issuer == "" {
		issuer = "rolecall"
	}
	q := url.Values{"Action": {"login"}, "Issuer": {issuer}, "Destination": {destination}, "SigninToken": {token}}
	return endpoint + "?" + q.Encode(), nil
}

// signinToken calls Action=getSigninToken with the session as JSON.
func signinToken(ctx context.Context, endpoint string, req Request, opts Options) (string, error) {
	s := req.Session
	session, _ := json.Marshal(map[string]string{"sessionId": s.AccessKeyID, "sessionKey": s.SecretAccessKey, "sessionToken": s.SessionToken})
	q := url.Values{"Action": {"getSigninToken"}, "Session": {string(session)}}
	if d := req.SessionDuration; d > 0 {
		d = min(max(d, MinSessionDuration), MaxSessionDuration)
		q.Set("SessionDuration", strconv.Itoa(int(d.Seconds())))
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint+"?"+q.Encode(), nil)
	if err != nil {
		return "", fmt.Errorf("cannot build the federation request: %w", withoutURL(err))
	}
	client := opts.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(hreq)
	if err != nil {
		// The request URL holds the credentials: only the cause is reported, never the URL.
		return "", fmt.Errorf("cannot reach the AWS federation endpoint %s: %w", hostOf(endpoint), withoutURL(err))
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("the AWS federation endpoint refused the session (HTTP %d): the credentials may have expired, "+
			"or come from role chaining with a console session length; assume the role again and retry", resp.StatusCode)
	}
	var out struct{ SigninToken string }
	if err := json.Unmarshal(body, &out); err != nil || out.SigninToken == "" {
		return "", errors.New("the AWS federation endpoint answered without a SigninToken")
	}
	return out.SigninToken, nil
}

// destinationURL resolves where the console opens, refusing a URL outside the partition's console.
func destinationURL(p Partition, region, dest string) (string, error) {
	host := p.ConsoleHost
	if region != "" {
		host = region + "." + p.ConsoleHost
	}
	withRegion := func(u *url.URL) string {
		if region != "" && u.Query().Get("region") == "" {
			q := u.Query()
			q.Set("region", region)
			u.RawQuery = q.Encode()
		}
		return u.String()
	}
	if dest == "" {
		return withRegion(&url.URL{Scheme: "https", Host: host, Path: "/console/home"}), nil
	}
	if !strings.Contains(dest, "://") {
		u, err := url.Parse("https://" + host + "/" + strings.TrimLeft(dest, "/"))
		if err != nil {
			return "", fmt.Errorf("--destination %q is not a console path: write one such as s3/home", dest)
		}
		return withRegion(u), nil
	}
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "https" || !(u.Hostname() == p.ConsoleHost || strings.HasSuffix(u.Hostname(), "."+p.ConsoleHost)) {
		return "", fmt.Errorf("--destination %q is not a page of the %s console: give an https URL on %s, or a path such as s3/home",
			dest, p.Name, p.ConsoleHost)
	}
	return dest, nil
}

// checkLoopbackURL accepts only http(s) URLs on a loopback address (the test override).
func checkLoopbackURL(raw string) error {
	u, err := url.Parse(raw)
	if err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		if ip := net.ParseIP(u.Hostname()); (ip != nil && ip.IsLoopback()) || u.Hostname() == "localhost" {
			return nil
		}
	}
	return fmt.Errorf("the federation endpoint override %q is not a loopback URL: it exists for tests only", raw)
}

// withoutURL drops the *url.Error wrapper, whose text would include the request URL.
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func hostOf(endpoint string) string {
	if u, err := url.Parse(endpoint); err == nil {
		return u.Host
	}
	return "(unknown)"
}
