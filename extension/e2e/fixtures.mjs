// The test user's AWS files: two accounts with AWS's documented example keys, a plain role, an MFA
// role, an MFA role of two hours (every refresh asks for a code), a role chained through another, and
// a broken profile whose problems the Problems panel must list. Nothing here is a real key.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MFA_SERIAL = 'arn:aws:iam::111122223333:mfa/jo';

/** The 1-based line of [profile dev-admin] in CONFIG, where the details view's link must land. */
export const DEV_ADMIN_LINE = 5;

/** Words each of the broken profile's problems must mention in the Problems panel. */
export const EXPECTED_PROBLEMS = ['regoin', 'nowhere'];

export const CONFIG = `# Test config for the Rolecall end-to-end test.
[default]
region = us-east-1

[profile dev-admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = base
region = eu-west-1

[profile prod-mfa]
role_arn = arn:aws:iam::111122223333:role/ReadOnly
source_profile = base
mfa_serial = ${MFA_SERIAL}
region = us-west-2

[profile sandbox-dev]
role_arn = arn:aws:iam::444455556666:role/Developer
source_profile = sandbox
region = eu-central-1

[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile broken]
role_arn = arn:aws:iam::111122223333:role/Broken
source_profile = nowhere
mfa_serial = ${MFA_SERIAL}
regoin = eu-west-1

[profile prod-long]
role_arn = arn:aws:iam::111122223333:role/LongReadOnly
source_profile = base
mfa_serial = ${MFA_SERIAL}
duration_seconds = 7200

[profile ops]
role_arn = arn:aws:iam::111122223333:role/Ops
source_profile = dev-admin
`;

export const CREDENTIALS = `[base]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[sandbox]
aws_access_key_id = AKIAI44QH8DHBEXAMPLE
aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
`;

/** Writes HOME/.aws/{config,credentials} (0600 in a 0700 folder, as the AWS CLI makes them). */
export function writeAwsFiles(home) {
  const aws = join(home, '.aws');
  mkdirSync(aws, { recursive: true, mode: 0o700 });
  writeFileSync(join(aws, 'config'), CONFIG, { mode: 0o600 });
  writeFileSync(join(aws, 'credentials'), CREDENTIALS, { mode: 0o600 });
  return { config: join(aws, 'config'), credentials: join(aws, 'credentials') };
}

/** VS Code user settings that keep the test window quiet and predictable. */
export function writeUserSettings(userDataDir, extra = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'terminal.integrated.defaultProfile.linux': 'bash',
    'terminal.integrated.shellIntegration.enabled': false,
    'workbench.colorTheme': 'Default Dark Modern',
    // VS Code in a browser saves after a delay by default; desktop VS Code does not. Typed edits stay
    // unsaved, as on the desktop, so that a step can type into the config and revert it.
    'files.autoSave': 'off',
    ...extra,
  };
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}
