package sso

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
)

// A client registration (RegisterClient) lasts 90 days and is cached beside the tokens the way the AWS
// CLI v2 caches its own (botocore's SSOTokenFetcher): the file is named after the SHA-1 of
// json.dumps({"region", "scopes", "session_name", "startUrl", "tool": "botocore"}, sort_keys=True),
// and holds clientId, clientSecret, expiresAt and, for the authorization code flow, scopes and
// grantTypes. Rolecall registers exactly as the CLI does (same grant types, redirect URI and scopes),
// so the two tools reuse each other's registration instead of piling up new ones.

const (
	grantDeviceCode   = "urn:ietf:params:oauth:grant-type:device_code"
	grantAuthCode     = "authorization_code"
	grantRefreshToken = "refresh_token"
	defaultScope      = "sso:account:access"
	// callbackPath is the loopback redirect's path; registered without a port (RFC 8252 lets the
	// client pick one each time), as the AWS CLI registers it.
	callbackPath = "/oauth/callback"
	// registrationWindow: a registration that ends within this is not reused (the CLI's window).
	registrationWindow = 15 * time.Minute
)

type registration struct {
	ClientID     string
	ClientSecret string
	ExpiresAt    time.Time
	Scopes       []string
	GrantTypes   []string
}

func (r registration) String() string {
	return "client registration " + r.ClientID + " (secret hidden)"
}
func (r registration) GoString() string           { return r.String() }
func (r registration) Format(f fmt.State, _ rune) { fmt.Fprint(f, r.String()) }
func (r registration) LogValue() slog.Value       { return slog.StringValue(r.String()) }

func (r registration) forAuthCode() bool { return slices.Contains(r.GrantTypes, grantAuthCode) }

// registrationKey is the AWS CLI's cache key of a session's registration.
func registrationKey(s Session) string {
	var name any
	if s.Name != "" {
		name = s.Name
	}
	return pyDumps([]pyField{{"region", s.Region}, {"scopes", s.Scopes}, {"session_name", name},
		{"startUrl", s.StartURL}, {"tool", "botocore"}})
}

func (c *Client) registrationFile(s Session) string {
	return filepath.Join(c.opts.CacheDir, cacheName(registrationKey(s)))
}

// cachedRegistration is the cached registration for the flow, if it is good for a while yet.
func (c *Client) cachedRegistration(s Session, authCode bool) (registration, bool) {
	data, err := os.ReadFile(c.registrationFile(s))
	if err != nil {
		return registration{}, false
	}
	var j struct {
		ClientID     string   `json:"clientId"`
		ClientSecret string   `json:"clientSecret"`
		ExpiresAt    string   `json:"expiresAt"`
		Scopes       []string `json:"scopes"`
		GrantTypes   []string `json:"grantTypes"`
	}
	if json.Unmarshal(data, &j) != nil || j.ClientID == "" || j.ClientSecret == "" {
		return registration{}, false
	}
	exp, err := parseCacheTime(j.ExpiresAt)
	r := registration{ClientID: j.ClientID, ClientSecret: j.ClientSecret, ExpiresAt: exp, Scopes: j.Scopes, GrantTypes: j.GrantTypes}
	if err != nil || exp.Sub(c.opts.Now()) < registrationWindow || r.forAuthCode() != authCode {
		return registration{}, false
	}
	return r, true
}

// register makes a new registration for the flow and caches it. redirectURI is the loopback
// redirect (authorization code flow only).
func (c *Client) register(ctx context.Context, s Session, authCode bool) (registration, error) {
	name := c.opts.ClientName + "-client-" + s.Name
	if s.Name == "" {
		name = c.opts.ClientName + "-client-" + strconv.FormatInt(c.opts.Now().Unix(), 10)
	}
	in := &ssooidc.RegisterClientInput{ClientName: aws.String(name), ClientType: aws.String("public")}
	if len(s.Scopes) > 0 {
		in.Scopes = s.Scopes
	}
	if authCode {
		in.GrantTypes = []string{grantAuthCode, grantRefreshToken}
		in.RedirectUris = []string{"http://127.0.0.1" + callbackPath}
		in.IssuerUrl = aws.String(s.StartURL)
		if len(in.Scopes) == 0 {
			in.Scopes = []string{defaultScope}
		}
	}
	out, err := c.oidc(s).RegisterClient(ctx, in)
	if err != nil {
		return registration{}, c.oidcError(ctx, s, "RegisterClient", err)
	}
	r := registration{ClientID: aws.ToString(out.ClientId), ClientSecret: aws.ToString(out.ClientSecret),
		ExpiresAt: time.Unix(out.ClientSecretExpiresAt, 0).UTC()}
	if len(in.Scopes) > 0 {
		r.Scopes = in.Scopes
	}
	if authCode {
		r.GrantTypes = in.GrantTypes
	}
	if err := c.saveRegistration(s, r); err != nil {
		return registration{}, &Error{Reason: ReasonConfig, Session: s.Label(), Msg: err.Error(), err: err}
	}
	return r, nil
}

func (c *Client) saveRegistration(s Session, r registration) error {
	fields := []pyField{{"clientId", r.ClientID}, {"clientSecret", r.ClientSecret}, {"expiresAt", r.ExpiresAt.UTC().Format(cliTime)}}
	if r.Scopes != nil {
		fields = append(fields, pyField{"scopes", r.Scopes})
	}
	if r.GrantTypes != nil {
		fields = append(fields, pyField{"grantTypes", r.GrantTypes})
	}
	data := []byte(pyDumps(fields))
	return updateSecretFile(c.registrationFile(s), func([]byte) ([]byte, error) { return data, nil })
}

// dropRegistration forgets a registration the service no longer accepts.
func (c *Client) dropRegistration(s Session) {
	os.Remove(c.registrationFile(s)) // gone either way; a new one is made next
}

// registration is the cached registration for the flow, or a new one.
func (c *Client) registration(ctx context.Context, s Session, authCode bool) (registration, error) {
	if r, ok := c.cachedRegistration(s, authCode); ok {
		return r, nil
	}
	return c.register(ctx, s, authCode)
}
