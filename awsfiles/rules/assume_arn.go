package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/rolecall/rolecall/awsfiles"
)

// Shapes that only STS checks (spec §5.1, §12.11): a malformed role_arn or mfa_serial is sent as written
// and fails at the first AssumeRole, far from the line that caused it.

// arnPartitions are the AWS partitions an IAM ARN may name (spec §12.11).
var arnPartitions = []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}

// assumeProblem is what is wrong with a value: a byte range inside the intended value (start == end means
// the whole value), a message, and replacements for the whole value.
type assumeProblem struct {
	start, end int
	msg        string
	fixes      []assumeFix
	remove     string   // if set, the title of a last fix that removes the setting's line
	sev        Severity // 0: the code's usual severity
}

type assumeFix struct {
	title, value string
	preferred    bool
}

// reportAssumeValue reports a problem on the part of a setting's value it concerns.
func (c *checker) reportAssumeValue(s *awsfiles.Setting, code string, sev Severity, pr *assumeProblem) {
	span := refValueSpan(s.Entry)
	if pr.end > pr.start && s.Value() != "" {
		span = awsfiles.Span{Start: span.Start + pr.start, End: span.Start + pr.end}
	}
	if pr.sev != 0 {
		sev = pr.sev
	}
	var opts []diagOption
	for _, f := range pr.fixes {
		opts = append(opts, fix(f.title, f.preferred, assumeSetValue(s.Entry, f.value)))
	}
	if pr.remove != "" {
		opts = append(opts, fix(pr.remove, false, assumeRemoveLine(s.Entry)...))
	}
	c.report(s.File(), span, sev, code, pr.msg, opts...)
}

// arnParts is an ARN cut at its first five colons, with the byte offset of each field.
type arnParts struct {
	field [6]string
	at    [6]int
}

func splitARN(v string) (arnParts, bool) {
	var a arnParts
	off := 0
	for i := range 5 {
		j := strings.IndexByte(v[off:], ':')
		if j < 0 {
			return arnParts{}, false
		}
		a.field[i], a.at[i] = v[off:off+j], off
		off += j + 1
	}
	a.field[5], a.at[5] = v[off:], off
	return a, true
}

// part is a problem on field i of an ARN.
func (a arnParts) part(i int, msg string, fixes ...assumeFix) *assumeProblem {
	end := a.at[i] + len(a.field[i])
	if end == a.at[i] { // an empty field: point at the colon before it
		return &assumeProblem{start: a.at[i] - 1, end: a.at[i], msg: msg, fixes: fixes}
	}
	return &assumeProblem{start: a.at[i], end: end, msg: msg, fixes: fixes}
}

func (a arnParts) join() string { return strings.Join(a.field[:], ":") }

// commonARNProblem checks the fields every IAM ARN shares: partition, service, empty region, account.
func commonARNProblem(a arnParts, example string) *assumeProblem {
	if !assumeContains(arnPartitions, a.field[1]) {
		const all = "The partitions are aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f and aws-eusc"
		if sug := awsfiles.Suggest(a.field[1], arnPartitions); sug != "" {
			b := a
			b.field[1] = sug
			return a.part(1, fmt.Sprintf("%q is not an AWS partition; did you mean %q? %s.", a.field[1], sug, all),
				assumeFix{fmt.Sprintf("Change %q to %q", a.field[1], sug), b.join(), true})
		}
		return a.part(1, fmt.Sprintf("%q is not an AWS partition; expected %s. %s.", a.field[1], example, all))
	}
	if a.field[2] != "iam" {
		return a.part(2, fmt.Sprintf("the service must be iam, not %q. Expected %s.", a.field[2], example))
	}
	if a.field[3] != "" {
		b := a
		b.field[3] = ""
		return a.part(3, fmt.Sprintf("IAM ARNs have no region; remove %q. Write arn:%s:iam::<account>:….", a.field[3], a.field[1]),
			assumeFix{fmt.Sprintf("Remove the region %q", a.field[3]), b.join(), true})
	}
	acct := a.field[4]
	if assumeDigits(acct) && len(acct) == 12 {
		return nil
	}
	if d := strings.NewReplacer("-", "", " ", "").Replace(acct); assumeDigits(d) && len(d) == 12 {
		b := a
		b.field[4] = d
		return a.part(4, fmt.Sprintf("the account ID has separators; write %s.", d), assumeFix{fmt.Sprintf("Change %q to %q", acct, d), b.join(), true})
	}
	if acct == "" {
		return a.part(4, "the 12-digit account ID is missing")
	}
	if assumeDigits(acct) {
		return a.part(4, fmt.Sprintf("the account ID has %d digits, not 12. Keep leading zeros.", len(acct)))
	}
	return a.part(4, fmt.Sprintf("the account %q is not a 12-digit account ID. An account alias cannot be used in an ARN.", acct))
}

