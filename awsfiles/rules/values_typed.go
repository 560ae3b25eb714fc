package rules

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rolecall/rolecall/awsfiles"
)

// Settings whose value has a type. aws-sdk-go-v2 refuses to load a whole profile when some of them are
// malformed (spec §4.3, last paragraph) and botocore refuses to create clients for others; booleans turn
// silently false on junk. Every case below was run through botocore 1.43 and aws-sdk-go-v2 config v1.33.18.

const (
	valGoRefuses   = "aws-sdk-go-v2 refuses to load the profile"
	valBotoRefuses = "botocore (the AWS CLI, boto3) fails to create clients"
)

// emptyBreaks says, for each setting where an empty value breaks something, how. needsRole marks the
// assume-role settings that matter only beside role_arn.
var emptyBreaks = map[string]struct {
	why       string
	needsRole bool
}{
	"role_arn":                           {"the AWS CLI still treats the profile as a role profile and fails (Invalid length for parameter RoleArn, value: 0) while aws-sdk-go-v2 ignores it", false},
	"source_profile":                     {"the AWS CLI fails (The source_profile \"\" … does not exist) while aws-sdk-go-v2 ignores it and assumes the role with container or instance credentials", true},
	"credential_source":                  {"the AWS CLI fails (The credential source \"\" … is not valid) while aws-sdk-go-v2 ignores it", true},
	"external_id":                        {"the AWS CLI sends an empty ExternalId and fails (Invalid length for parameter ExternalId, value: 0) while aws-sdk-go-v2 leaves it out", true},
	"mfa_serial":                         {"the AWS CLI prompts \"Enter MFA code for :\" and sends an empty SerialNumber while aws-sdk-go-v2 ignores it", true},
	"web_identity_token_file":            {"neither tool finds a token, so the profile has no credentials", true},
	"region":                             {"botocore builds endpoints such as https://sts..amazonaws.com and fails (Invalid endpoint) and aws-sdk-go-v2 fails with Missing Region; an empty region in the credentials file also hides the config file's", false},
	"sso_region":                         {"IAM Identity Center sign-in cannot work without its region", false},
	"sso_start_url":                      {"IAM Identity Center sign-in cannot work without its start URL", false},
	"sso_session":                        {"the AWS CLI fails (The specified sso-session does not exist: \"\")", false},
	"sso_account_id":                     {"IAM Identity Center cannot sign in without the account", false},
	"sso_role_name":                      {"IAM Identity Center cannot sign in without the permission set", false},
	"credential_process":                 {"the AWS CLI crashes running an empty command (IndexError) while aws-sdk-go-v2 ignores it", false},
	"aws_access_key_id":                  {"the AWS CLI signs requests with an empty key, which AWS rejects, while aws-sdk-go-v2 ignores the pair and falls back to instance credentials", false},
	"aws_secret_access_key":              {"the AWS CLI signs requests with an empty secret, which AWS rejects, while aws-sdk-go-v2 ignores the pair and falls back to instance credentials", false},
	"max_attempts":                       {valBotoRefuses + " (invalid literal for int()) and " + valGoRefuses + " (expect integer)", false},
	"retry_mode":                         {valBotoRefuses + " (InvalidRetryModeError) and " + valGoRefuses + " (unknown RetryMode)", false},
	"account_id_endpoint_mode":           {valBotoRefuses + " (InvalidConfigError) and " + valGoRefuses, false},
	"request_checksum_calculation":       {valBotoRefuses + " (InvalidChecksumConfigError) and " + valGoRefuses, false},
	"response_checksum_validation":       {valBotoRefuses + " (InvalidChecksumConfigError) and " + valGoRefuses, false},
	"request_min_compression_size_bytes": {valBotoRefuses + " (InvalidConfigError) and " + valGoRefuses, false},
	"disable_request_compression":        {valGoRefuses + " (need true or false)", false},
	"disable_clock_skew_correction":      {valGoRefuses + " (need true or false)", false},
	"defaults_mode":                      {valBotoRefuses + " (InvalidDefaultsMode)", false},
	"ec2_metadata_service_endpoint_mode": {valBotoRefuses + " (InvalidIMDSEndpointModeError)", false},
}

// needsValue are the settings whose empty line is better filled in than removed: removing it is offered,
// but not as the preferred fix.
var needsValue = valSet("role_arn", "source_profile", "credential_source", "web_identity_token_file", "region",
	"sso_region", "sso_start_url", "sso_session", "sso_account_id", "sso_role_name", "credential_process",
	"aws_access_key_id", "aws_secret_access_key")

// Empty values (empty-value, spec §11 rows 43–44) are judged by checkEntryValue in values.go: a key
// followed by an indented block (s3 =) is a nested block, not an empty value.

