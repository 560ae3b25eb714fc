package rules

import (
	"fmt"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// IAM Identity Center (SSO) settings (spec §4.1, §5 SSO row): botocore engages SSO on sso_account_id or
// sso_role_name, aws-sdk-go-v2 on sso_session or any legacy sso_* key, and each insists on the rest.

// legacySSOKeys are the four settings a profile without sso_session needs, in botocore's order.
var legacySSOKeys = []string{"sso_start_url", "sso_region", "sso_account_id", "sso_role_name"}

var legacySSOHot = [...]awsfiles.KeyID{awsfiles.KeySSOStartURL, awsfiles.KeySSORegion, awsfiles.KeySSOAccountID, awsfiles.KeySSORoleName}

// ssoIncompleteRule checks each profile's SSO settings, then each [sso-session] section.
type ssoIncompleteRule struct{}

func (ssoIncompleteRule) check(c *checker, p *awsfiles.Profile) {
	if s := p.Setting(awsfiles.KeySSOSession); s != nil && s.Value() != "" {
		if sess := c.m.SSOSession(s.Value()); sess != nil { // a missing one is sso-session-missing
			c.checkSSOSessionUse(p, sess)
		}
		return
	}
	c.checkLegacySSO(p)
}

func (ssoIncompleteRule) done(c *checker) {
	for _, sess := range c.m.SSOSessions {
		c.checkSSOSessionSection(sess)
	}
}

// checkSSOSessionUse checks a profile that names an existing sso-session: it needs both the account and
// the role, and what it repeats from the session must agree with it.
func (c *checker) checkSSOSessionUse(p, sess *awsfiles.Profile) {
	acct, role := p.Setting(awsfiles.KeySSOAccountID), p.Setting(awsfiles.KeySSORoleName)
	if (acct == nil) != (role == nil) {
		have, lack := acct, "sso_role_name"
		if acct == nil {
			have, lack = role, "sso_account_id"
		}
		c.report(have.File(), have.Entry.Line.Key(), SeverityError, "sso-incomplete", fmt.Sprintf(
			"Profile %q has %s but no %s; add %s. The AWS CLI fails (\"is configured to use SSO but is missing required configuration: %s\") "+
				"and aws-sdk-go-v2 cannot fetch role credentials.", p.Name, have.Name(), lack, lack, lack))
	}
	for _, key := range []string{"sso_region", "sso_start_url"} {
		mine, theirs := p.Get(key), sess.Get(key)
		if mine == nil || mine.Value() == "" || theirs == nil || theirs.Value() == "" || mine.Value() == theirs.Value() {
			continue
		}
		c.report(mine.File(), refValueSpan(mine.Entry), SeverityError, "sso-incomplete", fmt.Sprintf(
			"%s %q disagrees with [sso-session %s]; remove it from the profile. The session's value, %q, applies to profile %q: "+
				"the AWS CLI fails (\"The value for %s is inconsistent between profile and sso-session\") "+
				"and so does aws-sdk-go-v2 (\"%s in profile %q must match %s in sso-session\").",
			key, mine.Value(), sess.Name, theirs.Value(), p.Name, key, key, p.Name, key),
			related(theirs.File(), refValueSpan(theirs.Entry), fmt.Sprintf("[sso-session %s] sets %s here", sess.Name, key)),
			fix("Remove "+key+" from the profile", true, assumeRemoveLine(mine.Entry)...))
	}
}

// checkLegacySSO checks a profile that uses sso_* keys without sso_session: it needs all four.
func (c *checker) checkLegacySSO(p *awsfiles.Profile) {
	engaged := false // aws-sdk-go-v2 engages SSO on any non-empty legacy key
	for _, h := range legacySSOHot {
		engaged = engaged || p.ValueOf(h) != ""
	}
	if !engaged {
		return
	}
	var missing []string // absent keys; a key set to nothing is empty-value's
	for i, key := range legacySSOKeys {
		if !p.IsSet(legacySSOHot[i]) {
			missing = append(missing, key)
		}
	}
	if len(missing) == 0 {
		return
	}
	var first *awsfiles.Setting // the first SSO key as written, to carry the diagnostic
	for _, s := range p.Settings() {
		if s.Value() != "" && assumeContains(legacySSOKeys, s.Name()) {
			first = s
			break
		}
	}
	list := strings.Join(missing, ", ")
	head := fmt.Sprintf("SSO lacks %s; add them or remove the rest.", list)
	cli := "the AWS CLI ignores them (it uses SSO only with sso_account_id or sso_role_name)"
	if p.IsSet(awsfiles.KeySSOAccountID) || p.IsSet(awsfiles.KeySSORoleName) {
		head = fmt.Sprintf("SSO lacks %s; add them, or set sso_session.", list)
		cli = fmt.Sprintf("so does the AWS CLI (\"The profile %q is configured to use SSO but is missing required configuration: %s\")", p.Name, list)
	}
	c.report(first.File(), first.Entry.Line.Key(), SeverityError, "sso-incomplete", fmt.Sprintf(
		"%s In profile %q aws-sdk-go-v2 refuses the profile (\"is configured to use SSO but is missing required configuration\") and %s. "+
			"sso_start_url and sso_region may also go in an [sso-session] section that the profile names with sso_session.", head, p.Name, cli))
}

// checkSSOSessionSection checks an [sso-session] section: aws-sdk-go-v2 reads sso_start_url and sso_region
// only from it.
func (c *checker) checkSSOSessionSection(sess *awsfiles.Profile) {
	var missing []string
	for _, key := range []string{"sso_start_url", "sso_region"} {
		if !sess.Has(key) { // set to nothing: empty-value's
			missing = append(missing, key)
		}
	}
	if len(missing) == 0 {
		return
	}
	def := sess.Definition()
	list := strings.Join(missing, " and ")
	c.report(def.File, def.NameSpan(), SeverityError, "sso-incomplete", fmt.Sprintf(
		"[sso-session %s] has no %s; add %s to the section. Every profile that uses it fails in aws-sdk-go-v2 "+
			"(\"is configured to use SSO but is missing required configuration\"), "+
			"and in the AWS CLI unless the profile sets it itself; `aws sso login --sso-session %s` fails too.",
		sess.Name, list, pronoun(len(missing)), sess.Name))
}

// pronoun is "it" for one thing and "them" for more.
func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
