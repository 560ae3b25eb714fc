package assume

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/aws-sdk-go-v2/service/sts/types"
)

// engine runs plans. It holds what outlives one run: MFA sessions and the credentials of intermediate
// hops, both in memory only.
type engine struct {
	mu          sync.Mutex
	mfaSessions map[mfaKey]credentials
	hops        map[string]hopResult // intermediate hops, by chainKey

	httpClient  aws.HTTPClient     // nil: the SDK's default
	newRetryer  func() aws.Retryer // nil: the SDK's standard retryer; tests shorten its backoff
	ssoEndpoint string             // tests point the SSO portal client at a local server
	ssoCacheDir string             // tests: the SSO token cache directory ("" = ~/.aws/sso/cache)
}

func newEngine() *engine {
	return &engine{mfaSessions: map[mfaKey]credentials{}, hops: map[string]hopResult{}}
}

// hopResult is what one AssumeRole (or a cache entry for it) gave.
type hopResult struct {
	creds                                    credentials
	assumedArn, roleID, accountID, requestID string
}

// fmt cannot reach the String method of an unexported field, so the types holding credentials
// describe themselves too.
func (h hopResult) String() string   { return fmt.Sprintf("hop %s as %s", h.creds, h.assumedArn) }
func (h hopResult) GoString() string { return h.String() }
func (r result) String() string {
	return fmt.Sprintf("result %s as %s from %s", r.creds, r.assumedArn, r.source)
}
func (r result) GoString() string { return r.String() }

// result is what a run gives the store.
type result struct {
	creds      credentials
	assumedArn string
	accountID  string
	source     string // SourceSTS, SourceCLICache or SourceMFASession
	note       string
}

// chainRun is one attempt at running a plan.
type chainRun struct {
	e       *engine
	opts    Options
	plan    Plan
	code    string // the MFA code not yet used ("" once a call has used it)
	refresh bool   // never reuse the final hop's cached credentials
	noCache bool   // second attempt after a cached session was refused: read no hop cache
	now     time.Time
	res     result
}

// run gets credentials for plan. A cached session that STS refuses (revoked, or expired early) is
// dropped and the chain run once more without caches.
func (e *engine) run(ctx context.Context, opts Options, plan Plan, code string, refresh bool) (result, error) {
	if err := plan.validate(); err != nil {
		return result{}, err
	}
	for attempt := 0; ; attempt++ {
		r := &chainRun{e: e, opts: opts, plan: plan, code: code, refresh: refresh, noCache: attempt > 0, now: time.Now(),
			res: result{note: plan.Note}}
		res, err := r.run(ctx)
		var stale *staleCacheError
		if !errors.As(err, &stale) {
			return res, err
		}
		if attempt > 0 {
			return result{}, &STSError{Profile: plan.Profile, HopProfile: plan.Profile, Code: "InvalidClientTokenId", err: stale.err,
				Advice: "STS refused freshly assumed credentials; try again in a moment"}
		}
	}
}

func (r *chainRun) run(ctx context.Context) (result, error) {
	if len(r.plan.Roles) == 0 {
		return r.sourceOnly(ctx)
	}
	last := len(r.plan.Roles) - 1
	start, caller := r.cachedPrefix()
	if start == last {
		r.res.source = SourceCLICache
		return r.finish(ctx, caller, false)
	}
	callerCached := start >= 0
	if start < 0 {
		src, err := r.sourceCredentials(ctx)
		if err != nil {
			return result{}, err
		}
		caller = hopResult{creds: src}
	}
	for i := start + 1; i <= last; i++ {
		hr, err := r.assumeHop(ctx, i, caller.creds, callerCached)
		if err != nil {
			return result{}, err
		}
		r.remember(i, hr)
		caller, callerCached = hr, false
	}
	return r.finish(ctx, caller, true)
}

// cachedPrefix finds the last hop whose credentials are already at hand (most hops skipped): for the
// final hop the AWS CLI's cache (not on refresh), for intermediate hops memory, then the CLI's cache.
// It returns -1 when the chain must start at the source.
func (r *chainRun) cachedPrefix() (int, hopResult) {
	if r.noCache {
		return -1, hopResult{}
	}
	last := len(r.plan.Roles) - 1
	for i := last; i >= 0; i-- {
		if i == last && r.refresh {
			continue
		}
		if i < last {
			if hr, ok := r.e.heldHop(r.chainKey(i), r.now); ok {
				return i, hr
			}
		}
		if !r.opts.DisableCLICache {
			if hr, ok := readCLICache(r.opts.cliCacheDir(), r.plan.Roles[i], r.now); ok {
				return i, hr
			}
		}
	}
	return -1, hopResult{}
}

