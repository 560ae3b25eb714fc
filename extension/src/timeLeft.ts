// Time left of a session, always computed from its absolute expiry time and the current clock, so the
// status bar is right again the moment a laptop wakes up (a countdown would have stood still).

import type { SessionState, SessionStatus } from './protocol';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Below this the status bar shows seconds too. */
export const SECONDS_SHOWN_BELOW_MS = 5 * MINUTE;

/**
 * Formats the time between now and expiry for the status bar:
 * `1h 05m`, `42m`, `4m 09s` in the last five minutes, `42s` in the last minute, `expired` at or after 0.
 * Rounds down, so the display never promises a second that is not there.
 */
export function formatTimeLeft(msLeft: number): string {
  if (!Number.isFinite(msLeft) || msLeft < SECOND) {
    return 'expired';
  }
  const totalSeconds = Math.floor(msLeft / SECOND);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (msLeft >= HOUR) {
    return `${hours}h ${pad2(minutes)}m`;
  }
  if (msLeft >= SECONDS_SHOWN_BELOW_MS) {
    return `${minutes}m`;
  }
  if (minutes === 0) {
    return `${seconds}s`;
  }
  return `${minutes}m ${pad2(seconds)}s`;
}

/**
 * The time left to the second, for the details view, whose clock visibly runs: `1h 05m 09s`,
 * `59m 12s`, `42s`, `expired`. Rounds down like formatTimeLeft.
 */
export function formatTimeLeftPrecise(msLeft: number): string {
  if (!Number.isFinite(msLeft) || msLeft < SECOND) {
    return 'expired';
  }
  const totalSeconds = Math.floor(msLeft / SECOND);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) {
    return `${hours}h ${pad2(minutes)}m ${pad2(seconds)}s`;
  }
  return minutes > 0 ? `${minutes}m ${pad2(seconds)}s` : `${seconds}s`;
}

/** Milliseconds from now until the session expires (negative once expired, NaN for a bad time). */
export function msUntilExpiry(session: Pick<SessionStatus, 'expiration'>, now: Date): number {
  return Date.parse(session.expiration) - now.getTime();
}

/**
 * The state the user should see now. The server says when a session enters `expiring` or `expired`,
 * but a notification can be missed while the machine sleeps, so the local clock has the last word:
 * past expiry is expired, inside the warning window is expiring, whatever the server said last.
 * An `error` session stays `error` until it expires (its old credentials are still in use).
 */
export function effectiveState(session: SessionStatus, now: Date, warningMinutes: number): SessionState {
  const left = msUntilExpiry(session, now);
  if (!(left >= SECOND)) {
    return 'expired';
  }
  if (session.state === 'error') {
    return 'error';
  }
  if (session.state === 'expiring' || now.getTime() >= expiringFrom(session, warningMinutes)) {
    return 'expiring';
  }
  return 'active';
}

/**
 * When the expiring window starts: the earlier of the server's `expiringAt` and `warningMinutes`
 * before expiry. The server computes the first from the same setting, but a warning a moment early is
 * harmless while a missed one is not (e.g. just after the user widened the window).
 */
export function expiringFrom(session: SessionStatus, warningMinutes: number): number {
  const local = Date.parse(session.expiration) - warningMinutes * MINUTE;
  const fromServer = Date.parse(session.expiringAt);
  return Number.isFinite(fromServer) ? Math.min(fromServer, local) : local;
}

/** A local wall-clock time with seconds, e.g. "10:59:42" (the user's locale decides 12 or 24 hours). */
export function formatLocalTime(date: Date): string {
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** A local wall-clock time without seconds, e.g. "05:57" (the user's locale decides 12 or 24 hours). */
export function formatClock(date: Date): string {
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/**
 * When a session expires, in words that say which day: "17:57" today, "tomorrow 05:57", else the date
 * ("Sat, 28 Nov 05:57"). A 12-hour session assumed in the evening ends the next morning, and a bare
 * "05:57" would read as this morning.
 */
export function formatExpiry(expiry: Date, now: Date): string {
  const days = localDayNumber(expiry) - localDayNumber(now);
  if (days === 0) {
    return formatClock(expiry);
  }
  if (days === 1) {
    return `tomorrow ${formatClock(expiry)}`;
  }
  if (days === -1) {
    return `yesterday ${formatClock(expiry)}`;
  }
  const date = expiry.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
  return `${date} ${formatClock(expiry)}`;
}

/** Days since the epoch in the local time zone (so that midnight, not UTC, separates the days). */
function localDayNumber(d: Date): number {
  return Math.round(new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() / 86_400_000);
}

/** A local date and time, e.g. "Thu, 27 Nov 2026, 10:59:42", for the details view. */
export function formatLocalDateTime(date: Date): string {
  return date.toLocaleString(undefined, {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