// valEmpty is a value that both tools read as empty: nothing, or an empty pair of quotes.
func valEmpty(e *awsfiles.Entry) bool {
	return len(e.Sub()) == 0 && (e.Raw() == "" || e.Raw() == `""` || e.Raw() == `''`)
}

func (c *checker) reportEmptyValue(p *awsfiles.Profile, e *awsfiles.Entry, why string) {
	kind := "profile"
	if p.Type == awsfiles.SectionSSOSession {
		kind = "sso-session"
	}
	msg := fmt.Sprintf("%s is empty in %s %q; give it a value, or remove the line. %s; removing the line leaves the setting unset.",
		e.Name(), kind, p.Name, upperFirst(why))
	c.report(e.Section.File, e.Line.Key(), SeverityError, "empty-value", msg,
		fix(fmt.Sprintf("Remove the empty %s line", e.Name()), !needsValue[e.Name()], valRemoveLine(e)))
}

// valRemoveLine deletes an entry's line with its terminator (and its nested or continued lines).
func valRemoveLine(e *awsfiles.Entry) awsfiles.Edit {
	last := e.Line
	for _, s := range e.Sub() {
		last = s.Line
	}
	for _, l := range e.Continued() {
		if l.Num() > last.Num() {
			last = l
		}
	}
	return awsfiles.Edit{File: e.Section.File, Span: awsfiles.Span{Start: e.Line.Span().Start, End: last.SpanWithEOL().End}}
}

// valueProblem is what is wrong with a typed value.
type valueProblem struct {
	sev   Severity
	why   string // what is wrong and which tool breaks how
	fixTo string // a corrected value, when there is one
	// guess marks a corrected value that changes what the setting means (offered, not preferred).
	guess bool
}

// valueChecks holds a check for each typed setting whose bad values a tool rejects or misreads.
var valueChecks = map[string]func(v string) *valueProblem{
	"retry_mode":                         valRetryMode,
	"max_attempts":                       valMaxAttempts,
	"defaults_mode":                      valFoldedEnum(valBotoRefuses+" (InvalidDefaultsMode) and "+valGoRefuses, "standard", "in-region", "cross-region", "mobile", "auto", "legacy"),
	"ec2_metadata_service_endpoint_mode": valFoldedEnum(valBotoRefuses+" (InvalidIMDSEndpointModeError) and "+valGoRefuses, "IPv4", "IPv6"),
	"request_checksum_calculation":       valFoldedEnum(valBotoRefuses+" (InvalidChecksumConfigError) and "+valGoRefuses, "when_supported", "when_required"),
	"response_checksum_validation":       valFoldedEnum(valBotoRefuses+" (InvalidChecksumConfigError) and "+valGoRefuses, "when_supported", "when_required"),
	"account_id_endpoint_mode":           valGoExactEnum("preferred", "required", "disabled"),
	"disable_request_compression":        valGoExactBool,
	"disable_clock_skew_correction":      valGoExactBool,
	"request_min_compression_size_bytes": valCompressionSize,
	"sts_regional_endpoints":             valExactEnum(valBotoRefuses+" (InvalidSTSRegionalEndpointsConfigError)", "regional", "legacy"),
	"output":                             valOutput,
	"cli_timestamp_format":               valExactEnum("the AWS CLI fails on every command (Unknown cli_timestamp_format value)", "iso8601", "wire", "none"),
	"endpoint_url":                       valURL(valBotoRefuses + " (ValueError: Invalid endpoint)"),
	"ec2_metadata_service_endpoint":      valURL(valBotoRefuses + " (InvalidIMDSEndpointError)"),
	"metadata_service_timeout":           valPythonInt("botocore cannot look for credentials at all (invalid literal for int())"),
	"metadata_service_num_attempts":      valPythonInt("botocore cannot look for credentials at all (invalid literal for int())"),
}

// lenientBools are booleans both tools read as true only for "true" in any case: anything else silently
// means false.
var lenientBools = valSet("use_fips_endpoint", "use_dualstack_endpoint", "ignore_configured_endpoint_urls",
	"ec2_metadata_v1_disabled", "imds_use_ipv6", "tcp_keepalive", "parameter_validation", "s3_use_arn_region",
	"s3_disable_multiregion_access_points", "disable_host_prefix_injection", "csm_enabled",
	"proxy_use_forwarding_for_https")

// checkServiceEndpoints checks endpoint_url in the service blocks of a [services] section.
func (c *checker) checkServiceEndpoints(p *awsfiles.Profile) {
	for _, s := range p.Sections {
		for _, e := range s.Entries {
			for _, sub := range e.Sub() {
				if sub.Name() == "endpoint_url" && sub.Value() != "" {
					c.reportValueInvalid(sub, valueChecks["endpoint_url"](sub.Value()))
				}
			}
		}
	}
}