// assumeHop calls AssumeRole for hop i with the caller's credentials, passing every setting as written.
func (r *chainRun) assumeHop(ctx context.Context, i int, caller credentials, callerCached bool) (hopResult, error) {
	hop := r.plan.Roles[i]
	in := &sts.AssumeRoleInput{
		RoleArn:         aws.String(hop.RoleArn),
		RoleSessionName: aws.String(r.sessionName(hop)),
		DurationSeconds: aws.Int32(int32(durationOf(hop))),
	}
	if hop.ExternalID != "" {
		in.ExternalId = aws.String(hop.ExternalID)
	}
	cc := callContext{plan: r.plan, hopProfile: hop.Profile, roleArn: hop.RoleArn, callerIsSource: i == 0,
		callerCached: callerCached, callerDesc: r.callerDesc(i), callerKeyID: caller.AccessKeyID}
	usedMFASession := false
	if hop.MFASerial != "" {
		if i == 0 && mfaSessionFits(r.plan.Source, hop) {
			sess, reused, err := r.mfaSession(ctx, hop.MFASerial, hop.Profile, hop.MFAProcess, caller)
			if err != nil {
				return hopResult{}, err
			}
			caller, usedMFASession = sess, true
			cc.callerIsSource, cc.callerCached, cc.callerKeyID = false, reused, sess.AccessKeyID
			cc.callerDesc = fmt.Sprintf("the MFA session of profile %q", r.plan.Source.Profile)
		} else {
			code, err := r.takeCode(ctx, hop.MFASerial, hop.Profile, hop.MFAProcess)
			if err != nil {
				return hopResult{}, err
			}
			in.SerialNumber, in.TokenCode = aws.String(hop.MFASerial), aws.String(code)
			cc.sentSerial = hop.MFASerial
			if i == 0 && r.plan.Source.longTermKeys() {
				r.res.note = joinNotes(r.res.note, longDurationNote(hop))
			}
		}
	}
	var out *sts.AssumeRoleOutput
	err := r.e.withTimeout(ctx, r.opts.CallTimeout, r.plan, func(ctx context.Context) (err error) {
		out, err = r.e.stsClient(r.plan, &caller).AssumeRole(ctx, in)
		return err
	})
	if err != nil {
		return hopResult{}, r.hopFailed(classify(err, cc), i, usedMFASession, hop)
	}
	requestID, _ := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata)
	return hopFromSTS(out.Credentials, out.AssumedRoleUser, requestID), nil
}

// hopFailed drops whatever cached session STS just refused, so that the retry starts clean.
func (r *chainRun) hopFailed(err error, i int, usedMFASession bool, hop RoleHop) error {
	if !errors.Is(err, errStaleCache) {
		return err
	}
	if usedMFASession {
		r.e.dropMFASession(mfaKey{r.plan.Source.AccessKeyID, hop.MFASerial})
		if r.opts.MFASessions != nil && r.plan.Source.Profile != "" {
			r.opts.MFASessions.Delete(r.plan.Source.Profile, hop.MFASerial) // refused: no process should use it again
		}
	} else if i > 0 {
		r.e.dropHop(r.chainKey(i - 1))
	}
	return err
}

// mfaSessionFits says whether hop 0's MFA is satisfied through an MFA session (GetSessionToken on the
// long-term keys, reused for every role from these keys with this serial) rather than by sending the
// code with AssumeRole. Only an IAM user's own keys can get one. And a hop asking for more than an
// hour is assumed with MFA on AssumeRole instead: many setups hold sessions assumed from temporary
// credentials to one hour, so an MFA session would make a long duration_seconds fail.
func mfaSessionFits(src Source, hop RoleHop) bool {
	return src.longTermKeys() && hop.DurationSeconds <= 3600
}

// codeOnEveryAssume says whether running plan sends an MFA code with AssumeRole itself (a hop that no
// MFA session can serve), so that every refresh of its session, automatic or not, needs a new code.
func codeOnEveryAssume(p Plan) bool {
	for i, hop := range p.Roles {
		if hop.MFASerial != "" && (i > 0 || !mfaSessionFits(p.Source, hop)) {
			return true
		}
	}
	return false
}

func longDurationNote(hop RoleHop) string {
	return fmt.Sprintf("profile %q asks for duration_seconds = %d, more than the hour that roles assumed from an MFA session "+
		"are often held to, so the MFA code was sent with AssumeRole itself; renewing this session needs a new code",
		hop.Profile, hop.DurationSeconds)
}

// codeNeededAt says whether running plan at time t would need an MFA code from a person (an MFA helper
// answers without one, so its hops do not count): some hop sends its code
// with AssumeRole, or hop 0's MFA session will have ended by then. (Intermediate hops held in memory
// are not counted on: they rarely outlive the final hop's refresh point.)
func (e *engine) codeNeededAt(p Plan, t time.Time, opts Options) bool {
	if len(p.Roles) == 0 {
		return p.Source.Kind == StaticKeys && p.Source.MFASerial != "" && !opts.hasMFAHelper(p.Source.MFAProcess)
	}
	for i, hop := range p.Roles {
		if hop.MFASerial == "" || opts.hasMFAHelper(hop.MFAProcess) {
			continue
		}
		if i == 0 && mfaSessionFits(p.Source, hop) &&
			e.mfaSessionExpiry(mfaKey{p.Source.AccessKeyID, hop.MFASerial}).Sub(t) >= mfaSessionMargin {
			continue
		}
		return true
	}
	return false
}

