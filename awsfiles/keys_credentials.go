package awsfiles

// Keys that say where a profile's credentials come from: static keys, assume role, web identity, SSO,
// credential_process, and the region. Sources: spec §4–§5, botocore's credential providers,
// aws-sdk-go-v2's shared_config.go, aws-vault's vault/config.go, awsume's profile.py.

// roleTools are the tools that read the assume-role settings.
const roleTools = ToolsAWS | ToolAWSVault | ToolGranted | ToolAwsume

var credentialKeys = []KeyInfo{
	{Name: "aws_access_key_id", Kind: ValueText, Where: inProfiles, Tools: ToolsAWS | ToolGranted | ToolAwsume,
		Values: "an access key ID: AKIA… (long-term) or ASIA… (temporary, with aws_session_token)",
		Doc: "The access key ID of an IAM user's access key, or of temporary credentials. It works only together " +
			"with aws_secret_access_key in the same section: with one of the two, aws-sdk-go-v2 refuses to load the " +
			"profile and the AWS CLI fails with PartialCredentialsError. Keep both in the credentials file."},
	{Name: "aws_secret_access_key", Kind: ValueText, Where: inProfiles, Tools: ToolsAWS | ToolGranted | ToolAwsume,
		Secret: true, Values: "the secret of the access key (40 characters)",
		Doc: "The secret access key that belongs to aws_access_key_id. A long-lived secret: keep it in the " +
			"credentials file, readable only by you (mode 0600), never in the config file."},
	{Name: "aws_session_token", Kind: ValueText, Where: inProfiles, Tools: ToolsAWS | ToolGranted | ToolAwsume,
		Secret: true, Values: "a session token from STS",
		Doc: "The session token of temporary credentials (access key IDs starting with ASIA). Used only with both " +
			"key settings of the same section; on its own it is ignored."},
	{Name: "aws_security_token", Kind: ValueText, Where: inProfiles,
		Tools: ToolBotocore | ToolSAML2AWS | ToolGimmeAWSCreds | ToolAWSADFS, Secret: true,
		Deprecated: "write aws_session_token", Values: "a session token from STS",
		Doc: "The old name of aws_session_token. botocore (the AWS CLI, boto3) still reads it, aws-sdk-go-v2 does " +
			"not; saml2aws, gimme-aws-creds and aws-adfs write both names with the same value."},
	{Name: "aws_account_id", Kind: ValueAccountID, Where: inProfiles, Tools: ToolsAWS, Values: "a 12-digit account ID",
		Doc: "The account the credentials belong to, used for account-based endpoints (DynamoDB). aws-sdk-go-v2 " +
			"reads it from the credentials file only for a profile that has no section in the config file."},

	{Name: "role_arn", Kind: ValueARN, Where: InConfigProfile, Tools: roleTools,
		Values: "arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME",
		Doc: "The IAM role to assume with STS AssumeRole. The call is made with the credentials of source_profile " +
			"or of credential_source (exactly one of them), or, with web_identity_token_file, through " +
			"AssumeRoleWithWebIdentity."},
	{Name: "source_profile", Kind: ValueProfileRef, Where: InConfigProfile, Tools: roleTools, Values: "a profile name",
		Doc: "The profile whose credentials call AssumeRole for role_arn. It may assume a role itself (role " +
			"chaining); every chained hop is limited to one hour. Cannot be combined with credential_source."},
	{Name: "credential_source", Kind: ValueEnum, Where: InConfigProfile, Tools: ToolsAWS | ToolAwsume,
		Enum:   []string{"Environment", "Ec2InstanceMetadata", "EcsContainer"},
		Values: "Environment | Ec2InstanceMetadata | EcsContainer (case-sensitive)",
		Doc: "Where the credentials for the AssumeRole call come from when there is no source_profile: the " +
			"AWS_ACCESS_KEY_ID/… environment variables, the EC2 instance role, or the ECS task role. Used only with " +
			"role_arn; cannot be combined with source_profile."},
	{Name: "external_id", Kind: ValueText, Where: InConfigProfile, Tools: roleTools,
		Values: "2–1224 characters: letters, digits and +=,.@:/-",
		Doc: "The external ID that the role's trust policy requires (sent as ExternalId), typically given to you " +
			"by the third party whose account holds the role."},
	{Name: "mfa_serial", Kind: ValueARN, Where: InConfigProfile, Tools: roleTools,
		Values: "arn:PARTITION:iam::ACCOUNT:mfa/NAME, or a hardware device serial number",
		Doc: "The MFA device whose one-time code the role's trust policy requires. The AWS CLI prompts for the " +
			"code (and caches the role credentials); a program built on aws-sdk-go-v2 must configure an " +
			"AssumeRoleTokenProvider or the profile fails to load."},
	{Name: "role_session_name", Kind: ValueText, Where: InConfigProfile, Tools: roleTools,
		Values: "2–64 characters: letters, digits and +=,.@-",
		Doc: "The name of the role session, shown in CloudTrail and in the assumed-role ARN. Without it the " +
			"tools generate one (botocore-session-…, aws-go-sdk-…)."},
	{Name: "duration_seconds", Kind: ValueInt, Where: InConfigProfile, Tools: roleTools,
		Values: "integer 900–43200, at most the role's maximum session duration (3600 for a chained role)",
		Doc: "How long the role credentials last. Without it the AWS CLI asks for none (STS gives 3600 seconds) " +
			"and aws-sdk-go-v2 asks for 900."},
	{Name: "web_identity_token_file", Kind: ValuePath, Where: InConfigProfile, Tools: roleTools, Values: "a file path",
		Doc: "A file holding an OpenID Connect token (for example a Kubernetes service account token) that is " +
			"exchanged, with role_arn, for role credentials through AssumeRoleWithWebIdentity."},
	{Name: "credential_process", Kind: ValueCommand, Where: InConfigProfile, Tools: roleTools,
		Values: "a command line that prints credentials as JSON",
		Doc: "A command that prints {\"Version\": 1, \"AccessKeyId\": …, \"SecretAccessKey\": …} on standard output " +
			"(Granted, aws-vault, Leapp and aws-sso-util write such entries). The AWS CLI runs it without a shell; " +
			"aws-sdk-go-v2 runs it with sh -c (cmd.exe /C on Windows), so quotes and $VARIABLES behave differently."},
	{Name: "login_session", Kind: ValueText, Where: InConfigProfile, Tools: ToolsAWS | ToolAWSCLIv2,
		Values: "written by `aws login`",
		Doc: "Written by `aws login` (AWS CLI 2.32 and later): the console sign-in session whose short-lived, " +
			"automatically refreshed credentials the profile uses."},

	{Name: "sso_session", Kind: ValueSessionRef, Where: InConfigProfile, Tools: ToolsAWS | ToolAWSVault | ToolGranted,
		Values: "the name of an [sso-session NAME] section",
		Doc: "The [sso-session] section that holds the IAM Identity Center start URL and region. The recommended " +
			"form of an SSO profile: its token refreshes, and several profiles share one sign-in."},
	{Name: "sso_account_id", Kind: ValueAccountID, Where: InConfigProfile,
		Tools: ToolsAWS | ToolAWSVault | ToolGranted | ToolAWSSSOUtil, Values: "a 12-digit account ID",
		Doc: "The AWS account that IAM Identity Center signs in to for this profile."},
	{Name: "sso_role_name", Kind: ValueText, Where: InConfigProfile,
		Tools: ToolsAWS | ToolAWSVault | ToolGranted | ToolAWSSSOUtil, Values: "a permission set name",
		Doc: "The permission set (role) to use in sso_account_id."},
	{Name: "sso_start_url", Kind: ValueURL, Where: InConfigProfile | InSSOSession,
		Tools: ToolsAWS | ToolAWSVault | ToolGranted | ToolAWSSSOUtil, Values: "https://…/start",
		Doc: "The IAM Identity Center (AWS SSO) start URL, such as https://my-company.awsapps.com/start. It " +
			"belongs in an [sso-session] section; written directly in a profile it is the legacy form, whose " +
			"token cannot refresh."},
	{Name: "sso_region", Kind: ValueRegion, Where: InConfigProfile | InSSOSession,
		Tools: ToolsAWS | ToolAWSVault | ToolGranted | ToolAWSSSOUtil, Values: "a region name",
		Doc: "The region of the IAM Identity Center instance, which may differ from the profile's region. In an " +
			"[sso-session] section, or in a profile of the legacy form."},
	{Name: "sso_registration_scopes", Kind: ValueList, Where: InSSOSession, Tools: ToolBotocore | ToolAWSCLIv2 | ToolAWSVault,
		Values: "comma-separated OAuth scopes, at least sso:account:access",
		Doc: "The scopes the AWS CLI asks for when it registers with IAM Identity Center. Only read in an " +
			"[sso-session] section."},

	{Name: "region", Kind: ValueRegion, Where: inProfiles, Tools: roleTools | ToolSAML2AWS | ToolGimmeAWSCreds,
		Values: "a region name such as us-east-1",
		Doc: "The default region of requests. It is also the region of the STS call that assumes the role: " +
			"without one the AWS CLI uses the global STS endpoint while aws-sdk-go-v2 fails with Missing Region."},
}
