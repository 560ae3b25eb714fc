// New integrated terminals get the active session's credentials through the extension's environment
// variable collection, which VS Code keeps in memory only (persistent = false), so no secret reaches
// disk. Nothing here logs a value.

import type * as vscode from 'vscode';
import type { CredentialsResult } from './protocol';

export const TERMINAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_CREDENTIAL_EXPIRATION',
] as const;

/**
 * The variables for a session's credentials, as `rolecall assume --format env` prints them. The region
 * goes into AWS_REGION (the SDKs) and AWS_DEFAULT_REGION (AWS CLI v1), only when the profile has one.
 */
export function credentialVariables(creds: CredentialsResult): Map<string, string> {
  const vars = new Map<string, string>([
    ['AWS_ACCESS_KEY_ID', creds.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', creds.secretAccessKey],
    ['AWS_SESSION_TOKEN', creds.sessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', creds.expiration],
  ]);
  if (creds.region) {
    vars.set('AWS_REGION', creds.region);
    vars.set('AWS_DEFAULT_REGION', creds.region);
  }
  return vars;
}

export class TerminalEnvironment {
  constructor(private readonly collection: vscode.GlobalEnvironmentVariableCollection) {
    collection.persistent = false;
    collection.clear();
  }

  /** Replaces whatever was there with this session's credentials. */
  set(creds: CredentialsResult): void {
    const vars = credentialVariables(creds);
    for (const name of TERMINAL_VARIABLES) {
      const value = vars.get(name);
      if (value === undefined) {
        this.collection.delete(name);
      } else {
        this.collection.replace(name, value);
      }
    }
    this.collection.description = `AWS credentials of role ${creds.profile}, set by Rolecall (expire ${creds.expiration})`;
  }

  clear(): void {
    this.collection.clear();
    this.collection.description = undefined;
  }
}
