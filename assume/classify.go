package assume

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/smithy-go"

	"github.com/rolecall/rolecall/awsfiles"
)

// callContext is what the engine knew when an STS call failed, so that the error can say which profile
// and which credentials are at fault.
type callContext struct {
	plan       Plan
	hopProfile string // the profile whose settings were sent
	roleArn    string // "" for GetSessionToken
	sentSerial string // the MFA serial sent with a code, "" if none
	// callerIsSource: the call was signed with the source's own credentials, so a refusal of them is
	// the source's fault (name its file and line).
	callerIsSource bool
	// callerCached: the call was signed with credentials reused from a cache (an MFA session, an
	// intermediate hop); a refusal of them means the cached session is stale, not the user's keys.
	callerCached bool
	callerDesc   string // "the credentials of profile \"base\"", for AccessDenied messages
	callerKeyID  string // the access key ID that signed, shown masked
}

// errStaleCache is wrapped by errors that mean a cached session was refused; the engine then drops its
// caches and runs the chain once more without them.
var errStaleCache = errors.New("a cached session was refused by STS")

type staleCacheError struct{ err error }

func (e *staleCacheError) Error() string { return errStaleCache.Error() + ": " + e.err.Error() }
func (e *staleCacheError) Unwrap() []error {
	return []error{errStaleCache, e.err}
}

// Error codes STS uses for credentials it does not accept.
var badCredentialCodes = map[string]string{
	"InvalidClientTokenId":        "STS does not know access key %s (deleted, deactivated, or of another partition): put a valid key pair in the profile",
	"InvalidAccessKeyId":          "STS does not know access key %s (deleted or deactivated): put a valid key pair in the profile",
	"UnrecognizedClientException": "STS does not know access key %s: put a valid key pair in the profile",
	"SignatureDoesNotMatch":       "the secret access key does not belong to access key %s: fix aws_secret_access_key",
	"IncompleteSignature":         "the request signed with access key %s was incomplete: check aws_secret_access_key",
	"ExpiredToken":                "the session token that goes with access key %s has expired: renew the temporary credentials",
	"ExpiredTokenException":       "the session token that goes with access key %s has expired: renew the temporary credentials",
}

var throttleCodes = map[string]bool{
	"Throttling": true, "ThrottlingException": true, "RequestLimitExceeded": true,
	"TooManyRequestsException": true, "PriorRequestNotComplete": true,
}

// classify turns an error from an STS call into one of the package's errors.
func classify(err error, cc callContext) error {
	var re ReasonError
	if errors.As(err, &re) {
		return err // already ours (UnreachableError)
	}
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err // the caller gave up
		}
		return &STSError{Profile: cc.plan.Profile, HopProfile: cc.hopProfile, Code: "RequestFailed", Unsent: true,
			Advice:     fmt.Sprintf("check the region (%s) and the STS endpoint_url the profile resolves to", cc.plan.region()),
			STSMessage: err.Error(), err: err}
	}
	code, msg := apiErr.ErrorCode(), apiErr.ErrorMessage()
	if problem, ok := badCredentialCodes[code]; ok {
		if cc.callerCached {
			return &staleCacheError{err: err}
		}
		if cc.callerIsSource {
			src := cc.plan.Source
			return &SourceCredentialsError{Profile: cc.plan.Profile, SourceProfile: src.Profile, File: src.File,
				Line: src.Line, Code: code, Problem: fmt.Sprintf(problem, awsfiles.MaskAccessKeyID(cc.callerKeyID)), err: err}
		}
	}
	switch {
	case code == "AccessDenied" || code == "AccessDeniedException":
		if cc.sentSerial != "" && mentionsMFA(msg) {
			return &MFAInvalidError{Profile: cc.plan.Profile, Serial: cc.sentSerial, err: err}
		}
		if cc.roleArn == "" { // GetSessionToken
			break
		}
		return &AccessDeniedError{Profile: cc.plan.Profile, HopProfile: cc.hopProfile, RoleArn: cc.roleArn,
			Caller: callerFromMessage(msg, cc.callerDesc), STSMessage: msg, err: err}
	case code == "RegionDisabledException":
		return &STSError{Profile: cc.plan.Profile, HopProfile: cc.hopProfile, Code: code, STSMessage: msg, err: err,
			Advice: fmt.Sprintf("STS is not activated in region %s for this account: activate it in IAM (Account settings, "+
				"Security Token Service), or set the profile's region or sts endpoint_url to a region where it is active",
				cc.plan.region())}
	case throttleCodes[code]:
		return &STSError{Profile: cc.plan.Profile, HopProfile: cc.hopProfile, Code: code, STSMessage: msg, err: err,
			Advice: "STS kept throttling the requests after the SDK's retries: wait a minute and try again"}
	case code == "ValidationError":
		return &STSError{Profile: cc.plan.Profile, HopProfile: cc.hopProfile, Code: code, STSMessage: msg, err: err,
			Advice: "check the profile's role_arn, role_session_name, external_id and duration_seconds " +
				"(900 to 43200, at most the role's maximum session duration, at most 3600 when the caller is itself a role)"}
	}
	return &STSError{Profile: cc.plan.Profile, HopProfile: cc.hopProfile, Code: code, STSMessage: msg, err: err,
		Advice: "check the profile's settings against the message from STS and try again"}
}

// mentionsMFA recognises STS's messages for a wrong or reused code ("MultiFactorAuthentication failed
// with invalid MFA one time pass code.").
func mentionsMFA(msg string) bool {
	lower := strings.ToLower(msg)
	return strings.Contains(lower, "multifactorauthentication") || strings.Contains(lower, "mfa")
}

var callerPattern = regexp.MustCompile(`User: (arn:\S+) is not authorized`)

// callerFromMessage takes the caller's ARN from STS's AccessDenied message when it names one.
func callerFromMessage(msg, fallback string) string {
	if m := callerPattern.FindStringSubmatch(msg); m != nil {
		return m[1]
	}
	return fallback
}
