package rules

// ruleTable is every rule: its name, the codes it may report and how it runs. It is the one place that
// says which rules exist; the rules themselves live in rules_*.go, grouped by what they look at.
//
// The order is the order in which the rules run over each profile. It does not decide the order of the
// output: Check sorts by file, position and code, and a code belongs to one rule. Keep new rules at the
// end of their group.
//
// Every code must have a test case in testdata/rules/<code>.txtar and a section in docs/diagnostics.md
// (test.go checks both), and a rule may report only the codes of its own row (table_test.go).
var ruleTable = []rule{
	// What a role profile needs to be assumed (rules_assume*.go).
	{name: "role-source", runs: perProfile, profile: each(checkRoleWithoutSource), codes: codeList{
		{"role-without-source", SeverityError, "role_arn without source_profile or credential_source"},
	}},
	{name: "source-conflict", runs: perProfile, profile: each(checkSourceConflict), codes: codeList{
		{"source-conflict", SeverityError, "more than one source of credentials for a role"},
	}},
	{name: "credential-source", runs: perProfile, profile: each(checkCredentialSource), codes: codeList{
		{"credential-source-invalid", SeverityError, "credential_source is not Environment, Ec2InstanceMetadata or EcsContainer"},
	}},
	{name: "source-without-role", runs: perProfile, profile: each(checkSourceWithoutRole), codes: codeList{
		{"source-without-role", SeverityError, "source_profile, credential_source or web_identity_token_file without role_arn"},
	}},
	{name: "web-identity", runs: perProfile, profile: each(checkWebIdentityConflict), codes: codeList{
		{"web-identity-conflict", SeverityError, "web_identity_token_file together with another credential source"},
	}},
	{name: "role-and-keys", runs: perProfile, profile: func() profileRule { return &roleAndKeysRule{} }, codes: codeList{
		{"source-has-role-and-keys", SeverityWarning, "a source profile has both static keys and role_arn"},
	}},
	{name: "role-arn", runs: perProfileBeside, profile: each(checkRoleARN), codes: codeList{
		{"role-arn-invalid", SeverityError, "role_arn is not a valid IAM role ARN"},
	}},
	{name: "mfa-serial", runs: perProfile, profile: each(checkMFASerial), codes: codeList{
		{"mfa-serial-invalid", SeverityError, "mfa_serial is neither an IAM MFA device ARN nor a hardware serial"},
	}},
	{name: "mfa-token-provider", runs: perProfile, everyProfile: true, profile: func() profileRule { return &mfaTokenProviders{} }, codes: codeList{
		{"mfa-token-provider", SeverityHint, "aws-sdk-go-v2 needs an AssumeRole token provider for an mfa_serial profile (once per file)"},
	}},
	{name: "role-region", runs: perProfile, profile: each(checkRoleWithoutRegion), codes: codeList{
		{"role-without-region", SeverityHint, "a role profile without region fails in aws-sdk-go-v2 unless AWS_REGION is set"},
	}},
	{name: "sso-settings", runs: perProfile, profile: func() profileRule { return ssoIncompleteRule{} }, codes: codeList{
		{"sso-incomplete", SeverityError, "SSO settings are missing a required part or disagree with their sso-session"},
	}},
	{name: "duration", runs: perProfile, profile: each(checkDuration), codes: codeList{
		{"duration-invalid", SeverityError, "duration_seconds is not a plain number of seconds from 900 to 43200"},
	}},
	{name: "duration-chained", runs: perProfile, profile: each(checkDurationChained), codes: codeList{
		{"duration-chained", SeverityError, "duration_seconds over 3600 on a role assumed with another role's session"},
	}},
	{name: "session-name", runs: perProfile, profile: each(checkSessionName), codes: codeList{
		{"session-name-invalid", SeverityError, "role_session_name is not 2–64 characters of [\\w+=,.@-]"},
	}},
	{name: "external-id", runs: perProfile, profile: each(checkExternalID), codes: codeList{
		{"external-id-invalid", SeverityError, "external_id is not 2–1224 characters of [\\w+=,.@:/-]"},
	}},

	// Secrets and plugins (plaintext_keys.go, plugins.go).
	{name: "plaintext-keys", runs: perProfile, profile: each(checkPlaintextKeys), codes: codeList{
		{CodePlaintextKeys, SeverityHint, "long-term access keys in plaintext in the credentials file; `rolecall keys import` moves them to the OS keychain"},
	}},
	{name: "plugins", runs: perSection, whole: checkPlugins, codes: codeList{
		{"cli-plugin", SeverityWarning, "a [plugins] entry that the AWS CLI imports before every command, or one that makes every command fail"},
	}},

	// References between sections (rules_refs*.go).
	{name: "source-profile", runs: perProfile, profile: func() profileRule { return &sourceProfileRule{} }, codes: codeList{
		{"source-profile-missing", SeverityError, "source_profile names a profile that does not exist"},
	}},
	{name: "source-cycle", runs: perProfile, profile: func() profileRule { return &cycleRule{} }, codes: codeList{
		{"source-profile-cycle", SeverityError, "source_profile settings form a loop"},
	}},
	{name: "sso-session", runs: perProfile, profile: func() profileRule { return &ssoSessionRule{} }, codes: codeList{
		{"sso-session-missing", SeverityError, "sso_session names an [sso-session] section that does not exist"},
	}},
	{name: "chain-credentials", runs: perProfile, profile: func() profileRule { return &noCredentialsRule{} }, codes: codeList{
		{"source-has-no-credentials", SeverityError, "a source chain ends at a profile that yields no credentials"},
	}},

	// One pass over the lines of both files: syntax, encoding and section headers (rules_syntax*.go,
	// rules_headers*.go).
	{name: "lines", runs: perLine, whole: checkLines, codes: codeList{
		{"syntax-error", SeverityError, "A line that is neither a comment, a [section] header nor a key = value setting"},
		{"key-outside-section", SeverityError, "A setting before the first [section] header"},
		{"duplicate-key", SeverityError, "The same key twice in one section (keys are case-insensitive)"},
		{"bom", SeverityError, "The file starts with a UTF-8 byte order mark"},
		{"invalid-encoding", SeverityError, "Bytes that are not valid UTF-8"},
		{"file-too-large", SeverityError, "A file over 256 MiB or 1,048,576 lines, which Rolecall does not read"},
		{"lone-quote", SeverityError, `A value that is just " or ', which crashes aws-sdk-go-v2`},
		{"inline-comment", SeverityWarning, "A # or ; comment after a value: aws-sdk-go-v2 drops it, the AWS CLI keeps it"},
		{"quoted-value", SeverityWarning, "A value in quotes: aws-sdk-go-v2 strips them, the AWS CLI keeps them"},
		{"indented-line", SeverityWarning, "An indented line that the AWS CLI glues onto the line above, or reads differently"},
		{"nested-syntax", SeverityError, "A line of a nested block (s3 = ...) that the AWS CLI cannot read or reads differently"},
		{"uppercase-key", SeverityWarning, "A key with upper-case letters"},
		{"section-header", SeverityWarning, "A [section] header that the AWS CLI and aws-sdk-go-v2 read differently, or not at all"},
		{"profile-prefix-in-credentials", SeverityWarning, "[profile x] in the credentials file, where neither tool reads it as profile x"},
		{"missing-profile-prefix", SeverityWarning, "A bare [name] in the config file, which neither tool reads as a profile"},
		{"default-conflict", SeverityWarning, "Both [default] and [profile default] in the config file"},
		{"duplicate-section", SeverityError, "The same section twice in one file"},
	}},

	// Values and keys (rules_values*.go).
	{name: "values", runs: perProfileBeside, profile: func() profileRule { return valuesRule{} }, codes: codeList{
		{"partial-keys", SeverityError, "only one of aws_access_key_id / aws_secret_access_key, or a session token without both"},
		{"region-invalid", SeverityError, "a region name that is malformed or not a known region"},
		{"empty-value", SeverityError, "a setting with an empty value that breaks a tool"},
		{"value-invalid", SeverityError, "a typed setting (integer, enumeration, boolean, URL) with a value a tool rejects"},
		{"credentials-key-ignored", SeverityWarning, "a credentials-file setting that aws-sdk-go-v2 ignores because the profile is also in the config file"},
	}},
	{name: "keys", runs: perSetting, whole: checkKeys, codes: codeList{
		{"unknown-key", SeverityWarning, "a key no known tool reads, or one written where it is not read"},
		{"secret-in-config", SeverityWarning, "a secret key or session token in the config file"},
	}},
}
