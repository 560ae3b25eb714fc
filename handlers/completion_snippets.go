package handlers

// snippet is a completion template in LSP snippet syntax (${1:placeholder}).
type snippet struct {
	Label  string // what the completion list shows
	Detail string // one line about it
	Body   string // the text to insert, with placeholders
}

// configSnippets are templates for new sections of the config file, offered at the start of a line
// outside any key = value. They follow the rules the diagnostics check: with their placeholders filled
// with the defaults each is a clean profile (completion_snippets_test.go).
func configSnippets() []snippet {
	return []snippet{
		{Label: "role profile (source_profile)", Detail: "assume a role with the credentials of another profile",
			Body: "[profile ${1:name}]\nrole_arn = arn:aws:iam::${2:123456789012}:role/${3:RoleName}\n" +
				"source_profile = ${4:base}\nregion = ${5:us-east-1}\n"},
		{Label: "role profile with MFA", Detail: "assume a role that requires an MFA code",
			Body: "[profile ${1:name}]\nrole_arn = arn:aws:iam::${2:123456789012}:role/${3:RoleName}\n" +
				"source_profile = ${4:base}\nmfa_serial = arn:aws:iam::${5:123456789012}:mfa/${6:user}\n" +
				"duration_seconds = ${7:3600}\nregion = ${8:us-east-1}\n"},
		{Label: "role profile (credential_source)", Detail: "assume a role with instance, container or environment credentials",
			Body: "[profile ${1:name}]\nrole_arn = arn:aws:iam::${2:123456789012}:role/${3:RoleName}\n" +
				"credential_source = ${4|Ec2InstanceMetadata,EcsContainer,Environment|}\nregion = ${5:us-east-1}\n"},
		{Label: "SSO profile and session", Detail: "IAM Identity Center sign-in with a shared [sso-session]",
			Body: "[profile ${1:name}]\nsso_session = ${2:company}\nsso_account_id = ${3:123456789012}\n" +
				"sso_role_name = ${4:ReadOnly}\nregion = ${5:us-east-1}\n\n[sso-session ${2:company}]\n" +
				"sso_start_url = https://${6:company}.awsapps.com/start\nsso_region = ${7:us-east-1}\n" +
				"sso_registration_scopes = sso:account:access\n"},
		{Label: "credential_process profile", Detail: "credentials printed as JSON by a command",
			Body: "[profile ${1:name}]\ncredential_process = ${2:/path/to/command --flag}\nregion = ${3:us-east-1}\n"},
	}
}
