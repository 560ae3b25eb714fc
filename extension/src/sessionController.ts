// Holds the latest session status from the server, runs the one-second clock, and carries out what
// decisions.ts decides: the expiry warning and the terminal environment. The status bar and the
// details view listen to it.

import * as vscode from 'vscode';
import { decide, expiringMessage, sessionKey } from './decisions';
import { presentStatus, type StatusBarPresentation } from './presentation';
import { activeSession, NO_SESSIONS, toCommandFailure, type StatusResult } from './protocol';
import type { RolecallServer } from './serverApi';
import type { ExtensionSettings } from './settings';
import type { TerminalEnvironment } from './terminalEnv';
import { credentialVariables, effectiveMode, endpointVariables, environmentDescription } from './endpointEnv';
import { formatTimeLeft, msUntilExpiry } from './timeLeft';
import { escapeControl } from './display';
import { ssoSessionsNow } from './ssoFeature';

const TICK_MS = 1000;

export class SessionController implements vscode.Disposable {
  private status: StatusResult = NO_SESSIONS;
  private readonly warned = new Set<string>();
  private envKey: string | undefined;
  /** Bumped on every change of the terminal environment, so a late credentials reply is dropped. */
  private envGeneration = 0;
  /** Failed refreshes started here, by session key, until the session changes. */
  private readonly refreshFailures = new Map<string, string>();
  private serverProblem: string | undefined;
  private toldAboutVerboseTrace = false;
  private toldWhyStatic: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly statusChanged = new vscode.EventEmitter<void>();
  private readonly ticked = new vscode.EventEmitter<void>();
  /** Fires when the server's status changed (not on clock ticks). */
  readonly onDidChangeStatus = this.statusChanged.event;
  /** Fires on status changes and on every clock tick. */
  readonly onDidTick = this.ticked.event;

  constructor(
    private readonly server: RolecallServer,
    private readonly terminalEnv: TerminalEnvironment,
    private readonly settings: () => ExtensionSettings,
    private readonly log: vscode.OutputChannel,
  ) {}

  get current(): StatusResult {
    return this.status;
  }

  /** Takes a new status (a rolecall/status notification, or a command's answer). */
  update(status: StatusResult): void {
    this.status = status;
    this.evaluate();
    this.syncClock();
    this.statusChanged.fire();
    this.ticked.fire();
  }

  /** Asks the server for the status; used at start and after each command, in case a notification was lost. */
  async reload(): Promise<void> {
    try {
      this.update(await this.server.status());
    } catch (err) {
      this.log.appendLine(`[status] could not read the session status: ${toCommandFailure(err).message}`);
    }
  }

  /** The server stopped or started; while stopped there are no sessions. */
  setServerProblem(problem: string | undefined): void {
    this.serverProblem = problem;
    this.envKey = undefined; // a restarted server has a new credential endpoint: set the terminals' again
    if (problem !== undefined) {
      this.update(NO_SESSIONS);
    } else {
      this.ticked.fire();
    }
  }

  noteRefreshFailed(profile: string, message: string): void {
    const session = this.status.sessions.find((s) => s.profile === profile);
    if (session !== undefined) {
      this.refreshFailures.set(sessionKey(session), message);
      this.ticked.fire();
    }
  }

  /** The settings changed: re-decide the terminal environment and the warnings. */
  settingsChanged(): void {
    this.evaluate();
    this.ticked.fire();
  }

  presentation(now: Date): StatusBarPresentation {
    const active = activeSession(this.status);
    return presentStatus(this.status, now, {
      warningMinutes: this.settings().expiryWarningMinutes,
      refreshFailed: active ? this.refreshFailures.get(sessionKey(active)) : undefined,
      serverProblem: this.serverProblem,
      ssoSessions: ssoSessionsNow(),
    });
  }

  dispose(): void {
    this.stopClock();
    this.statusChanged.dispose();
    this.ticked.dispose();
  }