// takeCode hands out the caller's MFA code once; when there is none, an MFA helper (the profile's
// mfa_process, or a YubiKey: mfa_helper.go) answers, and without one a hop needing a code gets
// MFARequiredError (the hops before it are held in memory, so the retry with the next code continues
// from there).
func (r *chainRun) takeCode(ctx context.Context, serial, profile, process string) (string, error) {
	if r.code == "" {
		if code, ok, err := r.helperCode(ctx, serial, profile, process); ok {
			return code, err
		}
		return "", &MFARequiredError{Profile: r.plan.Profile, Serial: serial, SerialProfile: profile}
	}
	code := r.code
	r.code = ""
	if !isMFACode(code) {
		return "", &MFAInvalidError{Profile: r.plan.Profile, Serial: serial, Malformed: true}
	}
	return code, nil
}

func isMFACode(code string) bool {
	if len(code) != 6 {
		return false
	}
	for _, c := range code {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// remember keeps an intermediate hop in memory and writes every hop to the AWS CLI's cache.
func (r *chainRun) remember(i int, hr hopResult) {
	if i < len(r.plan.Roles)-1 {
		r.e.holdHop(r.chainKey(i), hr, r.now)
	}
	if r.opts.DisableCLICache {
		return
	}
	if err := writeCLICache(r.opts.cliCacheDir(), r.plan.Roles[i], hr); err != nil {
		r.res.note = joinNotes(r.res.note, fmt.Sprintf("could not write the AWS CLI cache (%v), so the AWS CLI will assume the role again", err))
	}
}

// finish completes the result with who the user now is. AssumeRole's answer already names the
// assumed role (and so the account), so a chain makes one STS call per hop and no more, like the AWS
// CLI and the peers. Only credentials whose source does not say whose they are (GetSessionToken, SSO,
// credential_process, ...) get one GetCallerIdentity, when just obtained (askIdentity); its failure is
// ignored.
func (r *chainRun) finish(ctx context.Context, hr hopResult, askIdentity bool) (result, error) {
	if hr.creds.Expires.IsZero() {
		return result{}, &PlanError{Profile: r.plan.Profile, Msg: fmt.Sprintf(
			"profile %q gives credentials that do not expire, so there is no session to hold: add a role_arn to assume", r.plan.Profile)}
	}
	if askIdentity && hr.assumedArn == "" {
		var out *sts.GetCallerIdentityOutput
		err := r.e.withTimeout(ctx, r.opts.CallTimeout, r.plan, func(ctx context.Context) (err error) {
			out, err = r.e.stsClient(r.plan, &hr.creds).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			return err
		})
		if err == nil && out.Arn != nil {
			hr.assumedArn, hr.accountID = aws.ToString(out.Arn), aws.ToString(out.Account)
		}
	}
	if hr.accountID == "" {
		hr.accountID = accountFromArn(hr.assumedArn)
	}
	r.res.creds, r.res.assumedArn, r.res.accountID = hr.creds, hr.assumedArn, hr.accountID
	if r.res.source == "" {
		r.res.source = SourceSTS
	}
	return r.res, nil
}

func (r *chainRun) sessionName(hop RoleHop) string {
	if hop.SessionName != "" {
		return hop.SessionName // exactly as written; STS judges it
	}
	return defaultSessionName(r.opts.UserName, r.now)
}

// durationOf is the DurationSeconds sent: as written, or 3600 as the CLI and STS default (the SDK's
// AssumeRoleProvider would send 900).
func durationOf(hop RoleHop) int {
	if hop.DurationSeconds == 0 {
		return 3600
	}
	return hop.DurationSeconds
}

// callerDesc names the credentials that sign hop i, for AccessDenied messages.
func (r *chainRun) callerDesc(i int) string {
	if i == 0 {
		return fmt.Sprintf("the credentials of profile %q", r.plan.Source.Profile)
	}
	return fmt.Sprintf("the role session of profile %q", r.plan.Roles[i-1].Profile)
}

// chainKey identifies hop i's credentials in memory: the source and every hop's settings up to i.
func (r *chainRun) chainKey(i int) string {
	src := r.plan.Source
	key := fmt.Sprintf("%d|%s|%s", src.Kind, src.Profile, src.AccessKeyID)
	for _, hop := range r.plan.Roles[:i+1] {
		key += "|" + cliCacheKey(hop)
	}
	return key
}

func hopFromSTS(c *types.Credentials, user *types.AssumedRoleUser, requestID string) hopResult {
	hr := hopResult{requestID: requestID}
	if c != nil {
		hr.creds = credentials{aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken),
			aws.ToTime(c.Expiration)}
	}
	if user != nil {
		hr.assumedArn, hr.roleID = aws.ToString(user.Arn), aws.ToString(user.AssumedRoleId)
		hr.accountID = accountFromArn(hr.assumedArn)
	}
	return hr
}

func joinNotes(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