func valueCheckFor(name string) func(string) *valueProblem {
	if f := valueChecks[name]; f != nil {
		return f
	}
	if lenientBools[name] {
		return valLenientBool(name)
	}
	return nil
}

func (c *checker) reportValueInvalid(e *awsfiles.Entry, p *valueProblem) {
	if p == nil {
		return
	}
	span := valIntendedSpan(e)
	head := fmt.Sprintf("Invalid %s %q.", e.Name(), e.Value())
	if p.sev != SeverityError {
		head = fmt.Sprintf("%s %q is not read alike by every tool.", e.Name(), e.Value()) // such as yaml, which only AWS CLI v2 knows
	}
	var opts []diagOption
	if p.fixTo != "" {
		head = fmt.Sprintf("Invalid %s %q; change it to %q.", e.Name(), e.Value(), p.fixTo)
		if utf8.RuneCountInString(head) > firstSentenceMax {
			head = fmt.Sprintf("Invalid %s; change it to %q.", e.Name(), p.fixTo)
		}
		opts = append(opts, fix(fmt.Sprintf("Change %q to %q", e.Value(), p.fixTo), !p.guess, awsfiles.Edit{File: e.Section.File, Span: span, NewText: p.fixTo}))
	}
	msg := head + " " + endSentence(upperFirst(p.why))
	c.report(e.Section.File, span, p.sev, "value-invalid", msg, opts...)
}

func valRetryMode(v string) *valueProblem {
	switch v {
	case "standard", "adaptive":
		return nil
	case "legacy":
		return &valueProblem{sev: SeverityError, fixTo: "standard", guess: true, why: "botocore accepts legacy, but " +
			valGoRefuses + " (unknown RetryMode, legacy), which knows only standard and adaptive; standard is the " +
			"recommended mode"}
	}
	return valEnumMiss(v, valBotoRefuses+" (InvalidRetryModeError) and "+valGoRefuses+" (unknown RetryMode); both compare case-sensitively",
		"standard", "adaptive", "legacy")
}

// valEnumMiss reports a value outside an enumeration, with the allowed values and the closest one.
func valEnumMiss(v, why string, allowed ...string) *valueProblem {
	p := &valueProblem{sev: SeverityError, why: fmt.Sprintf("%s; allowed: %s", why, strings.Join(allowed, ", "))}
	for _, a := range allowed {
		if strings.EqualFold(a, v) {
			p.fixTo = a
			return p
		}
	}
	p.fixTo = awsfiles.Suggest(v, allowed)
	return p
}

// valFoldedEnum is an enumeration both tools compare without regard to case.
func valFoldedEnum(why string, allowed ...string) func(string) *valueProblem {
	return func(v string) *valueProblem {
		for _, a := range allowed {
			if strings.EqualFold(a, v) {
				return nil
			}
		}
		return valEnumMiss(v, why, allowed...)
	}
}

// valExactEnum is an enumeration compared case-sensitively by the tool that reads it.
func valExactEnum(why string, allowed ...string) func(string) *valueProblem {
	return func(v string) *valueProblem {
		for _, a := range allowed {
			if a == v {
				return nil
			}
		}
		return valEnumMiss(v, why, allowed...)
	}
}

// valGoExactEnum is an enumeration botocore compares without regard to case and aws-sdk-go-v2 exactly.
func valGoExactEnum(allowed ...string) func(string) *valueProblem {
	return func(v string) *valueProblem {
		for _, a := range allowed {
			if a == v {
				return nil
			}
			if strings.EqualFold(a, v) {
				return &valueProblem{sev: SeverityError, fixTo: a,
					why: "botocore accepts any case, but " + valGoRefuses + ", which accepts only lower case"}
			}
		}
		return valEnumMiss(v, valBotoRefuses+" (InvalidConfigError) and "+valGoRefuses, allowed...)
	}
}

// valGoExactBool is a boolean aws-sdk-go-v2 reads strictly (exactly true or false) and botocore leniently.
func valGoExactBool(v string) *valueProblem {
	switch {
	case v == "true" || v == "false":
		return nil
	case strings.EqualFold(v, "true") || strings.EqualFold(v, "false"):
		return &valueProblem{sev: SeverityError, fixTo: strings.ToLower(v),
			why: "botocore accepts any case, but " + valGoRefuses + " (need true or false), which accepts only lower case"}
	}
	return &valueProblem{sev: SeverityError, fixTo: valBoolFor(v),
		why: valGoRefuses + " (need true or false) and botocore reads it as false"}
}

