package rules

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rolecall/rolecall/awsfiles"
)

// The AssumeRole parameters a profile sets (spec §5, §8, §11 rows 36–43): each tool reads
// duration_seconds its own way, and STS limits the others' length and characters.

const (
	minDuration, maxDuration, chainedMaxDuration = 900, 43200, 3600
	cliDefaultDuration                           = 3600 // STS's default when botocore sends none
)

func checkDuration(c *checker, p *awsfiles.Profile) {
	if s := p.Setting(awsfiles.KeyDurationSeconds); s != nil {
		if pr := durationProblem(s.Value()); pr != nil {
			c.reportAssumeValue(s, "duration-invalid", SeverityError, pr)
		}
	}
}

// durationRead is how each tool reads duration_seconds (spec §5): botocore with Python's int() (ignored
// when that fails), aws-sdk-go-v2 with strconv.ParseInt(v, 0, 64) (0 when that fails), sending 900 for
// anything under 960.
type durationRead struct {
	cli    int64
	cliOK  bool
	sdk    int64
	sdkOK  bool
	sdkOut int64 // what aws-sdk-go-v2 sends
}

func readDuration(v string) durationRead {
	var r durationRead
	r.cli, r.cliOK = pythonInt(v)
	if n, err := strconv.ParseInt(v, 0, 64); err == nil {
		r.sdk, r.sdkOK = n, true
	}
	r.sdkOut = minDuration
	if r.sdk/60 > 15 {
		r.sdkOut = r.sdk
	}
	return r
}

// pythonInt is Python's int(s) for base 10: an optional sign, digits with single underscores between them,
// leading zeros allowed.
func pythonInt(s string) (int64, bool) {
	t := strings.TrimLeft(s, "+-")
	if len(s)-len(t) > 1 || t == "" || t[0] == '_' || t[len(t)-1] == '_' || strings.Contains(t, "__") {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(t, "_", ""), 10, 64)
	if err != nil {
		return 0, false
	}
	if strings.HasPrefix(s, "-") {
		n = -n
	}
	return n, true
}

