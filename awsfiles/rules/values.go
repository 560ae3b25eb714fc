package rules

import (
	"fmt"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// Values and hygiene. Two passes keep the cost to one walk over the entries each, whatever the
// number of codes: checkValues walks every profile's and sso-session's entries (partial-keys,
// region-invalid, empty-value, value-invalid, credentials-key-ignored); checkKeys walks every section's
// keys against the key table (unknown-key, secret-in-config; values_keys.go). Empty and typed values
// are judged in values_typed.go.

// goCopiedKeys are the settings aws-sdk-go-v2 takes from the credentials file for a profile that also has
// a config-file section (spec §3.2 step 3, mergeSections in shared_config.go). The static keys are copied
// only as a pair, the session token only with them.
var goCopiedKeys = valSet("role_arn", "source_profile", "credential_source", "external_id", "mfa_serial",
	"role_session_name", "region", "endpoint_discovery_enabled", "credential_process", "web_identity_token_file",
	"s3_use_arn_region", "s3_disable_multiregion_access_points", "ec2_metadata_service_endpoint_mode",
	"ec2_metadata_service_endpoint", "ec2_metadata_v1_disabled", "use_dualstack_endpoint", "use_fips_endpoint",
	"defaults_mode", "retry_mode", "ca_bundle", "duration_seconds", "max_attempts", "sso_session", "sso_account_id",
	"sso_region", "sso_role_name", "sso_start_url", "auth_scheme_preference", "login_session")

var staticKeyNames = valSet("aws_access_key_id", "aws_secret_access_key", "aws_session_token")

func valSet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// lastEntryIn is the last entry with this key in the profile's sections of one file (within a file a
// repeated section merges and the last key wins).
func lastEntryIn(p *awsfiles.Profile, kind awsfiles.FileKind, name string) *awsfiles.Entry {
	var last *awsfiles.Entry
	for _, s := range p.Sections {
		if s.File.Kind != kind {
			continue
		}
		if e := s.Lookup(name); e != nil {
			last = e
		}
	}
	return last
}

// goEntry is the entry aws-sdk-go-v2 reads for a key of a profile: the credentials file's only where the
// SDK copies it over the config file's (spec §3.2).
func goEntry(p *awsfiles.Profile, name string) *awsfiles.Entry {
	if p.Type != awsfiles.SectionProfile || p.SectionIn(awsfiles.ConfigFile) == nil {
		return botoEntry(p, name)
	}
	cred := lastEntryIn(p, awsfiles.CredentialsFile, name)
	copied := goCopiedKeys[name]
	if staticKeyNames[name] {
		copied = lastEntryIn(p, awsfiles.CredentialsFile, "aws_access_key_id") != nil &&
			lastEntryIn(p, awsfiles.CredentialsFile, "aws_secret_access_key") != nil
	}
	if cred != nil && copied {
		return cred
	}
	return lastEntryIn(p, awsfiles.ConfigFile, name)
}

// botoEntry is the entry of the model's effective setting (botocore's reading: the credentials file wins key
// by key), or nil.
func botoEntry(p *awsfiles.Profile, name string) *awsfiles.Entry {
	if s := p.Get(name); s != nil {
		return s.Entry
	}
	return nil
}

// entryUsed reports whether a tool reads this entry: it is botocore's effective setting, or, for a profile
// with a section in each file, aws-sdk-go-v2's (spec §3). An entry both tools override is no problem.
func entryUsed(p *awsfiles.Profile, e *awsfiles.Entry, inBothFiles bool) bool {
	if s := p.Get(e.Name()); s != nil && s.Entry == e {
		return true
	}
	return inBothFiles && goEntry(p, e.Name()) == e
}

// Bits of entryRules: what checkValues looks at in an entry with this key.
const (
	ruleStaticKey = 1 << iota // a static key or session token: partial-keys
	ruleEmpty                 // empty-value
	ruleRegion                // region-invalid
	ruleTyped                 // value-invalid
)

var entryRules = func() map[string]int {
	m := map[string]int{"aws_security_token": ruleStaticKey, "region": ruleRegion, "sso_region": ruleRegion}
	for n := range staticKeyNames {
		m[n] |= ruleStaticKey
	}
	for n := range emptyBreaks {
		m[n] |= ruleEmpty
	}
	for n := range valueChecks {
		m[n] |= ruleTyped
	}
	for n := range lenientBools {
		m[n] |= ruleTyped
	}
	return m
}()

// valuesRule checks the values of each profile, then of each [sso-session] and [services] section.
type valuesRule struct{}

func (valuesRule) check(c *checker, p *awsfiles.Profile) { c.checkProfileValues(p) }

func (valuesRule) done(c *checker) {
	for _, p := range c.m.SSOSessions {
		c.checkProfileValues(p)
	}
	for _, p := range c.m.Services {
		c.checkServiceEndpoints(p)
	}
}

// checkProfileValues checks the entries of one profile or sso-session that a tool reads.
// hotEntryRules is entryRules for the numbered keys (awsfiles.KeyID), which most entries are: a switch is cheaper than the map.
var hotEntryRules = func() (r [awsfiles.KeyIDCount]int) {
	for h := range awsfiles.KeyIDCount {
		r[h] = entryRules[h.Name()]
	}
	return r
}()

func entryRulesOf(name string) int {
	if h := awsfiles.KeyIDOf(name); h != awsfiles.NoKeyID {
		return hotEntryRules[h]
	}
	return entryRules[name]
}

func (c *checker) checkProfileValues(p *awsfiles.Profile) {
	both := p.Type == awsfiles.SectionProfile && p.SectionIn(awsfiles.ConfigFile) != nil && p.SectionIn(awsfiles.CredentialsFile) != nil
	keys := false
	for _, s := range p.Sections {
		for _, e := range s.Entries {
			r := entryRulesOf(e.Name())
			switch {
			case r == 0:
			case r&ruleStaticKey != 0:
				keys = true
				if r&ruleEmpty != 0 && entryUsed(p, e, both) && valEmpty(e) {
					c.reportEmptyValue(p, e, emptyBreaks[e.Name()].why)
				}
			case entryUsed(p, e, both):
				c.checkEntryValue(p, e, r)
			}
		}
	}
	if keys && p.Type == awsfiles.SectionProfile {
		c.checkPartialKeys(p)
	}
	if both {
		c.checkCredentialsKeyIgnored(p)
	}
}

// checkEntryValue judges one used entry: empty, a region, or a typed value.
func (c *checker) checkEntryValue(p *awsfiles.Profile, e *awsfiles.Entry, r int) {
	if valEmpty(e) {
		if info := emptyBreaks[e.Name()]; r&ruleEmpty != 0 && (!info.needsRole || p.IsSet(awsfiles.KeyRoleARN)) {
			c.reportEmptyValue(p, e, info.why)
		}
		return
	}
	if r&ruleRegion != 0 && e.Value() != "" {
		c.checkRegionEntry(e)
	}
	if r&ruleTyped != 0 {
		c.reportValueInvalid(e, valueCheckFor(e.Name())(e.Value()))
	}
}

// keyTriple is what one file says about a profile's static keys.
type keyTriple struct{ id, secret, token, legacy *awsfiles.Entry }

func staticKeysIn(p *awsfiles.Profile, kind awsfiles.FileKind) keyTriple {
	return keyTriple{lastEntryIn(p, kind, "aws_access_key_id"), lastEntryIn(p, kind, "aws_secret_access_key"),
		lastEntryIn(p, kind, "aws_session_token"), lastEntryIn(p, kind, "aws_security_token")}
}

func (t keyTriple) pair() bool { return t.id != nil && t.secret != nil }
func (t keyTriple) lone() *awsfiles.Entry {
	switch {
	case t.id != nil && t.secret == nil:
		return t.id
	case t.secret != nil && t.id == nil:
		return t.secret
	}
	return nil
}

// checkPartialKeys follows both tools (spec §3.2 step 4, §11 row 49): aws-sdk-go-v2 marks any section
// with exactly one of the two keys as broken (a later credentials-file section of the profile replaces that
// verdict); botocore reads each file on its own and fails when a file has the key ID without the secret.
// Neither joins a pair split across the two files.
func (c *checker) checkPartialKeys(p *awsfiles.Profile) {
	cfg, cred := staticKeysIn(p, awsfiles.ConfigFile), staticKeysIn(p, awsfiles.CredentialsFile)
	if e := cred.lone(); e != nil {
		c.reportLoneKey(p, e, cfg)
	} else if e := cfg.lone(); e != nil && !cred.pair() {
		c.reportLoneKey(p, e, cred)
	}
	for _, t := range []keyTriple{cfg, cred} {
		c.checkSessionToken(p, t, cfg, cred)
	}
}

func (c *checker) reportLoneKey(p *awsfiles.Profile, e *awsfiles.Entry, other keyTriple) {
	missing := "aws_secret_access_key"
	if e.Name() == missing {
		missing = "aws_access_key_id"
	}
	file := e.Section.File.Kind
	var outcome string
	switch {
	case file == awsfiles.CredentialsFile && e.Name() == "aws_access_key_id":
		outcome = "aws-sdk-go-v2 refuses to load the profile (partial credentials found) and the AWS CLI fails with PartialCredentialsError"
	case file == awsfiles.CredentialsFile && other.pair():
		outcome = "aws-sdk-go-v2 refuses to load the profile (partial credentials found) while the AWS CLI ignores this line and uses the pair in the config file"
	case file == awsfiles.CredentialsFile:
		outcome = "aws-sdk-go-v2 refuses to load the profile (partial credentials found) and the AWS CLI ignores the lone secret"
	case e.Name() == "aws_access_key_id":
		outcome = "the AWS CLI fails with PartialCredentialsError and aws-sdk-go-v2 refuses to load the profile (partial credentials found)"
	default:
		outcome = "aws-sdk-go-v2 refuses to load the profile (partial credentials found) and the AWS CLI ignores the lone secret"
	}
	var opts []diagOption
	head := fmt.Sprintf("%s has no %s beside it; add it, or remove this line.", e.Name(), missing)
	advice := ""
	at := other.secret
	if missing == "aws_access_key_id" {
		at = other.id
	}
	if at != nil {
		opts = append(opts, related(at.Section.File, at.Line.Key(), missing+" is here, in the other file"))
		head = fmt.Sprintf("%s has no %s beside it; put both in one section.", e.Name(), missing)
		advice = fmt.Sprintf(" %s is in the %s file, but neither tool joins keys from the two files: put both in "+
			"one section, preferably [%s] of the credentials file.", missing, at.Section.File.Kind, p.Name)
	}
	c.report(e.Section.File, e.Line.Key(), SeverityError, "partial-keys", fmt.Sprintf(
		"%s In profile %q of the %s file, %s.%s", head, p.Name, file, outcome, advice), opts...)
}

// checkSessionToken reports a session token that is not in the same section as both keys (botocore and
// aws-sdk-go-v2 use it only there), and a legacy aws_security_token that aws-sdk-go-v2 does not read.
func (c *checker) checkSessionToken(p *awsfiles.Profile, t, cfg, cred keyTriple) {
	if t.lone() != nil {
		return // the lone key is the problem already reported
	}
	if t.token != nil && !t.pair() && t.token.Value() != "" {
		where := "there are no keys for it in this profile"
		if cfg.pair() || cred.pair() {
			where = "the keys are in the other file"
		}
		c.report(t.token.Section.File, t.token.Line.Key(), SeverityWarning, "partial-keys", fmt.Sprintf(
			"This aws_session_token has no keys beside it; write it next to both keys. In profile %q %s: the AWS CLI "+
				"ignores it and aws-sdk-go-v2 pairs it only with keys that land in the same merged section, so temporary "+
				"keys are sent without their token and AWS rejects them.",
			p.Name, where))
	}
	if t.legacy != nil && t.token == nil && t.pair() {
		c.report(t.legacy.Section.File, t.legacy.Line.Key(), SeverityWarning, "partial-keys", fmt.Sprintf(
			"aws_security_token is the old name; change it to aws_session_token. Profile %q has its session token only "+
				"under the old name, which botocore reads and aws-sdk-go-v2 does not: Go programs send the temporary keys without "+
				"a token and AWS rejects them.", p.Name),
			fix(`Change "aws_security_token" to "aws_session_token"`, true, awsfiles.Edit{File: t.legacy.Section.File, Span: t.legacy.Line.Key(), NewText: "aws_session_token"}))
	}
}

// checkRegionEntry checks a region or sso_region name: botocore refuses a name that fails its pattern
// (spec §5.1, §12.11), and a name that is not a region sends every request nowhere. The intended value is
// checked; inline comments and quotes around it are reported by their own rules.
func (c *checker) checkRegionEntry(e *awsfiles.Entry) {
	v := e.Value()
	rc := awsfiles.CheckRegion(v)
	if rc.Known {
		return
	}
	span := valIntendedSpan(e)
	var opts []diagOption
	hint := ""
	if rc.Suggestion != "" {
		hint = fmt.Sprintf("; did you mean %q? It is %s.", rc.Suggestion, describeRegion(rc.Suggestion))
		opts = append(opts, fix(fmt.Sprintf("Change %q to %q", v, rc.Suggestion), true,
			awsfiles.Edit{File: e.Section.File, Span: span, NewText: rc.Suggestion}))
	}
	if !rc.Valid {
		c.report(e.Section.File, span, SeverityError, "region-invalid", fmt.Sprintf(
			"%s %q is not a valid region name%s Botocore (the AWS CLI, boto3) refuses to create any client "+
				"(InvalidRegionError: Provided region_name '%s' doesn't match a supported format) and aws-sdk-go-v2 "+
				"cannot build an endpoint from it.", e.Name(), v, orStop(hint), v), opts...)
		return
	}
	msg := fmt.Sprintf("%s %q is not a known AWS region%s Requests would go to endpoints that do not exist.", e.Name(), v, orStop(hint))
	if hint == "" {
		msg += " If it is a region newer than Rolecall's list, ignore this warning."
	}
	c.report(e.Section.File, span, SeverityWarning, "region-invalid", msg, opts...)
}

// valIntendedSpan is the span of an entry's intended value inside its written value (without quotes or an
// inline comment), or the whole value span.
func valIntendedSpan(e *awsfiles.Entry) awsfiles.Span {
	s := e.Line.Value()
	if i := strings.Index(e.Raw(), e.Value()); i >= 0 && e.Value() != "" {
		return awsfiles.Span{Start: s.Start + i, End: s.Start + i + len(e.Value())}
	}
	return s
}

// orStop is a hint that continues a first sentence ("; did you mean …? …."), or a full stop without one.
func orStop(hint string) string {
	if hint == "" {
		return "."
	}
	return hint
}

// describeRegion says what a known region is ("" for one this table does not know).
func describeRegion(name string) string {
	r, _ := awsfiles.LookupRegion(name)
	return r.Description
}
