// What the editor knows of IAM Identity Center between commands: the configured sign-ins (from
// rolecall-ls.sso.sessions, which reads files only) and each signed-in session's accounts, fetched in
// the background so that "AWS: Assume Role…" opens from them at once. It also warns before a sign-in
// that a held role depends on ends, with "Sign In".

import * as vscode from 'vscode';
import { toCommandFailure } from './protocol';
import type { SessionController } from './sessionController';
import { SsoServer } from './ssoApi';
import type { DirectoryState } from './ssoPicker';
import { targetOf, type SsoSession } from './ssoProtocol';
import { signInEndingMessage, signInsToWarn, warnKey } from './ssoStatus';

/** How often the sign-ins are read again while nothing else asks (expiry times move with refreshes). */
const RELOAD_MS = 60_000;

let latest: readonly SsoSession[] = [];

/** The sign-ins as last read, for the status bar tooltip and the details view. */
export function ssoSessionsNow(): readonly SsoSession[] {
  return latest;
}

export class IdentityCenter implements vscode.Disposable {
  readonly sso: SsoServer;
  private sessionsRead: Promise<void> | undefined;
  private readonly directories = new Map<string, DirectoryState>();
  private readonly warned = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the sign-ins or a directory changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];
  private readonly timer: NodeJS.Timeout;

  constructor(
    server: ConstructorParameters<typeof SsoServer>[0],
    private readonly controller: SessionController,
    private readonly warningMinutes: () => number,
    private readonly log: vscode.OutputChannel,
  ) {
    this.sso = new SsoServer(server);
    this.disposables = [this.changed, controller.onDidChangeStatus(() => void this.reload())];
    this.timer = setInterval(() => void this.reload(), RELOAD_MS);
  }

  get sessions(): readonly SsoSession[] {
    return latest;
  }

  directory(name: string): DirectoryState | undefined {
    return this.directories.get(name);
  }

  get directoryStates(): ReadonlyMap<string, DirectoryState> {
    return this.directories;
  }

  /** The sign-ins, read once if they never were (a quick file read on the server). */
  async ready(): Promise<readonly SsoSession[]> {
    this.sessionsRead ??= this.reload();
    await this.sessionsRead;
    return latest;
  }

  /** Reads the sign-ins again, starts fetching the accounts of signed-in ones, and warns when due. */
  async reload(): Promise<void> {
    try {
      latest = (await this.sso.sessions()).sessions;
    } catch (err) {
      this.log.appendLine(`[sso] could not read the IAM Identity Center sessions: ${toCommandFailure(err).message}`);
      return;
    }
    for (const s of latest) {
      if (!s.signedIn) {
        this.directories.delete(s.name);
      } else if (!this.directories.has(s.name)) {
        void this.loadAccounts(s, false);
      }
    }
    this.warn();
    this.changed.fire();
  }

  /** Fetches a session's accounts (the server's cache answers at once when it has them). */
  async loadAccounts(s: SsoSession, refresh: boolean): Promise<void> {
    this.directories.set(s.name, { kind: 'loading' });
    this.changed.fire();
    try {
      const accounts = await this.sso.accounts(targetOf(s), refresh);
      this.directories.set(s.name, { kind: 'loaded', accounts });
    } catch (err) {
      const failure = toCommandFailure(err);
      this.log.appendLine(`[sso] accounts of ${s.name}: ${failure.message}`);
      this.directories.set(s.name, { kind: 'failed', message: failure.message });
    }
    this.changed.fire();
  }

  /** A sign-in or sign-out happened: what was known of that session is stale. */
  forget(name: string): void {
    this.directories.delete(name);
  }

  private warn(): void {
    const now = new Date();
    for (const s of signInsToWarn(this.controller.current, latest, now, this.warningMinutes(), this.warned)) {
      this.warned.add(warnKey(s));
      void vscode.window.showWarningMessage(signInEndingMessage(s, now), 'Sign In').then((choice) => {
        if (choice === 'Sign In') {
          void vscode.commands.executeCommand('rolecall.ssoSignIn', { name: s.name });
        }
      });
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