// intendedDuration is the number of seconds a person most likely meant, if any: what botocore reads, else
// what Go reads (0x384), else a duration with a unit (1h) or a whole decimal number (3600.0).
func intendedDuration(v string, r durationRead) (int64, bool) {
	switch {
	case r.cliOK:
		return r.cli, true
	case r.sdkOK:
		return r.sdk, true
	}
	if d, err := time.ParseDuration(v); err == nil && d%time.Second == 0 {
		return int64(d / time.Second), true
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1e9 {
		return int64(f), true
	}
	return 0, false
}

func durationProblem(v string) *assumeProblem {
	if v == "" {
		return &assumeProblem{sev: SeverityWarning, msg: "duration_seconds is empty; set 900 to 43200 seconds, or remove the line. " +
			"The AWS CLI ignores it (STS then grants 3600 s) while aws-sdk-go-v2 requests 900 s."}
	}
	r := readDuration(v)
	if assumeDigits(v) && v[0] != '0' {
		return plainDurationProblem(v, r.cli)
	}
	why := fmt.Sprintf(" The AWS CLI %s and aws-sdk-go-v2 %s.", cliDurationText(r), sdkDurationText(r))
	pr := &assumeProblem{sev: SeverityWarning}
	switch {
	case r.cliOK && (r.cli < minDuration || r.cli > maxDuration):
		pr.sev = SeverityError
	case r.cliOK && r.sdkOK && r.cli == r.sdk && r.cli >= 960 && r.cli <= maxDuration:
		pr.sev = SeverityInformation // +3600, 3_600: read alike, only outside the portable subset
	}
	if n, ok := intendedDuration(v, r); ok {
		n = max(minDuration, min(n, maxDuration))
		pr.msg = fmt.Sprintf("duration_seconds %q is not a plain number; set it to %d.", v, n) + why
		pr.fixes = []assumeFix{setDuration(n, "", true)}
	} else {
		pr.msg = fmt.Sprintf("duration_seconds %q is not a number; write seconds from 900 to 43200.", v) + why
	}
	return pr
}

func cliDurationText(r durationRead) string {
	switch {
	case !r.cliOK:
		return fmt.Sprintf("ignores it (STS then grants %d s)", cliDefaultDuration)
	case r.cli < minDuration:
		return fmt.Sprintf("reads %d and refuses it (valid min value: 900)", r.cli)
	}
	return fmt.Sprintf("reads %d", r.cli)
}

func sdkDurationText(r durationRead) string {
	switch {
	case !r.sdkOK:
		return fmt.Sprintf("cannot read it and requests %d s", r.sdkOut)
	case r.sdkOut != r.sdk:
		return fmt.Sprintf("reads %d and requests %d s", r.sdk, r.sdkOut)
	}
	return fmt.Sprintf("requests %d s", r.sdkOut)
}

func plainDurationProblem(v string, n int64) *assumeProblem {
	if len(v) > 9 {
		n = math.MaxInt32
	}
	switch {
	case n < minDuration:
		return &assumeProblem{msg: fmt.Sprintf("duration_seconds %d is under the 900 minimum; set it to 900. "+
			"The AWS CLI refuses it (valid min value: 900) while aws-sdk-go-v2 silently requests 900 s.", n),
			fixes: []assumeFix{setDuration(minDuration, "", true)}}
	case n > minDuration && n < 960:
		return &assumeProblem{sev: SeverityWarning, msg: fmt.Sprintf("duration_seconds %d is read two ways; set it to 900, or 960 or more. "+
			"The AWS CLI requests %d s but aws-sdk-go-v2 requests 900 s (it ignores anything under 16 minutes).", n, n),
			fixes: []assumeFix{setDuration(900, "", false), setDuration(960, "", false)}}
	case n > maxDuration:
		// 43200 is STS's ceiling, but a role grants only its MaxSessionDuration, one hour unless raised:
		// 3600 is the value that works for most roles.
		return &assumeProblem{msg: fmt.Sprintf("duration_seconds %s is over the 43200 maximum; set it to 3600 or less. "+
			"Both the AWS CLI and aws-sdk-go-v2 fail at AssumeRole. 43200 (12 hours) works only for a role whose maximum session "+
			"duration was raised to it; most roles allow one hour, which is also what STS grants without duration_seconds.", v),
			fixes:  []assumeFix{setDuration(chainedMaxDuration, "", true), setDuration(maxDuration, ", the maximum", false)},
			remove: "Remove duration_seconds"}
	}
	return nil
}

func checkDurationChained(c *checker, p *awsfiles.Profile) {
	s := p.Setting(awsfiles.KeyDurationSeconds)
	if s == nil || !assumesRole(p) || !assumeDigits(s.Value()) || s.Value()[0] == '0' || len(s.Value()) > 5 {
		return
	}
	n, _ := strconv.Atoi(s.Value())
	if n <= chainedMaxDuration || n > maxDuration {
		return
	}
	if c.m.ChainInfo(p).End != awsfiles.EndCredentials {
		return
	}
	why, sev := chainedReason(c.m, p)
	if why == "" {
		return
	}
	c.reportAssumeValue(s, "duration-chained", sev, &assumeProblem{
		msg: fmt.Sprintf("duration_seconds %d is over role chaining's 1-hour limit; set it to 3600. %s. STS refuses it with "+
			"\"The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.\"", n, upperFirst(why)),
		fixes: []assumeFix{setDuration(chainedMaxDuration, "", true)}})
}

// chainedReason says why a role profile's own AssumeRole is role chaining (its caller is itself a role
// session), and how sure that is; "" when it is not. Its chain ends in credentials.
func chainedReason(m *awsfiles.Model, p *awsfiles.Profile) (string, Severity) {
	if roles := m.ChainInfo(p).Roles; roles >= 2 {
		return fmt.Sprintf("Profile %q assumes its role with the session of role profile %q (hop %d of %d in %s)",
			p.Name, m.SourceOf(p).Name, roles, roles, m.ChainText(p)), SeverityError
	}
	ch := m.Chain(p) // one role: at most two steps
	if len(ch.Steps) > 1 && ch.Steps[1].HasStaticKeys() && ch.Steps[1].IsSet(awsfiles.KeyRoleARN) {
		return fmt.Sprintf("aws-sdk-go-v2 first assumes the role of source profile %q (which also has keys), so for it this hop is chained "+
			"(the AWS CLI uses %q's keys directly)", ch.Steps[1].Name, ch.Steps[1].Name), SeverityWarning
	}
	switch ch.Source {
	case awsfiles.KindSSO:
		return fmt.Sprintf("the credentials of %q come from IAM Identity Center, which are themselves a role session", ch.Last().Name), SeverityWarning
	case awsfiles.KindWebIdentity:
		return fmt.Sprintf("the credentials of %q come from AssumeRoleWithWebIdentity, which are themselves a role session", ch.Last().Name), SeverityWarning
	case awsfiles.KindCredentialSource:
		if src := p.ValueOf(awsfiles.KeyCredentialSource); src == "Ec2InstanceMetadata" || src == "EcsContainer" {
			return fmt.Sprintf("credential_source %s gives the instance's or task's role session", src), SeverityWarning
		}
	}
	return "", 0
}

func checkSessionName(c *checker, p *awsfiles.Profile) {
	s := p.Setting(awsfiles.KeyRoleSessionName)
	if s == nil || s.Value() == "" {
		return // empty: both tools generate a name
	}
	// Most names are valid: the fix, which copies the name, is made only for one that is not.
	if stsStringProblem("role_session_name", s.Value(), 2, 64, "+=,.@-", "RoleSessionName", "") == nil {
		return
	}
	fixed := sanitizeName(s.Value(), "+=,.@-", 64)
	if len(fixed) < 2 || fixed == s.Value() {
		fixed = ""
	}
	if pr := stsStringProblem("role_session_name", s.Value(), 2, 64, "+=,.@-", "RoleSessionName", fixed); pr != nil {
		if fixed != "" {
			title := fmt.Sprintf("Change role_session_name to %q", fixed)
			if pr.end == pr.start { // too long, nothing else wrong: the fix cuts it
				title = "Change role_session_name to its first 64 characters"
			}
			pr.fixes = []assumeFix{{title, fixed, true}}
		}
		c.reportAssumeValue(s, "session-name-invalid", SeverityError, pr)
	}
}

func checkExternalID(c *checker, p *awsfiles.Profile) {
	s := p.Setting(awsfiles.KeyExternalID)
	if s == nil || s.Value() == "" {
		return // an empty value is empty-value's
	}
	if pr := stsStringProblem("external_id", s.Value(), 2, 1224, "+=,.@:/-", "ExternalId", ""); pr != nil {
		pr.msg += " Use exactly the external ID in the role's trust policy."
		c.reportAssumeValue(s, "external-id-invalid", SeverityError, pr)
	}
}

// stsStringProblem checks a value against an STS string parameter: length and characters (\w plus extra).
// fixed, if not empty, is the value the fix writes.
func stsStringProblem(key, v string, minLen, maxLen int, extra, param, fixed string) *assumeProblem {
	for i, r := range v {
		if !stsNameChar(r, extra) {
			_, size := utf8.DecodeRuneInString(v[i:])
			todo := fmt.Sprintf("use only letters, digits and _%s", extra)
			if fixed != "" {
				todo = fmt.Sprintf("change it to %q", fixed)
			}
			return &assumeProblem{start: i, end: i + size, msg: fmt.Sprintf("%s may not contain %q; %s. It may contain only letters, "+
				"digits and _%s: STS rejects it with a ValidationError, in the AWS CLI and aws-sdk-go-v2 alike.", key, v[i:i+size], todo, extra)}
		}
	}
	switch n := utf8.RuneCountInString(v); {
	case n < minLen:
		return &assumeProblem{msg: fmt.Sprintf("%s is %d character long; it needs %d to %d. The AWS CLI refuses it (%s valid min length: %d) "+
			"and STS rejects it from aws-sdk-go-v2.", key, n, minLen, maxLen, param, minLen)}
	case n > maxLen:
		todo := fmt.Sprintf("STS accepts at most %d", maxLen)
		if fixed != "" {
			todo = fmt.Sprintf("change it to its first %d characters", maxLen)
		}
		return &assumeProblem{msg: fmt.Sprintf("%s is %d characters long; %s. STS accepts at most %d and rejects it from both tools.", key, n, todo, maxLen)}
	}
	return nil
}

// setDuration is the fix that sets duration_seconds to n, its title saying how long that is.
func setDuration(n int64, note string, preferred bool) assumeFix {
	return assumeFix{title: fmt.Sprintf("Set duration_seconds to %d (%s%s)", n, durationWords(n), note),
		value: strconv.FormatInt(n, 10), preferred: preferred}
}

// durationWords says a number of seconds in hours and minutes: "1 hour", "15 minutes", "1 hour 30 minutes".
func durationWords(n int64) string {
	h, m, s := n/3600, n%3600/60, n%60
	var parts []string
	unit := func(v int64, one string) {
		if v == 1 {
			parts = append(parts, "1 "+one)
		} else if v > 1 {
			parts = append(parts, fmt.Sprintf("%d %ss", v, one))
		}
	}
	unit(h, "hour")
	unit(m, "minute")
	unit(s, "second")
	if len(parts) == 0 {
		return "0 seconds"
	}
	return strings.Join(parts, " ")
}

// sanitizeName replaces every character outside \w and extra with '-' and cuts to maxLen.
func sanitizeName(v, extra string, maxLen int) string {
	var b strings.Builder
	for _, r := range v {
		if !stsNameChar(r, extra) {
			r = '-'
		}
		b.WriteRune(r)
	}
	out := b.String()
	if len(out) > maxLen {
		out = strings.TrimRight(out[:maxLen], "-")
	}
	return out
}
