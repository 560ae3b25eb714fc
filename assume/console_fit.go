package assume

import "fmt"

// What a plan's credentials can do with the AWS console's federation endpoint, for `rolecall console`
// and the editor's "Open Console": the endpoint takes role sessions, not an IAM user's keys or the MFA
// session (GetSessionToken) made from them.

// ConsoleProblem explains why the plan's session cannot open the console, "" when it can.
func (p Plan) ConsoleProblem() string {
	if len(p.Roles) > 0 || p.Source.Kind != StaticKeys {
		return ""
	}
	return fmt.Sprintf("profile %q holds an IAM user's access keys and assumes no role, and the console sign-in takes only "+
		"role sessions: use a profile with role_arn, or sign in with the user's password (Rolecall does not call "+
		"GetFederationToken, which could make a console session from user keys)", p.Profile)
}

// RoleFromUserKeys reports whether the plan is one role assumed straight from an IAM user's own keys:
// the only session the federation endpoint lets ask for a console session length (up to 12 hours). A
// role-chained session (or one whose source may be a role) is refused if it asks, and gets what is left
// of it.
func (p Plan) RoleFromUserKeys() bool {
	return len(p.Roles) == 1 && p.Source.longTermKeys()
}
