// Typed calls of the server's rolecall-ls.* commands (docs/commands.md), sent as
// workspace/executeCommand with one object argument.

import type { LanguageClient } from 'vscode-languageclient/node';
import type { CredentialsResult, ProfilesResult, SessionStatus, StatusResult } from './protocol';

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
    return this.execute('rolecall-ls.profiles', {});
  }

  assume(profile: string, mfaCode?: string): Promise<SessionStatus> {
    return this.execute('rolecall-ls.assume', withCode({ profile }, mfaCode));
  }

  refresh(profile?: string, mfaCode?: string): Promise<SessionStatus> {
    return this.execute('rolecall-ls.refresh', withCode(profile ? { profile } : {}, mfaCode));
  }

  forget(profile?: string): Promise<StatusResult> {
    return this.execute('rolecall-ls.forget', profile ? { profile } : {});
  }

  status(): Promise<StatusResult> {
    return this.execute('rolecall-ls.status', {});
  }

  /** The secrets of a session. The caller must not log the result. */
  credentials(profile: string): Promise<CredentialsResult> {
    return this.execute('rolecall-ls.credentials', { profile });
  }

  private async execute<T>(command: string, argument: object): Promise<T> {
    const client = this.client;
    if (client === undefined || !client.isRunning()) {
      throw new ServerNotRunningError(this.problem);
    }
    return (await client.sendRequest('workspace/executeCommand', { command, arguments: [argument] })) as T;
  }
}

function withCode(arg: Record<string, string>, mfaCode: string | undefined): Record<string, string> {
  return mfaCode === undefined ? arg : { ...arg, mfaCode };
}