  private evaluate(): void {
    const s = this.settings();
    // Both the keys and the endpoint's token are secrets that a verbose trace would write to the log.
    const verbose = s.traceServer === 'verbose';
    if (s.terminalCredentials !== 'off' && verbose) {
      this.tellAboutVerboseTrace();
    }
    const now = new Date();
    const d = decide(this.status, now, { warned: this.warned, envKey: this.envKey }, {
      warningMinutes: s.expiryWarningMinutes,
      terminalCredentials: verbose ? 'off' : effectiveMode(s.terminalCredentials, process.env).mode,
    });
    for (const session of d.warn) {
      this.warned.add(sessionKey(session));
      const active = session.profile === this.status.active;
      const message = expiringMessage(session, formatTimeLeft(msUntilExpiry(session, now)), active);
      const buttons = active ? ['Refresh'] : ['Refresh', 'Forget'];
      void vscode.window.showWarningMessage(message, ...buttons).then((choice) => {
        if (choice === 'Refresh') {
          void vscode.commands.executeCommand('rolecall.refresh', session.profile);
        } else if (choice === 'Forget') {
          void vscode.commands.executeCommand('rolecall.forget', session.profile);
        }
      });
    }
    if (d.env.kind === 'clear') {
      this.clearTerminalEnv();
    } else if (d.env.kind === 'set') {
      void this.setTerminalEnv(d.env.profile, d.env.region, d.env.key, d.env.mode);
    }
  }

  private clearTerminalEnv(): void {
    this.envGeneration++;
    this.envKey = undefined;
    this.terminalEnv.clear();
    this.log.appendLine('[terminal] AWS credentials removed from the environment of new terminals');
  }

  private async setTerminalEnv(profile: string, region: string, key: string, mode: 'endpoint' | 'static'): Promise<void> {
    const generation = ++this.envGeneration;
    this.envKey = key;
    const why = effectiveMode(this.settings().terminalCredentials, process.env).why;
    if (why !== undefined && why !== this.toldWhyStatic) {
      this.toldWhyStatic = why;
      this.log.appendLine(`[terminal] ${why}`);
    }
    try {
      // Only the profile is logged: both replies carry secrets.
      if (mode === 'endpoint') {
        const endpoint = await this.server.endpoint();
        if (generation !== this.envGeneration) {
          return;
        }
        this.terminalEnv.set(endpointVariables(endpoint, profile, region, process.env), environmentDescription(mode, profile));
        this.log.appendLine(`[terminal] new terminals use Rolecall's credential endpoint (active role now ${escapeControl(profile)})`);
      } else {
        const creds = await this.server.credentials(profile);
        if (generation !== this.envGeneration) {
          return;
        }
        this.terminalEnv.set(credentialVariables(creds), environmentDescription(mode, profile, creds.expiration));
        this.log.appendLine(`[terminal] new terminals get the AWS credentials of ${escapeControl(profile)}`);
      }
    } catch (err) {
      if (generation === this.envGeneration) {
        this.terminalEnv.clear();
      }
      this.log.appendLine(`[terminal] could not set up credentials for ${escapeControl(profile)}: ${toCommandFailure(err).message}`);
    }
  }

  private tellAboutVerboseTrace(): void {
    if (this.toldAboutVerboseTrace || activeSession(this.status) === undefined) {
      return;
    }
    this.toldAboutVerboseTrace = true;
    const message =
      'Rolecall does not put AWS credentials into terminals while "rolecall.trace.server" is "verbose": ' +
      "the trace would write the secret key (or the credential endpoint's token) to the log. " +
      'Set it to "messages" or "off" to get them back.';
    this.log.appendLine(`[terminal] ${message}`);
    void vscode.window.showWarningMessage(message);
  }

  /** The clock runs while there is a session to count down, and never otherwise. */
  private syncClock(): void {
    if (this.status.sessions.length > 0 && this.timer === undefined) {
      this.timer = setInterval(() => this.tick(), TICK_MS);
    } else if (this.status.sessions.length === 0) {
      this.stopClock();
    }
  }

  private tick(): void {
    this.evaluate();
    this.ticked.fire();
  }

  private stopClock(): void {
    if (this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
