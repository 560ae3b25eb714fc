// What the extension does when the status changes or the clock ticks: whether to warn before expiry,
// and what the terminals' environment should hold. Pure: the controller feeds it the latest status,
// the time and what it did before, and carries out the answer.

import { activeSession, type SessionStatus, type StatusResult } from './protocol';
import { effectiveState } from './timeLeft';
import { labelText } from './display';
import type { TerminalCredentials } from './endpointEnv';

export interface DecisionSettings {
  warningMinutes: number;
  /** What terminals get (rolecall.terminalCredentials, 'off' while a verbose trace would log it). */
  terminalCredentials: TerminalCredentials;
}

/** What the extension has already done; the controller keeps it between calls. */
export interface Memory {
  /** Keys (profile + expiry) of the sessions already warned about. */
  warned: ReadonlySet<string>;
  /** Key of the session whose credentials the terminal environment holds, if any. */
  envKey: string | undefined;
}

export type EnvAction =
  | { kind: 'keep' }
  | { kind: 'clear' }
  | { kind: 'set'; profile: string; region: string; key: string; mode: 'endpoint' | 'static' };

export interface Decisions {
  /** Sessions that just entered their expiring window and cannot refresh themselves. */
  warn: SessionStatus[];
  env: EnvAction;
}

/** A session's identity for "once per session per expiry": a refresh moves the expiry, so it warns again. */
export function sessionKey(session: Pick<SessionStatus, 'profile' | 'expiration'>): string {
  return `${session.profile}@${session.expiration}`;
}

/** Decides what to do for a status at a moment. */
export function decide(status: StatusResult, now: Date, memory: Memory, settings: DecisionSettings): Decisions {
  return { warn: sessionsToWarn(status, now, memory, settings), env: envAction(status, now, memory, settings) };
}

/**
 * A session is worth a warning once it is in its expiring window and nothing will refresh it: the
 * server has no `refreshAt` (MFA needed or auto-refresh off). Expired sessions get no warning (too late
 * to be useful; the status bar turns red), and each session is warned about once per expiry time.
 */
function sessionsToWarn(status: StatusResult, now: Date, memory: Memory, settings: DecisionSettings): SessionStatus[] {
  return status.sessions.filter(
    (s) =>
      s.refreshAt === null &&
      effectiveState(s, now, settings.warningMinutes) === 'expiring' &&
      !memory.warned.has(sessionKey(s)),
  );
}

/**
 * The terminal environment follows the active session. With static keys it is set when the active
 * session, its expiry (after a refresh) or its region changed, and cleared when it expired: an `error`
 * session keeps its old keys, which work until they expire. With the endpoint it changes only with the
 * active profile and its region (the endpoint itself serves the renewed credentials, and explains an
 * expired session to whoever asks). It is cleared when there is no active session or the setting is off.
 */
function envAction(status: StatusResult, now: Date, memory: Memory, settings: DecisionSettings): EnvAction {
  const session = activeSession(status);
  const mode = settings.terminalCredentials;
  if (mode === 'off' || session === undefined ||
    (mode === 'static' && effectiveState(session, now, settings.warningMinutes) === 'expired')) {
    return memory.envKey === undefined ? { kind: 'keep' } : { kind: 'clear' };
  }
  const key =
    mode === 'endpoint'
      ? `endpoint:${session.profile}:${session.region}`
      : `static:${sessionKey(session)}:${session.region}`;
  if (key === memory.envKey) {
    return { kind: 'keep' };
  }
  return { kind: 'set', profile: session.profile, region: session.region, key, mode };
}

/**
 * The warning's text for a session that needs the user to refresh it. A background session (held, not
 * the active one) says so and names itself: the status bar shows only the active one, so a bare name
 * would point at a role shown nowhere.
 */
export function expiringMessage(session: SessionStatus, timeLeft: string, active: boolean): string {
  const why = !session.autoRefresh
    ? 'auto-refresh is off'
    : session.mfaEachRefresh
      ? 'each refresh asks for a new MFA code'
      : session.mfa
        ? 'it needs an MFA code to refresh'
        : 'it cannot refresh itself';
  const name = labelText(session.profile);
  if (!active) {
    return (
      `Background session ${name} (held, not the active role) expires in ${timeLeft} and ${why}. ` +
      'Refresh it to keep it, or Forget it if you no longer need it.'
    );
  }
  return `AWS role ${name} expires in ${timeLeft} and ${why}. Refresh now to keep working without a break.`;
}
