// The text of "AWS: Show Active Role Details": like Commandeer's account page, what the session is
// and where it comes from. Pure. Never holds a secret: the status it reads has none, and the access
// key ID is masked again here in case a server sent it whole.

import type { AwsFiles } from './settings';
import { activeSession, type SessionStatus, type StatusResult } from './protocol';
import { maskAccessKeyId } from './secrets';
import { escapeControl } from './display';
import { effectiveState, formatLocalDateTime, formatTimeLeft, msUntilExpiry } from './timeLeft';
import type { SsoSession } from './ssoProtocol';
import { ssoDetailRows } from './ssoStatus';

export function renderDetails(
  status: StatusResult,
  files: AwsFiles,
  now: Date,
  warningMinutes: number,
  ssoSessions: readonly SsoSession[] = [],
): string {
  const out: string[] = ['# AWS role details', ''];
  out.push('## Files in use', '', row('Config', files.config), row('Credentials', files.credentials), '');
  const active = activeSession(status);
  if (active === undefined) {
    out.push('## Active session', '', 'No role assumed. Run "AWS: Assume Role…" from the command palette.', '');
  } else {
    out.push(`## Active session: ${escapeControl(active.profile)}`, '', ...sessionLines(active, now, warningMinutes, ssoSessions), '');
  }
  const others = status.sessions.filter((s) => s !== active);
  for (const s of others) {
    out.push(`## Other session: ${escapeControl(s.profile)}`, '', ...sessionLines(s, now, warningMinutes, ssoSessions), '');
  }
  out.push(`Shown at ${formatLocalDateTime(now)}. This view never shows a secret key or session token.`, '');
  return out.join('\n');
}

function sessionLines(s: SessionStatus, now: Date, warningMinutes: number, ssoSessions: readonly SsoSession[]): string[] {
  const state = effectiveState(s, now, warningMinutes);
  const lines = [
    row('State', state === 'expired' ? 'expired' : `${state}, ${formatTimeLeft(msUntilExpiry(s, now))} left`),
    row('Source chain', escapeControl(s.chain.length > 0 ? s.chain.join(' → ') : s.profile)),
    row('Role ARN', escapeControl(s.roleArn)),
    row('Assumed identity', s.assumedRoleArn || 'unknown'),
    row('Account', s.accountId || 'unknown'),
    row('Region', s.region || 'not set'),
    row('Expires (local)', formatLocalDateTime(new Date(s.expiration))),
    row('Expires (UTC)', s.expiration),
    row('Access key ID', s.accessKeyId ? maskAccessKeyId(s.accessKeyId) : 'unknown'),
    row('Obtained from', sourceWords(s.source)),
    row('MFA', s.mfa ? 'yes' : 'no'),
    row('Auto-refresh', s.refreshAt ? `at ${formatLocalDateTime(new Date(s.refreshAt))}` : 'no'),
  ];
  lines.push(...ssoDetailRows(s, ssoSessions, now).map(([name, value]) => row(name, value)));
  if (s.note) {
    lines.push(row('Note', s.note));
  }
  if (s.error) {
    lines.push(row('Last error', s.error));
  }
  return lines;
}

function sourceWords(source: string): string {
  switch (source) {
    case 'sts':
      return 'AWS STS (assumed by Rolecall)';
    case 'cli-cache':
      return "the AWS CLI's cache (~/.aws/cli/cache)";
    case 'mfa-session':
      return 'AWS STS, with a cached MFA session';
    default:
      return source;
  }
}

const NAME_WIDTH = 'Assumed identity:'.length + 2;

/** `Name:` padded so the values line up in the plain-text view. */
function row(name: string, value: string): string {
  return `${`${name}:`.padEnd(NAME_WIDTH)}${value}`;
}