// valLenientBool is a boolean both tools read as true only for "true" (any case).
func valLenientBool(name string) func(string) *valueProblem {
	return func(v string) *valueProblem {
		if strings.EqualFold(v, "true") || strings.EqualFold(v, "false") {
			return nil
		}
		why := "botocore and aws-sdk-go-v2 read anything but true or false as false, silently"
		if name == "parameter_validation" {
			why = "botocore reads anything but true as false, so this turns parameter validation off"
		}
		return &valueProblem{sev: SeverityWarning, why: why, fixTo: valBoolFor(v)}
	}
}

// valBoolFor maps the usual spellings of yes and no to true or false ("" when it is not one of them).
func valBoolFor(v string) string {
	switch strings.ToLower(v) {
	case "yes", "y", "1", "on", "enabled", "enable":
		return "true"
	case "no", "n", "0", "off", "disabled", "disable":
		return "false"
	}
	return ""
}

func valMaxAttempts(v string) *valueProblem {
	py, pyOK := valPythonIntValue(v)
	gv, goErr := strconv.ParseInt(v, 0, 64)
	switch {
	case !pyOK && goErr != nil:
		return &valueProblem{sev: SeverityError, why: "not an integer: botocore fails (invalid literal for int()) and " + valGoRefuses + " (expect integer)"}
	case !pyOK:
		return &valueProblem{sev: SeverityError, fixTo: strconv.FormatInt(gv, 10),
			why: fmt.Sprintf("aws-sdk-go-v2 reads %d, but botocore fails (invalid literal for int() with base 10)", gv)}
	case goErr != nil:
		return &valueProblem{sev: SeverityError, fixTo: strconv.FormatInt(py, 10), why: valGoRefuses + " (expect integer)"}
	case py < 1:
		return &valueProblem{sev: SeverityError, why: "botocore fails (InvalidMaxRetryAttemptsError: must be an integer greater than or equal to 1)"}
	case py != gv:
		return &valueProblem{sev: SeverityWarning, fixTo: strconv.FormatInt(py, 10),
			why: fmt.Sprintf("botocore reads %d but aws-sdk-go-v2 reads %d (a leading 0 means octal to it)", py, gv)}
	}
	return nil
}

func valCompressionSize(v string) *valueProblem {
	py, pyOK := valPythonIntValue(v)
	gv, goErr := strconv.ParseInt(v, 0, 64)
	botoOK := pyOK && py >= 1 && py <= 1048576
	goOK := goErr == nil && gv >= 0 && gv <= 10485760
	switch {
	case botoOK && goOK:
		return nil
	case !botoOK && !goOK:
		return &valueProblem{sev: SeverityError, why: valBotoRefuses + " (InvalidConfigError: an integer from 1 to 1048576) and " + valGoRefuses + " (0 to 10485760)"}
	case !botoOK:
		return &valueProblem{sev: SeverityError, why: valBotoRefuses + " (InvalidConfigError: an integer from 1 to 1048576); aws-sdk-go-v2 accepts it"}
	}
	return &valueProblem{sev: SeverityError, why: valGoRefuses + " (an integer from 0 to 10485760); botocore accepts it"}
}

func valOutput(v string) *valueProblem {
	switch v {
	case "json", "text", "table":
		return nil
	case "yaml", "yaml-stream", "off":
		return &valueProblem{sev: SeverityWarning, why: "AWS CLI v2 knows it, but AWS CLI v1 fails after every command (Unknown output type: " + v + ")"}
	}
	return valEnumMiss(v, "the AWS CLI fails after every command (Unknown output type)", "json", "text", "table", "yaml", "yaml-stream", "off")
}

func valURL(why string) func(string) *valueProblem {
	return func(v string) *valueProblem {
		l := strings.ToLower(v)
		if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
			return nil
		}
		p := &valueProblem{sev: SeverityError, why: "not a URL with http:// or https://: " + why}
		if !strings.Contains(v, "://") && v != "" {
			p.fixTo = "https://" + v
			if strings.HasPrefix(l, "localhost") || strings.HasPrefix(l, "127.") {
				p.fixTo = "http://" + v
			}
		}
		return p
	}
}

func valPythonInt(why string) func(string) *valueProblem {
	return func(v string) *valueProblem {
		if _, ok := valPythonIntValue(v); ok {
			return nil
		}
		return &valueProblem{sev: SeverityError, why: "not an integer: " + why}
	}
}

// valPythonIntValue parses like Python's int(str): an optional sign, decimal digits with single underscores
// between them, leading zeros allowed.
func valPythonIntValue(v string) (int64, bool) {
	s := strings.TrimSpace(v)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "+"), "-")
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' || strings.Contains(s, "__") {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(v), "_", ""), 10, 64)
	return n, err == nil
}
