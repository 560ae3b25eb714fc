package awsfiles

import (
	"fmt"
	"strconv"
)

// Quiet notes for programs built on aws-sdk-go-v2 (spec §4.3, §11 rows 35 and 46): the profile is fine
// for the AWS CLI, but a Go program needs something extra to use it. Hints, so they never shout.

func init() {
	registerProfile(each(checkMFATokenProvider), map[string]codeInfo{
		"mfa-token-provider": {SeverityHint, "aws-sdk-go-v2 needs an AssumeRole token provider for an mfa_serial profile"},
	})
	registerProfile(each(checkRoleWithoutRegion), map[string]codeInfo{
		"role-without-region": {SeverityHint, "a role profile without region fails in aws-sdk-go-v2 unless AWS_REGION is set"},
	})
}

func checkMFATokenProvider(c *checker, p *Profile) {
	s := p.get(hotMFASerial)
	if s == nil || s.Value == "" || !assumesRole(p) {
		return
	}
	// Every MFA role profile gets this hint (thousands in a large file): the message is concatenated,
	// not formatted.
	c.report(s.File(), s.Entry.Line.Key, SeverityHint, "mfa-token-provider", "Profile "+strconv.Quote(p.Name)+
		" needs an MFA code; an aws-sdk-go-v2 program must set a TokenProvider. The AWS CLI prompts for the code, but a Go program "+
		"can use the profile only if it sets stscreds.AssumeRoleOptions.TokenProvider (such as stscreds.StdinTokenProvider); otherwise loading fails with "+
		"\"assume role with MFA enabled, but AssumeRoleTokenProvider session option not set.\"")
}

func checkRoleWithoutRegion(c *checker, p *Profile) {
	role := p.get(hotRoleARN)
	if role == nil || role.Value == "" || p.has(hotRegion) { // an empty region is empty-value's
		return
	}
	msg := fmt.Sprintf("Profile %q has no region; add one, or aws-sdk-go-v2 cannot assume its role. The AWS CLI calls the global STS "+
		"endpoint, but aws-sdk-go-v2 fails to assume the role (\"Invalid Configuration: Missing Region\") unless AWS_REGION is set; "+
		"the region of [default] is not used for another profile.", p.Name)
	var opts []diagOption
	if d := c.m.Profile("default"); d != nil && d != p && d.value(hotRegion) != "" {
		opts = append(opts, fix("Add region = "+d.value(hotRegion), false, assumeInsertAfter(role.Entry, "region = "+d.value(hotRegion))))
	}
	c.report(role.File(), role.Entry.Line.Key, SeverityHint, "role-without-region", msg, opts...)
}