func checkRoleARN(c *checker, p *awsfiles.Profile) {
	if s := p.Setting(awsfiles.KeyRoleARN); s != nil && s.Value() != "" { // an empty value is empty-value's
		if pr := roleARNProblem(s.Value()); pr != nil {
			pr.msg = "Invalid role_arn: " + assumeSentence(pr.msg) + " STS rejects it: the AWS CLI and aws-sdk-go-v2 both fail at AssumeRole."
			c.reportAssumeValue(s, "role-arn-invalid", SeverityError, pr)
		}
	}
}

const roleExample = "arn:aws:iam::123456789012:role/NAME"

// roleARNProblem validates a role ARN: arn:<partition>:iam::<12 digits>:role/<path/>name, 20–2048
// characters (spec §5.1, §8, §12.11).
func roleARNProblem(v string) *assumeProblem {
	if n := utf8.RuneCountInString(v); n > 2048 {
		return &assumeProblem{msg: fmt.Sprintf("it is %d characters long; STS accepts at most 2048", n)}
	}
	a, ok := splitARN(v)
	if !ok || a.field[0] != "arn" {
		if !strings.Contains(v, ":") && roleNameBad(v) < 0 {
			return &assumeProblem{msg: "a name, not an ARN; write its ARN, arn:aws:iam::ACCOUNT:role/NAME."}
		}
		return &assumeProblem{msg: "it is not an ARN; expected " + roleExample}
	}
	if a.field[2] == "sts" && strings.HasPrefix(a.field[5], "assumed-role/") {
		role := strings.SplitN(strings.TrimPrefix(a.field[5], "assumed-role/"), "/", 2)[0]
		fixed := fmt.Sprintf("arn:%s:iam::%s:role/%s", a.field[1], a.field[4], role)
		return &assumeProblem{msg: "a session's ARN; change it to " + fixed + ". This is the ARN of an assumed-role session " +
			"(what get-caller-identity prints), not of a role; add the role's path, if it has one",
			fixes: []assumeFix{{fmt.Sprintf("Change role_arn to %q", fixed), fixed, false}}}
	}
	if pr := commonARNProblem(a, roleExample); pr != nil {
		return pr
	}
	if pr := roleResourceProblem(a); pr != nil {
		return pr
	}
	if n := utf8.RuneCountInString(v); n < 20 {
		return &assumeProblem{msg: fmt.Sprintf("it is %d characters long; STS requires at least 20", n)}
	}
	return nil
}

// roleResourceProblem checks the resource part: role/ then an optional path and a role name.
func roleResourceProblem(a arnParts) *assumeProblem {
	res, at := a.field[5], a.at[5]
	typ, rest, _ := strings.Cut(res, "/")
	switch typ {
	case "role":
	case "user":
		return &assumeProblem{start: at, end: at + len(typ), msg: "a user's ARN; name a role (…:role/NAME). " +
			"You assume roles, not users, and a user's own credentials go in aws_access_key_id / aws_secret_access_key"}
	case "instance-profile":
		return &assumeProblem{start: at, end: at + len(typ), msg: "an instance profile's ARN; name the role inside it (…:role/NAME). " +
			"It often has the same name"}
	default:
		return &assumeProblem{start: at, end: at + len(typ), msg: fmt.Sprintf("the resource must start with role/, not %q. Expected %s", typ+"/", roleExample)}
	}
	base := at + len(typ) + 1
	slash := strings.LastIndex(rest, "/")
	path, name := rest[:slash+1], rest[slash+1:]
	switch {
	case name == "" && rest == "":
		return &assumeProblem{start: at, end: base, msg: "the role name is missing after role/; add it"}
	case name == "":
		return &assumeProblem{start: base + slash, end: base + slash + 1, msg: "it ends with \"/\"; add the role name after the path"}
	case utf8.RuneCountInString(name) > 64:
		return &assumeProblem{start: base + slash + 1, end: base + len(rest), msg: fmt.Sprintf("the role name is %d characters long; IAM allows at most 64", utf8.RuneCountInString(name))}
	}
	if i := roleNameBad(name); i >= 0 {
		start := base + slash + 1 + i
		_, size := utf8.DecodeRuneInString(name[i:])
		return &assumeProblem{start: start, end: start + size, msg: fmt.Sprintf("role names may contain only letters, digits and _+=,.@-, not %q", name[i:i+size])}
	}
	for i := 0; i < len(path); i++ {
		if path[i] < 0x21 || path[i] > 0x7e {
			_, size := utf8.DecodeRuneInString(path[i:])
			return &assumeProblem{start: base + i, end: base + i + size, msg: fmt.Sprintf("a role path may contain only printable ASCII without spaces, not %q", path[i:i+size])}
		}
	}
	if len(path)+1 > 512 {
		return &assumeProblem{start: base, end: base + len(path), msg: "the role path is longer than IAM's 512 characters"}
	}
	return nil
}

