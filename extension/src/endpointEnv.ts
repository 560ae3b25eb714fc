// What new terminals get, by the rolecall.terminalCredentials setting. Pure: the session controller
// fetches what is needed and hands the result to TerminalEnvironment.
//
// - endpoint (default): the language server's credential endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI +
//   AWS_CONTAINER_AUTHORIZATION_TOKEN). It serves whichever session is active at each request, so a
//   terminal opened once keeps working across refreshes and role switches; after "Forget" it gets the
//   endpoint's refusal. Every SDK and the AWS CLI read it, after environment keys and profiles.
// - static: the session's keys (AWS_ACCESS_KEY_ID, ...), which die with the session, as before.
// - off: nothing.
// Both give AWS_REGION, AWS_DEFAULT_REGION and ROLECALL_PROFILE (for shell prompts).

import type { CredentialsResult } from './protocol';
import type { EndpointResult } from './editorWire';

export type TerminalCredentials = 'endpoint' | 'static' | 'off';

/** Every variable Rolecall may put into terminals; whatever a mode does not set is removed. */
export const TERMINAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'ROLECALL_PROFILE',
] as const;

/** The static keys, which both SDKs use before a profile or the endpoint. */
const STATIC_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

/**
 * The variables for a session's static credentials, as `rolecall assume --format env` prints them. The
 * region goes into AWS_REGION (the SDKs) and AWS_DEFAULT_REGION (AWS CLI v1), only when there is one.
 */
export function credentialVariables(creds: CredentialsResult): Map<string, string> {
  const vars = new Map<string, string>([
    ['AWS_ACCESS_KEY_ID', creds.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', creds.secretAccessKey],
    ['AWS_SESSION_TOKEN', creds.sessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', creds.expiration],
    ['ROLECALL_PROFILE', creds.profile],
  ]);
  addRegion(vars, creds.region);
  return vars;
}

/**
 * The variables that point a terminal at the credential endpoint. Keys the editor itself was started
 * with would be inherited and win over the endpoint in every SDK, so they are set empty, which both
 * SDKs read as unset.
 */
export function endpointVariables(
  endpoint: EndpointResult,
  profile: string,
  region: string,
  inherited: Readonly<Record<string, string | undefined>>,
): Map<string, string> {
  const vars = new Map<string, string>([
    ['AWS_CONTAINER_CREDENTIALS_FULL_URI', endpoint.uri],
    ['AWS_CONTAINER_AUTHORIZATION_TOKEN', endpoint.token],
    ['ROLECALL_PROFILE', profile],
  ]);
  for (const name of STATIC_KEYS) {
    if (inherited[name]) {
      vars.set(name, '');
    }
  }
  addRegion(vars, region);
  return vars;
}

/**
 * The mode terminals really get. A profile named by AWS_PROFILE (or AWS_DEFAULT_PROFILE) in the
 * editor's own environment comes before the endpoint in every SDK's chain, and an empty AWS_PROFILE
 * is no way out (the AWS CLI fails with "The config profile () could not be found"), so such terminals
 * get the static keys instead, which come before any profile.
 */
export function effectiveMode(
  setting: TerminalCredentials,
  inherited: Readonly<Record<string, string | undefined>>,
): { mode: TerminalCredentials; why?: string } {
  if (setting !== 'endpoint') {
    return { mode: setting };
  }
  const profileVar = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'].find((name) => inherited[name]);
  if (profileVar !== undefined) {
    return {
      mode: 'static',
      why:
        `${profileVar} is set in the editor's environment, and the AWS SDKs and CLI would use that profile before ` +
        'the credential endpoint: new terminals get the static keys instead (unset it before starting the editor to use the endpoint)',
    };
  }
  return { mode: 'endpoint' };
}

/** The one-line description VS Code shows for the extension's terminal variables. */
export function environmentDescription(mode: TerminalCredentials, profile: string, expiration?: string): string {
  if (mode === 'endpoint') {
    return `AWS credentials of the active role (now ${profile}) from Rolecall's credential endpoint, renewed as they expire`;
  }
  return `AWS credentials of role ${profile}, set by Rolecall (expire ${expiration ?? 'with the session'})`;
}

function addRegion(vars: Map<string, string>, region: string): void {
  if (region) {
    vars.set('AWS_REGION', region);
    vars.set('AWS_DEFAULT_REGION', region);
  }
}
