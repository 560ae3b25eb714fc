// Typed calls of the server's rolecall-ls.sso.* commands (docs/commands.md, "IAM Identity Center"),
// through RolecallServer so they share its "not running" and "unexpected answer" errors, and the
// rolecall/ssoProgress notifications, handed on as an event.

import * as vscode from 'vscode';
import type { CancellationToken } from 'vscode-languageclient/node';
import { asSessionStatus, type SessionStatus } from './protocol';
import type { RolecallServer } from './serverApi';
import {
  asSsoAccounts,
  asSsoProfilesPlan,
  asSsoProgress,
  asSsoSession,
  asSsoSessions,
  type SsoAccounts,
  type SsoProfilesPlan,
  type SsoProgress,
  type SsoSession,
  type SsoSessions,
  type SsoTarget,
} from './ssoProtocol';

const progress = new vscode.EventEmitter<SsoProgress>();

/** Each step of a sign-in the server runs. */
export const onSsoProgress = progress.event;

/** client.ts hands every rolecall/ssoProgress notification here. */
export function ssoProgressReceived(params: unknown): void {
  const p = asSsoProgress(params);
  if (p !== undefined) {
    progress.fire(p);
  }
}

export class SsoServer {
  constructor(private readonly server: RolecallServer) {}

  login(target: SsoTarget | Record<string, never>, useDeviceCode: boolean, id: string, token: CancellationToken): Promise<SsoSession> {
    return this.server.execute('rolecall-ls.sso.login', { ...target, useDeviceCode, id }, asSsoSession, token);
  }

  logout(target: SsoTarget): Promise<SsoSession> {
    return this.server.execute('rolecall-ls.sso.logout', target, asSsoSession);
  }

  sessions(): Promise<SsoSessions> {
    return this.server.execute('rolecall-ls.sso.sessions', {}, asSsoSessions);
  }

  accounts(target: SsoTarget, refresh: boolean): Promise<SsoAccounts> {
    return this.server.execute('rolecall-ls.sso.accounts', { ...target, refresh }, asSsoAccounts);
  }

  assume(target: SsoTarget, accountId: string, roleName: string): Promise<SessionStatus> {
    return this.server.execute('rolecall-ls.sso.assume', { ...target, accountId, roleName }, asSessionStatus);
  }

  profiles(target: SsoTarget, write: boolean, options: { template?: string; prefix?: string } = {}): Promise<SsoProfilesPlan> {
    return this.server.execute('rolecall-ls.sso.profiles', { ...target, ...options, write }, asSsoProfilesPlan);
  }
}
