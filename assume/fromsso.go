package assume

import "github.com/rolecall/rolecall/sso"

// FromSSO is the plan for a role that IAM Identity Center gives the user, whether or not a profile
// names it (the account picker offers every discovered account and role): the portal's role
// credentials for accountID and role, held as a session named name (SSOSessionName when ""). region
// is the session's region ("" = us-east-1) and stsEndpoint the configured STS endpoint, if any.
func FromSSO(s sso.Session, accountID, role, name, region, stsEndpoint string) Plan {
	if name == "" {
		name = SSOSessionName(s, accountID, role)
	}
	return Plan{Profile: name, Region: region, Endpoint: stsEndpoint, Source: Source{Kind: SSO, Profile: name,
		SSO: SSOSettings{SessionName: s.Name, StartURL: s.StartURL, Region: s.Region, AccountID: accountID, RoleName: role,
			OIDCEndpoint: s.OIDCEndpoint, PortalEndpoint: s.PortalEndpoint}}}
}

// SSOSessionName names a session of an Identity Center role that has no profile: session/account/role,
// which no profile name in the files can be mistaken for since the profiles Rolecall generates never
// hold a /.
func SSOSessionName(s sso.Session, accountID, role string) string {
	return s.Label() + "/" + accountID + "/" + role
}
