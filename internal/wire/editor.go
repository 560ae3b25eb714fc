package wire

import (
	"errors"
	"fmt"
	"log/slog"

	"github.com/rolecall/rolecall/awsfiles"
)

// The editor's session commands beyond assume: the credential endpoint for terminals, the console
// sign-in, the region of a session (docs/commands.md).
const (
	CommandEndpoint = "rolecall-ls.endpoint" // NoArgs → Endpoint
	CommandConsole  = "rolecall-ls.console"  // ConsoleArgs → ConsoleURL
	CommandRegion   = "rolecall-ls.region"   // RegionArgs → SessionStatus
)

// Endpoint is the result of rolecall-ls.endpoint: the server's credential endpoint, which serves the
// active session to any program given these two values (AWS_CONTAINER_CREDENTIALS_FULL_URI and
// AWS_CONTAINER_AUTHORIZATION_TOKEN). The token is a secret: like rolecall-ls.credentials, this is one of
// the only messages that carry one. Its String, GoString and slog forms hide the token.
type Endpoint struct {
	URI   string `json:"uri"`
	Token string `json:"token"`
}

func (e Endpoint) String() string { return fmt.Sprintf("credential endpoint %s (token hidden)", e.URI) }

// GoString keeps %#v from printing the token.
func (e Endpoint) GoString() string { return e.String() }

// LogValue keeps slog from printing the token.
func (e Endpoint) LogValue() slog.Value { return slog.StringValue(e.String()) }

// ConsoleArgs is the argument of rolecall-ls.console; every field is optional: the active session, its
// region, the console home.
type ConsoleArgs struct {
	Profile     string `json:"profile"`
	Region      string `json:"region"`
	Destination string `json:"destination"`
}

// Validate checks the region's shape: it goes into the sign-in URL.
func (a *ConsoleArgs) Validate() error { return regionProblem(a.Region) }

// ConsoleURL is the result of rolecall-ls.console: a sign-in URL that opens the AWS console as the
// session's role. The URL is a secret for 15 minutes (it holds a sign-in token), so this is one of the
// only messages that carry one; its String, GoString and slog forms hide it.
type ConsoleURL struct {
	Profile string `json:"profile"`
	URL     string `json:"url"`
}

func (c ConsoleURL) String() string {
	return fmt.Sprintf("console sign-in URL for %q (hidden)", c.Profile)
}

// GoString keeps %#v from printing the URL.
func (c ConsoleURL) GoString() string { return c.String() }

// LogValue keeps slog from printing the URL.
func (c ConsoleURL) LogValue() slog.Value { return slog.StringValue(c.String()) }

// RegionArgs is the argument of rolecall-ls.region: the session (default: the active one) and the region
// it works in from now on ("" = the profile's own again).
type RegionArgs struct {
	Profile string `json:"profile"`
	Region  string `json:"region"`
}

// Validate checks that the region is a region name.
func (a *RegionArgs) Validate() error { return regionProblem(a.Region) }

// regionProblem accepts "" and the names of known regions, or of regions shaped like one of a known
// partition (newer than Rolecall's table); anything else would reach URLs and environment variables.
func regionProblem(region string) error {
	if region == "" {
		return nil
	}
	if c := awsfiles.CheckRegion(region); c.Valid && (c.Known || c.Shaped) {
		return nil
	}
	return errors.New(`"region" is not a region name: give one such as us-east-1 or eu-west-2`)
}
