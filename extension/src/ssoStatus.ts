// The Identity Center sign-in behind a role session, for the status bar tooltip and the details view,
// and when to warn that a sign-in is about to end. Pure.

import type { SessionStatus, StatusResult } from './protocol';
import { ssoOf, type SsoSession } from './ssoProtocol';
import { escapeControl } from './display';
import { formatExpiry } from './timeLeft';

/** Markdown lines for the status bar tooltip of an SSO-backed session; [] for any other. */
export function ssoTooltipLines(session: SessionStatus, sessions: readonly SsoSession[], now: Date): string[] {
  const sso = ssoOf(session);
  if (sso === undefined) {
    return [];
  }
  const lines = [`IAM Identity Center: **${md(sso.name)}** · ${md(sso.startUrl)} · ${md(sso.region)}`];
  const state = sessions.find((s) => s.name === sso.name);
  if (state !== undefined) {
    lines.push(`Sign-in: ${md(stateWords(state, now))}`);
  }
  return lines;
}

/** Rows for the details view of an SSO-backed session; [] for any other. */
export function ssoDetailRows(session: SessionStatus, sessions: readonly SsoSession[], now: Date): Array<[string, string]> {
  const sso = ssoOf(session);
  if (sso === undefined) {
    return [];
  }
  const rows: Array<[string, string]> = [
    ['SSO session', escapeControl(sso.name)],
    ['SSO start URL', escapeControl(sso.startUrl)],
    ['SSO region', escapeControl(sso.region)],
  ];
  const state = sessions.find((s) => s.name === sso.name);
  if (state !== undefined) {
    rows.push(['SSO sign-in', stateWords(state, now)]);
  }
  return rows;
}

function stateWords(s: SsoSession, now: Date): string {
  if (!s.signedIn || s.expiration === null) {
    return 'signed out: run "Rolecall (AWS): Sign In to IAM Identity Center…"';
  }
  const until = new Date(s.expiration);
  if (s.refreshable) {
    return `token until ${formatExpiry(until, now)}, renewed automatically while the Identity Center session lasts`;
  }
  return until.getTime() > now.getTime() ? `until ${formatExpiry(until, now)} (then sign in again)` : 'expired: sign in again';
}

/**
 * The sign-ins to warn about now: those a held role session comes from, signed in with a token that
 * cannot renew itself, ending within warningMinutes (or already ended), not warned of before (by
 * name and expiry, so a new sign-in may be warned of again).
 */
export function signInsToWarn(
  status: StatusResult,
  sessions: readonly SsoSession[],
  now: Date,
  warningMinutes: number,
  warned: ReadonlySet<string>,
): SsoSession[] {
  const inUse = new Set(status.sessions.map((s) => ssoOf(s)?.name).filter((n): n is string => n !== undefined));
  return sessions.filter(
    (s) =>
      inUse.has(s.name) &&
      !s.refreshable &&
      s.expiration !== null &&
      Date.parse(s.expiration) - now.getTime() <= warningMinutes * 60_000 &&
      !warned.has(warnKey(s)),
  );
}

export function warnKey(s: SsoSession): string {
  return `${s.name}|${s.expiration ?? ''}`;
}

/** The warning's sentence. */
export function signInEndingMessage(s: SsoSession, now: Date): string {
  const left = Date.parse(s.expiration ?? '') - now.getTime();
  const at = formatExpiry(new Date(s.expiration ?? ''), now); // "17:57", or "tomorrow 05:57"
  const when = left <= 0 ? 'has ended' : /^\d/.test(at) ? `ends at ${at}` : `ends ${at}`;
  return `Your IAM Identity Center sign-in to ${escapeControl(s.name)} ${when}: roles from it stop renewing. Sign in again to keep them.`;
}

/** The one-line summary of a generated-profiles plan. */
export function planSummary(p: { added: string[]; removed: string[]; kept: string[]; ssoSession: string; configFile: string }): string {
  return `${p.added.length} added, ${p.removed.length} removed, ${p.kept.length} unchanged: profiles of ${escapeControl(p.ssoSession)} in ${escapeControl(p.configFile)}`;
}

function md(text: string): string {
  return escapeControl(text).replace(/[\\`*_{}[\]()#+\-.!<>|~$]/g, (c) => `\\${c}`);
}
