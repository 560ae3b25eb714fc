package assume

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// MFA sessions: when a chain starts at an IAM user's own keys and its first hop has mfa_serial, the
// engine asks for one GetSessionToken with the code and keeps the session in memory, keyed by the
// access key ID and the serial. Every AssumeRole from those keys with that serial then signs with the
// MFA session instead of sending a code, so two roles sharing root and serial need one code, and
// auto-refresh needs none, until the MFA session ends (12 hours by default).

type mfaKey struct{ accessKeyID, serial string }

// mfaSessionMargin: an MFA session is reused only while it has at least this long left, so that the
// call it signs does not race its end.
const mfaSessionMargin = time.Minute

func (e *engine) liveMFASession(key mfaKey, now time.Time) (credentials, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	sess, ok := e.mfaSessions[key]
	if !ok || sess.Expires.Sub(now) < mfaSessionMargin {
		delete(e.mfaSessions, key)
		return credentials{}, false
	}
	return sess, true
}

// mfaSessionExpiry is when the held MFA session for key ends (zero when none is held).
func (e *engine) mfaSessionExpiry(key mfaKey) time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.mfaSessions[key].Expires
}

func (e *engine) holdMFASession(key mfaKey, sess credentials) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.mfaSessions[key] = sess
}

func (e *engine) dropMFASession(key mfaKey) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.mfaSessions, key)
}

// Intermediate hops held in memory: they let a chain with two MFA-protected hops be assumed with one
// code per call (the retry continues after the hop already assumed) and spare STS calls when several
// profiles share the start of a chain. They follow the CLI cache's rule: used while 15 minutes remain.

func (e *engine) heldHop(key string, now time.Time) (hopResult, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	hr, ok := e.hops[key]
	if !ok || hr.creds.Expires.Sub(now) < cacheMinRemaining {
		delete(e.hops, key)
		return hopResult{}, false
	}
	return hr, true
}

func (e *engine) holdHop(key string, hr hopResult, now time.Time) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for k, old := range e.hops { // drop the dead so the map stays small
		if old.creds.Expires.Before(now) {
			delete(e.hops, k)
		}
	}
	e.hops[key] = hr
}

func (e *engine) dropHop(key string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.hops, key)
}

// mfaSession returns the live MFA session for the source keys and serial, or makes one with the
// caller's code. reused says whether it was already held.
func (r *chainRun) mfaSession(ctx context.Context, serial, profile, process string, keys credentials) (sess credentials, reused bool, err error) {
	key := mfaKey{keys.AccessKeyID, serial}
	if sess, ok := r.e.liveMFASession(key, r.now); ok {
		r.res.source = SourceMFASession
		return sess, true, nil
	}
	keeper, source := r.opts.MFASessions, r.plan.Source.Profile
	if keeper != nil && source != "" {
		// Another Rolecall process, or this one before a restart, got it with a code typed there.
		if sess, ok := keeper.Load(source, serial, mfaSessionMargin); ok {
			r.e.holdMFASession(key, sess)
			r.res.source = SourceMFASession
			return sess, true, nil
		}
	}
	code, err := r.takeCode(ctx, serial, profile, process)
	if err != nil {
		return credentials{}, false, err
	}
	hr, err := r.getSessionToken(ctx, keys, serial, code)
	if err != nil {
		return credentials{}, false, err
	}
	r.e.holdMFASession(key, hr.creds)
	if keeper != nil && source != "" {
		keeper.Save(source, serial, hr.creds)
	}
	return hr.creds, false, nil
}

// getSessionToken calls GetSessionToken on long-term keys, with an MFA serial and code when given.
func (r *chainRun) getSessionToken(ctx context.Context, keys credentials, serial, code string) (hopResult, error) {
	in := &sts.GetSessionTokenInput{DurationSeconds: aws.Int32(int32(r.opts.MFASessionDuration / time.Second))}
	if serial != "" {
		in.SerialNumber, in.TokenCode = aws.String(serial), aws.String(code)
	}
	var out *sts.GetSessionTokenOutput
	err := r.e.withTimeout(ctx, r.opts.CallTimeout, r.plan, func(ctx context.Context) (err error) {
		out, err = r.e.stsClient(r.plan, &keys).GetSessionToken(ctx, in)
		return err
	})
	if err != nil {
		return hopResult{}, classify(err, callContext{plan: r.plan, hopProfile: r.plan.Source.Profile, sentSerial: serial,
			callerIsSource: true, callerDesc: r.callerDesc(0), callerKeyID: keys.AccessKeyID})
	}
	requestID, _ := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata)
	return hopFromSTS(out.Credentials, nil, requestID), nil
}

// sourceOnly handles a plan without roles: an IAM user's keys get a session from GetSessionToken (an
// MFA session when the profile has mfa_serial, which later role hops from these keys reuse); other
// sources give their own temporary credentials (SSO, credential_process, web identity, ...).
func (r *chainRun) sourceOnly(ctx context.Context) (result, error) {
	src := r.plan.Source
	if src.Kind != StaticKeys {
		c, err := r.sourceCredentials(ctx)
		if err != nil {
			return result{}, err
		}
		return r.finish(ctx, hopResult{creds: c}, true)
	}
	if !src.longTermKeys() {
		return result{}, &PlanError{Profile: r.plan.Profile, Msg: fmt.Sprintf(
			"%s holds temporary keys (aws_session_token) of unknown lifetime and no role_arn: there is nothing to assume", src.location())}
	}
	keys := credentials{AccessKeyID: src.AccessKeyID, SecretAccessKey: src.SecretAccessKey}
	if src.MFASerial == "" {
		hr, err := r.getSessionToken(ctx, keys, "", "")
		if err != nil {
			return result{}, err
		}
		return r.finish(ctx, hr, true)
	}
	key := mfaKey{src.AccessKeyID, src.MFASerial}
	if sess, ok := r.e.liveMFASession(key, r.now); ok && !r.refresh {
		r.res.source = SourceMFASession
		return r.finish(ctx, hopResult{creds: sess}, true)
	}
	keeper := r.opts.MFASessions
	if keeper != nil && src.Profile != "" && !r.refresh {
		if sess, ok := keeper.Load(src.Profile, src.MFASerial, mfaSessionMargin); ok {
			r.e.holdMFASession(key, sess)
			r.res.source = SourceMFASession
			return r.finish(ctx, hopResult{creds: sess}, true)
		}
	}
	code, err := r.takeCode(ctx, src.MFASerial, src.Profile, src.MFAProcess)
	if err != nil {
		return result{}, err
	}
	hr, err := r.getSessionToken(ctx, keys, src.MFASerial, code)
	if err != nil {
		return result{}, err
	}
	r.e.holdMFASession(key, hr.creds)
	if keeper != nil && src.Profile != "" {
		keeper.Save(src.Profile, src.MFASerial, hr.creds)
	}
	return r.finish(ctx, hr, true)
}
