package awsfiles

// ProfileKind is what kind of credentials a profile yields by itself.
type ProfileKind int

const (
	KindNone              ProfileKind = iota // nothing that yields credentials
	KindStaticKeys                           // aws_access_key_id + aws_secret_access_key
	KindAssumeRole                           // role_arn with source_profile or credential_source
	KindSSO                                  // sso_session or legacy sso_* keys
	KindCredentialProcess                    // credential_process
	KindWebIdentity                          // role_arn + web_identity_token_file
	KindCredentialSource                     // credential_source without role_arn
	KindLogin                                // login_session: the console sign-in of `aws login`
)

var kindNames = map[ProfileKind]string{
	KindNone: "none", KindStaticKeys: "static-keys", KindAssumeRole: "assume-role", KindSSO: "sso",
	KindCredentialProcess: "credential-process", KindWebIdentity: "web-identity",
	KindCredentialSource: "credential-source", KindLogin: "login",
}

// String is the kind's stable name, as `rolecall profiles --format json` prints it.
func (k ProfileKind) String() string { return kindNames[k] }

// Describe is the kind in words, for hovers and messages.
func (k ProfileKind) Describe() string {
	switch k {
	case KindStaticKeys:
		return "static keys"
	case KindAssumeRole:
		return "assume role"
	case KindSSO:
		return "IAM Identity Center (SSO)"
	case KindCredentialProcess:
		return "credential process"
	case KindWebIdentity:
		return "web identity"
	case KindCredentialSource:
		return "credential source"
	case KindLogin:
		return "AWS console sign-in (aws login)"
	}
	return "no credentials"
}

// Kind classifies a profile as botocore's provider chain would pick for it (spec §4.1): an assume-role
// profile is one with role_arn, whatever else it holds.
func (p *Profile) Kind() ProfileKind {
	switch {
	case p.IsSet(KeyRoleARN) && p.IsSet(KeyWebIdentityTokenFile):
		return KindWebIdentity
	case p.IsSet(KeyRoleARN):
		return KindAssumeRole
	}
	return p.OwnCredentials()
}

// OwnCredentials is the kind of credentials the profile holds without assuming its role: what botocore's
// profile provider chain finds for a source profile (web identity, SSO, static keys, login, process).
func (p *Profile) OwnCredentials() ProfileKind {
	switch {
	case p.HasStaticKeys():
		return KindStaticKeys
	case p.UsesSSO():
		return KindSSO
	case p.Value("login_session") != "": // after SSO and before credential_process, as aws-sdk-go-v2 and botocore order them
		return KindLogin
	case p.ValueOf(KeyCredentialProcess) != "":
		return KindCredentialProcess
	case p.IsSet(KeyCredentialSource):
		return KindCredentialSource
	}
	return KindNone
}

// HasStaticKeys reports whether the profile sets either key setting (botocore counts either one).
func (p *Profile) HasStaticKeys() bool {
	return p.ValueOf(KeyAccessKeyID) != "" || p.ValueOf(KeySecretAccessKey) != ""
}

// UsesSSO reports whether the profile engages IAM Identity Center: sso_session, or any legacy sso_* key.
func (p *Profile) UsesSSO() bool {
	for _, k := range [...]KeyID{KeySSOSession, KeySSOAccountID, KeySSORoleName, KeySSOStartURL, KeySSORegion} {
		if p.IsSet(k) {
			return true
		}
	}
	return false
}
