// First run: no AWS config file yet. The first message says so and creates it in one step, with a
// short commented example to start from. Pure: the texts; commands.ts writes the file.
// Nothing here is a key, real or fake: keys belong in the credentials file, and `aws configure` puts
// them there.

/** The message when the picker finds no role because the config file does not exist. */
export function missingConfigMessage(configFile: string): string {
  return `${configFile} does not exist yet, so there is no role to assume. Create it with a commented example of a role profile?`;
}

export const CREATE_IT = 'Create It';

/** A new config file: comments only, so it changes nothing until the user writes a profile. */
export const CONFIG_TEMPLATE = `# AWS config file (created by Rolecall). The AWS CLI and SDKs read profiles from here.
# Keys do not go here: they go in the credentials file (\`aws configure --profile base\` writes them).
#
# A role profile assumes an IAM role with the credentials of another profile. Remove the "# " at the
# start of these lines and put in your own account ID, role name and MFA device:
#
# [profile dev-admin]
# role_arn = arn:aws:iam::111122223333:role/Admin
# source_profile = base
# region = eu-west-1
#
# If the role's trust policy requires MFA, add the ARN of your MFA device:
# mfa_serial = arn:aws:iam::111122223333:mfa/your-user-name
#
# Then run "Rolecall (AWS): Assume Role…" from the command palette,
# or click "Assume role" above the profile.
`;

/** A new credentials file: comments only, no key. */
export const CREDENTIALS_TEMPLATE = `# AWS credentials file (created by Rolecall). It holds long-term access keys: keep it private.
# \`aws configure --profile base\` adds a profile here; written by hand, it looks like this:
#
# [base]
# aws_access_key_id = <your access key ID>
# aws_secret_access_key = <your secret access key>
`;
