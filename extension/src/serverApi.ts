// Typed calls of the server's rolecall-ls.* commands (docs/commands.md), sent as
// workspace/executeCommand with one object argument. Every result is checked against its documented
// shape (protocol.ts) before anything uses it.

import type { CancellationToken, LanguageClient } from 'vscode-languageclient/node';
import {
  asCredentialsResult,
  asProfilesResult,
  asSessionStatus,
  asStatusResult,
  type CredentialsResult,
  type ProfilesResult,
  type SessionStatus,
  type StatusResult,
} from './protocol';
import { asConsoleResult, asEndpointResult, type ConsoleResult, type EndpointResult } from './editorWire';

/** Thrown when a command is called while the language server is not running. */
export class ServerNotRunningError extends Error {
  constructor(problem: string | undefined) {
    super(
      `Rolecall's language server is not running${problem ? ` (${problem})` : ''}. ` +
        'Open the Rolecall log (Output panel) to see why, fix it, then run "Developer: Reload Window".',
    );
  }
}

export class RolecallServer {
  private client: LanguageClient | undefined;
  private problem: string | undefined;

  /** Sets the running client, or undefined with the reason it is not running. */
  setClient(client: LanguageClient | undefined, problem?: string): void {
    this.client = client;
    this.problem = problem;
  }

  get running(): boolean {
    return this.client !== undefined && this.client.isRunning();
  }

  profiles(): Promise<ProfilesResult> {
    return this.execute('rolecall-ls.profiles', {}, asProfilesResult);
  }

  assume(profile: string, mfaCode?: string): Promise<SessionStatus> {
    return this.execute('rolecall-ls.assume', withCode({ profile }, mfaCode), asSessionStatus);
  }

  refresh(profile?: string, mfaCode?: string): Promise<SessionStatus> {
    return this.execute('rolecall-ls.refresh', withCode(profile ? { profile } : {}, mfaCode), asSessionStatus);
  }

  /** Forgets one session (the active one when no profile is named), or every session with `{all: true}`. */
  forget(target: { profile?: string } | { all: true } = {}): Promise<StatusResult> {
    return this.execute('rolecall-ls.forget', target, asStatusResult);
  }

  status(): Promise<StatusResult> {
    return this.execute('rolecall-ls.status', {}, asStatusResult);
  }

  /** The secrets of a session. The caller must not log the result. */
  credentials(profile: string): Promise<CredentialsResult> {
    return this.execute('rolecall-ls.credentials', { profile }, asCredentialsResult);
  }

  /** The credential endpoint for terminals: its token is a secret. The caller must not log the result. */
  endpoint(): Promise<EndpointResult> {
    return this.execute('rolecall-ls.endpoint', {}, asEndpointResult);
  }

  /** A console sign-in URL (a secret for 15 minutes). The caller must not log the result. */
  console(profile?: string, region?: string, destination?: string): Promise<ConsoleResult> {
    const arg: Record<string, string> = {};
    for (const [k, v] of Object.entries({ profile, region, destination })) {
      if (v) arg[k] = v;
    }
    return this.execute('rolecall-ls.console', arg, asConsoleResult);
  }

  /** Makes region the session's region ('' = the profile's own again). */
  region(profile: string, region: string): Promise<SessionStatus> {
    return this.execute('rolecall-ls.region', { profile, region }, asSessionStatus);
  }

  /** Runs a server command; a cancelled token sends $/cancelRequest (ssoApi.ts uses it for the sign-in). */
  async execute<T>(
    command: string,
    argument: object,
    decode: (value: unknown) => T | undefined,
    token?: CancellationToken,
  ): Promise<T> {
    const client = this.client;
    if (client === undefined || !client.isRunning()) {
      throw new ServerNotRunningError(this.problem);
    }
    const params = { command, arguments: [argument] };
    const result = token ? await client.sendRequest('workspace/executeCommand', params, token) : await client.sendRequest('workspace/executeCommand', params);
    return decodeResult(command, result, decode);
  }
}

/** Thrown when the server's answer does not have the documented shape: the server and the extension disagree. */
export class UnexpectedResultError extends Error {
  constructor(command: string) {
    super(
      `Rolecall's language server answered ${command} with something this extension cannot read. ` +
        'The server binary and the extension are probably of different versions: reinstall the extension, ' +
        'or clear the "rolecall.server.path" setting.',
    );
  }
}

/** Checks a command's result with decode; never puts the result into the error (it may hold secrets). */
export function decodeResult<T>(command: string, result: unknown, decode: (value: unknown) => T | undefined): T {
  const decoded = decode(result);
  if (decoded === undefined) {
    throw new UnexpectedResultError(command);
  }
  return decoded;
}

function withCode(arg: Record<string, string>, mfaCode: string | undefined): Record<string, string> {
  return mfaCode === undefined ? arg : { ...arg, mfaCode };
}