// roleNameBad is the byte index of the first character outside [\w+=,.@-], or -1.
func roleNameBad(s string) int {
	for i, r := range s {
		if !stsNameChar(r, "+=,.@-") {
			return i
		}
	}
	return -1
}

// stsNameChar reports an ASCII letter, digit or underscore (\w in STS's patterns), or one of extra.
func stsNameChar(r rune, extra string) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || strings.ContainsRune(extra, r)
}

// assumeSentence ends a message part with a full stop unless it already ends with punctuation.
func assumeSentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

func assumeDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func checkMFASerial(c *checker, p *awsfiles.Profile) {
	if s := p.Setting(awsfiles.KeyMFASerial); s != nil && s.Value() != "" { // an empty value is empty-value's
		if pr := mfaSerialProblem(s.Value()); pr != nil {
			pr.msg = "Invalid mfa_serial: " + assumeSentence(pr.msg) + " Every AssumeRole of this profile fails: STS rejects the serial or the MFA check."
			c.reportAssumeValue(s, "mfa-serial-invalid", SeverityError, pr)
		}
	}
}

const mfaExample = "arn:aws:iam::123456789012:mfa/NAME"

// mfaSerialProblem validates an MFA serial: an IAM MFA device ARN or a hardware token serial, from the
// STS pattern [\w+=/:,.@-]{9,256} (spec §5.1).
func mfaSerialProblem(v string) *assumeProblem {
	if strings.HasPrefix(v, "arn:") {
		if pr := mfaARNProblem(v); pr != nil {
			return pr
		}
	} else if strings.Contains(v, ":") {
		return &assumeProblem{msg: "neither a device ARN nor a hardware serial. Expected " + mfaExample + " or a serial such as GAHT12345678"}
	}
	for i, r := range v {
		if !stsNameChar(r, "+=/:,.@-") {
			_, size := utf8.DecodeRuneInString(v[i:])
			return &assumeProblem{start: i, end: i + size, msg: fmt.Sprintf("it may contain only letters, digits and _+=/:,.@-, not %q", v[i:i+size])}
		}
	}
	if n := len(v); n < 9 || n > 256 {
		return &assumeProblem{msg: fmt.Sprintf("it is %d characters long; STS accepts 9 to 256. A hardware serial looks like GAHT12345678, a device ARN like %s", n, mfaExample)}
	}
	return nil
}

func mfaARNProblem(v string) *assumeProblem {
	a, ok := splitARN(v)
	if !ok {
		return &assumeProblem{msg: "not a complete ARN; expected " + mfaExample}
	}
	if pr := commonARNProblem(a, mfaExample); pr != nil {
		return pr
	}
	res, at := a.field[5], a.at[5]
	typ, rest, _ := strings.Cut(res, "/")
	switch {
	case typ == "user":
		b := a
		b.field[5] = "mfa/" + rest
		return &assumeProblem{start: at, end: at + len(typ), msg: "your user's ARN, not your MFA device's; change user/ to mfa/. The device ARN is " +
			mfaExample + "; the console lists it under Security credentials → Multi-factor authentication",
			fixes: []assumeFix{{"Change user/ to mfa/", b.join(), false}}}
	case typ == "u2f":
		return &assumeProblem{start: at, end: at + len(typ), msg: "a FIDO security key cannot serve AssumeRole; use a TOTP device. " +
			"Neither the AWS CLI nor aws-sdk-go-v2 can use a FIDO key for AssumeRole: register a virtual or hardware TOTP device and use its ARN"}
	case typ != "mfa":
		return &assumeProblem{start: at, end: at + len(typ), msg: fmt.Sprintf("the resource must start with mfa/, not %q. Expected %s", typ+"/", mfaExample)}
	case rest == "" || strings.HasSuffix(rest, "/"):
		return &assumeProblem{start: at, end: at + len(res), msg: "the MFA device name is missing after mfa/; add it"}
	}
	return nil
}
