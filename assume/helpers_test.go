package assume

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/rolecall/rolecall/internal/ststest"
)

// AWS's documented example keys: safe to write down, and searched for in everything that must not
// carry a secret.
const (
	exampleKeyID  = "AKIAIOSFODNN7EXAMPLE"
	exampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	mfaSerial     = "arn:aws:iam::111122223333:mfa/jo"
	adminRole     = "arn:aws:iam::111122223333:role/Admin"
)

// baseKeys is a long-term key pair as profile [base] of a credentials file would hold it.
func baseKeys() Source {
	return Source{Kind: StaticKeys, Profile: "base", File: "/home/jo/.aws/credentials", Line: 3,
		AccessKeyID: exampleKeyID, SecretAccessKey: exampleSecret}
}

// stsFixture is a moto server behind a recording proxy, and a store pointed at it whose AWS CLI cache
// lives in a temporary directory.
type stsFixture struct {
	moto     *ststest.Moto
	proxy    *ststest.Proxy
	store    *Store
	cacheDir string
	changes  chan StoreStatus
}

func newSTSFixture(t *testing.T, opts Options) *stsFixture {
	t.Helper()
	moto := ststest.StartMoto(t)
	f := &stsFixture{moto: moto, proxy: ststest.NewProxy(t, moto.URL), changes: make(chan StoreStatus, 100)}
	f.cacheDir = opts.CLICacheDir
	if f.cacheDir == "" {
		f.cacheDir = t.TempDir()
		opts.CLICacheDir = f.cacheDir
	}
	if opts.UserName == "" {
		opts.UserName = "tester"
	}
	f.store = newQuietStore(t, opts, func(st StoreStatus) {
		select {
		case f.changes <- st:
		default:
		}
	})
	return f
}

// newQuietStore makes a store closed at the end of the test, whose SDK retries back off briefly.
func newQuietStore(t *testing.T, opts Options, onChange func(StoreStatus)) *Store {
	s := NewStore(opts, onChange)
	s.engine.newRetryer = func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) {
			o.Backoff = retry.NewExponentialJitterBackoff(20 * time.Millisecond)
		})
	}
	t.Cleanup(s.Close)
	return s
}

// plan makes a plan for profile through the given hops, against the fixture's proxy.
func (f *stsFixture) plan(profile string, src Source, hops ...RoleHop) Plan {
	return Plan{Profile: profile, Source: src, Roles: hops, Endpoint: f.proxy.URL}
}

// mustReason checks that err is one of the package's errors with the given reason, and that its
// message carries none of the secrets.
func mustReason(t *testing.T, err error, reason string, secrets ...string) ReasonError {
	t.Helper()
	var re ReasonError
	if !errors.As(err, &re) {
		t.Fatalf("error = %v (%T), want a ReasonError with reason %s", err, err, reason)
	}
	if re.Reason() != reason {
		t.Fatalf("reason = %s, want %s (error: %v)", re.Reason(), reason, err)
	}
	assertNoSecret(t, "error message", err.Error(), secrets...)
	return re
}

func assertNoSecret(t *testing.T, what, text string, secrets ...string) {
	t.Helper()
	for _, s := range append(secrets, exampleSecret) {
		if s != "" && strings.Contains(text, s) {
			t.Errorf("%s contains a secret: %s", what, text)
		}
	}
}
