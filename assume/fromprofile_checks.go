package assume

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
	"github.com/rolecall/rolecall/internal/safetext"
)

// chainSections lists what a chain reads: its profiles and, for an SSO source, the [sso-session] it names.
// ChainError is the error-severity diagnostic FromProfile refuses a profile for: the first one on its
// chain's profiles or on the [sso-session] it signs in with; nil when there is none. The editor's
// picker marks a role invalid by it, so that what it offers is what assume accepts.
func ChainError(m *awsfiles.Model, c *awsfiles.Chain, diags []rules.Diagnostic) *rules.Diagnostic {
	return firstErrorIn(diags, chainSections(m, c)...)
}

func chainSections(m *awsfiles.Model, c *awsfiles.Chain) []*awsfiles.Profile {
	out := append([]*awsfiles.Profile(nil), c.Steps...)
	if name := c.Last().Value("sso_session"); name != "" {
		if s := m.SSOSession(name); s != nil {
			out = append(out, s)
		}
	}
	return out
}

// regionChoice is the region a plan will use and where it was written, for an error that sends the user
// to the right place.
type regionChoice struct {
	name  string
	where string // "AWS_REGION", or "config:12" for a file line
}

// regionName is botocore's validate_region_name: the AWS CLI refuses anything else before any request,
// and aws-sdk-go-v2 fails on it when it builds the endpoint.
var regionName = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$`)

// check refuses a region that is not a region name, locally: sent on, it would fail inside the SDK with a
// message that looks like STS's.
func (r regionChoice) check(profile string) error {
	if r.name == "" || regionName.MatchString(r.name) && strings.Trim(r.name, "0123456789") != "" {
		return nil
	}
	fix := "write a region name such as eu-west-1"
	if !strings.Contains(r.where, ":") {
		fix = fmt.Sprintf("set %s to a region name such as eu-west-1, or unset it", r.where)
	}
	return &PlanError{Profile: profile, Msg: fmt.Sprintf("region %s (%s) is not a region name, so profile %q cannot be assumed: %s",
		safetext.Quote(r.name), r.where, profile, fix)}
}

// inlineCommentNote says how Rolecall read the chain's values that carry an inline comment: as
// aws-sdk-go-v2 does, without the comment; the AWS CLI keeps the comment in the value, so the two may
// disagree about this very profile.
func inlineCommentNote(diags []rules.Diagnostic, steps []*awsfiles.Profile) string {
	type fileLine struct {
		file *awsfiles.File
		line int
	}
	commented := map[fileLine]bool{}
	for _, d := range diags {
		if d.Code == "inline-comment" {
			commented[fileLine{d.File, d.Range.Start.Line}] = true
		}
	}
	var notes []string
	for _, p := range steps {
		for _, set := range p.Settings() {
			if commented[fileLine{set.File(), set.Entry.Line.Num()}] {
				notes = append(notes, fmt.Sprintf("%s of profile %s is read as aws-sdk-go-v2 reads it, %s, without the "+
					"inline comment (%s:%d); the AWS CLI keeps the comment in the value", set.Entry.Name(), safetext.Quote(p.Name),
					safetext.Quote(set.Value()), set.File().Path, set.Entry.Line.Num()+1))
			}
		}
	}
	return strings.Join(notes, "; ")
}
