// Status → what the status bar shows. Pure: the status bar module only copies these fields onto its
// StatusBarItem, so every rule about text, colour, tooltip and click lives here and is unit-tested.

import { activeSession, type SessionStatus, type StatusResult } from './protocol';
import { effectiveState, formatExpiry, formatTimeLeft, msUntilExpiry } from './timeLeft';
import { eachRefreshWords } from './messages';
import { maskAccessKeyId } from './secrets';
import { codeSpan, escapeControl, labelText } from './display';
import type { SsoSession } from './ssoProtocol';
import { ssoTooltipLines } from './ssoStatus';

export type Background = 'none' | 'warning' | 'error';

export interface StatusBarPresentation {
  text: string;
  /** Markdown for a MarkdownString tooltip. */
  tooltip: string;
  background: Background;
  /** The command a click runs. */
  command: 'rolecall.assumeRole' | 'rolecall.refresh';
  /** A plain sentence for screen readers. */
  ariaLabel: string;
}

export interface PresentationOptions {
  warningMinutes: number;
  /** Set when the last refresh the user started here failed (the server may not have said so yet). */
  refreshFailed?: string | undefined;
  /** Set while the language server is not running. */
  serverProblem?: string | undefined;
  /** The IAM Identity Center sign-ins, for an SSO-backed session's tooltip. */
  ssoSessions?: readonly SsoSession[];
}

export const NO_ROLE_TEXT = '$(key) AWS: no role';

/** What the status bar shows for a status at a moment. */
export function presentStatus(status: StatusResult, now: Date, options: PresentationOptions): StatusBarPresentation {
  const session = activeSession(status);
  if (session === undefined) {
    return presentNoRole(status, options);
  }
  const state = effectiveState(session, now, options.warningMinutes);
  const left = formatTimeLeft(msUntilExpiry(session, now));
  const failed = state === 'error' || options.refreshFailed !== undefined;
  let background: Background = 'none';
  if (state === 'expired' || failed) {
    background = 'error';
  } else if (state === 'expiring') {
    background = 'warning';
  }
  return {
    text: `$(key) ${labelText(session.profile)} · ${left}`,
    tooltip: sessionTooltip(status, session, now, state, options),
    background,
    command: 'rolecall.refresh',
    ariaLabel: ariaLabelFor(escapeControl(session.profile), left),
  };
}

function presentNoRole(status: StatusResult, options: PresentationOptions): StatusBarPresentation {
  const lines = ['**Rolecall** · no AWS role assumed', ''];
  if (options.serverProblem !== undefined) {
    lines.push(`$(error) ${escapeMarkdown(options.serverProblem)}`, '');
  }
  const held = heldWords(status);
  if (held !== undefined) {
    lines.push(held, '');
  }
  lines.push('Click to assume a role');
  return {
    text: NO_ROLE_TEXT,
    tooltip: lines.join('\n\n'),
    background: options.serverProblem !== undefined ? 'error' : 'none',
    command: 'rolecall.assumeRole',
    ariaLabel: 'AWS: no role assumed. Click to assume a role.',
  };
}

/**
 * How many sessions are held, named, when any is held besides the active one: background sessions keep
 * refreshing and warning, so the user must be able to see them (and Forget them).
 */
function heldWords(status: StatusResult): string | undefined {
  const background = status.sessions.filter((s) => s.profile !== status.active);
  if (background.length === 0) {
    return undefined;
  }
  const names = background.map((s) => escapeMarkdown(s.profile)).join(', ');
  const total = status.sessions.length;
  const plural = background.length === 1 ? 'session' : 'sessions';
  return `${total} session${total === 1 ? '' : 's'} held: ${background.length} background ${plural} (${names})`;
}

function sessionTooltip(status: StatusResult, session: SessionStatus, now: Date, state: string, options: PresentationOptions): string {
  const expiry = new Date(session.expiration);
  const left = formatTimeLeft(msUntilExpiry(session, now));
  const lines = [`**${escapeMarkdown(session.profile)}** · ${stateWords(state, left)}`];
  if (session.roleArn) {
    lines.push(`Role: ${codeSpan(session.roleArn)}`); // an IAM Identity Center role has none of its own
  }
  if (session.assumedRoleArn) {
    lines.push(`Assumed identity: ${codeSpan(session.assumedRoleArn)}`);
  }
  if (session.accountId) {
    lines.push(`Account: ${session.accountId}${session.region ? ` · ${session.region}` : ''}`);
  }
  lines.push(`Expires: ${formatExpiry(expiry, now)} (local time)`);
  lines.push(...ssoTooltipLines(session, options.ssoSessions ?? [], now));
  if (session.chain.length > 0) {
    lines.push(`Source chain: ${session.chain.map(escapeMarkdown).join(' → ')}`);
  }
  if (session.accessKeyId) {
    lines.push(`Access key: \`${maskAccessKeyId(session.accessKeyId)}\``);
  }
  lines.push(refreshWords(session, now));
  const held = heldWords(status);
  if (held !== undefined) {
    lines.push(held);
  }
  const problem = session.error || options.refreshFailed;
  if (problem) {
    lines.push(`$(error) Last refresh failed: ${escapeMarkdown(problem)}`);
  }
  lines.push('Click to refresh');
  return lines.join('\n\n');
}

function stateWords(state: string, left: string): string {
  switch (state) {
    case 'expired':
      return 'expired';
    case 'expiring':
      return `expiring, ${left} left`;
    case 'error':
      return `refresh failed, ${left} left`;
    default:
      return `${left} left`;
  }
}

function refreshWords(session: SessionStatus, now: Date): string {
  if (session.refreshAt) {
    return `Auto-refresh at ${formatExpiry(new Date(session.refreshAt), now)}`;
  }
  if (!session.autoRefresh) {
    return 'No auto-refresh (rolecall.autoRefresh is off)';
  }
  if (session.mfaEachRefresh) {
    return `$(lock) No auto-refresh. ${escapeMarkdown(eachRefreshWords(session.profile))}`;
  }
  if (session.mfa) {
    return 'No auto-refresh: it needs an MFA code';
  }
  return 'No auto-refresh';
}

function ariaLabelFor(profile: string, left: string): string {
  if (left === 'expired') {
    return `AWS role ${profile}, expired. Click to refresh.`;
  }
  return `AWS role ${profile}, ${left} left. Click to refresh.`;
}

/** Escapes the characters that would turn a profile name or message into Markdown markup. */
export function escapeMarkdown(text: string): string {
  return escapeControl(text).replace(/[\\`*_{}[\]()#+\-.!<>|~$]/g, (c) => `\\${c}`);
}
