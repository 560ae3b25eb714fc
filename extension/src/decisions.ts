// What the extension does when the status changes or the clock ticks: whether to warn before expiry,
// and what the terminals' environment should hold. Pure: the controller feeds it the latest status,
// the time and what it did before, and carries out the answer.

import { activeSession, type SessionStatus, type StatusResult } from './protocol';
import { effectiveState } from './timeLeft';
import { labelText } from './display';

export interface DecisionSettings {
  warningMinutes: number;
  terminalEnvironment: boolean;
}

/** What the extension has already done; the controller keeps it between calls. */
export interface Memory {
  /** Keys (profile + expiry) of the sessions already warned about. */
  warned: ReadonlySet<string>;
  /** Key of the session whose credentials the terminal environment holds, if any. */
  envKey: string | undefined;
}

export type EnvAction = { kind: 'keep' } | { kind: 'clear' } | { kind: 'set'; profile: string; key: string };

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
 * The terminal environment holds the active session's credentials while it is usable: set when the
 * active session (or its expiry, after a refresh) changed, cleared when there is none, it expired, or
 * the setting is off. An `error` session keeps its old credentials: they work until they expire.
 */
function envAction(status: StatusResult, now: Date, memory: Memory, settings: DecisionSettings): EnvAction {
  const session = activeSession(status);
  const usable =
    settings.terminalEnvironment &&
    session !== undefined &&
    effectiveState(session, now, settings.warningMinutes) !== 'expired';
  if (!usable || session === undefined) {
    return memory.envKey === undefined ? { kind: 'keep' } : { kind: 'clear' };
  }
  const key = sessionKey(session);
  if (key === memory.envKey) {
    return { kind: 'keep' };
  }
  return { kind: 'set', profile: session.profile, key };
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
