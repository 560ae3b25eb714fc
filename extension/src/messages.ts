// The sentences the commands show after an action: assumed, refreshed, forgotten, failed. Pure, so
// that every rule about them (the day of an expiry, the MFA that asks again, the profile named first)
// is unit-tested. Names from the AWS files go through labelText: notifications render "$(icon)".

import { labelText } from './display';
import type { SessionStatus, StatusResult } from './protocol';
import { formatExpiry, formatTimeLeft, msUntilExpiry } from './timeLeft';

/**
 * Why a session asks for an MFA code on every refresh, for the places the user acts on it. The server
 * sets mfaEachRefresh when the code goes with AssumeRole itself: an MFA session could renew the role
 * only for an hour (role chaining caps it), so a longer duration_seconds, or MFA on a role assumed from
 * another role, takes a new code each time.
 */
export function eachRefreshWords(profile: string): string {
  return (
    `Each refresh of ${labelText(profile)} asks for a new MFA code: the code goes with AssumeRole itself ` +
    '(duration_seconds over 3600, or MFA on a chained role), and no MFA session can renew that.'
  );
}

/** The notification after an assume: who, until when (with the day when not today), and what refresh will ask. */
export function assumedMessage(session: SessionStatus, now: Date): string {
  const who = session.assumedRoleArn || session.roleArn;
  const left = formatTimeLeft(msUntilExpiry(session, now));
  const until = formatExpiry(new Date(session.expiration), now);
  const first = `Assumed ${labelText(session.profile)} as ${labelText(who)}, until ${until} (${left}).`;
  return session.mfaEachRefresh ? `${first} ${eachRefreshWords(session.profile)}` : first;
}

export type Action = 'assume' | 'refresh';

/**
 * A failed assume or refresh, the profile named first: "Could not assume staging: cannot reach STS at …".
 * The server's sentence follows; its first letter is lowered unless it starts an acronym ("STS refused…").
 */
export function failureMessage(action: Action, profile: string, serverMessage: string): string {
  return `Could not ${action} ${labelText(profile)}: ${lowerFirst(serverMessage.trim())}`;
}

/**
 * What went wrong, for a message that names the profile itself: the server's `problem` (the diagnostic's
 * first sentence and its line, without "profile X cannot be assumed") when it sends one, else its message.
 */
export function failureText(failure: { message: string; data: Record<string, unknown> }): string {
  const problem = failure.data['problem'];
  return typeof problem === 'string' && problem.trim() !== '' ? problem : failure.message;
}

/** "Cannot reach…" → "cannot reach…"; "STS answered…" and "MFA code needed…" stay as they are. */
export function lowerFirst(text: string): string {
  if (text.length < 2 || !/^[A-Z][a-z]/.test(text)) {
    return text;
  }
  return text[0]!.toLowerCase() + text.slice(1);
}

/** What Forget offers: one session, or every session held. */
export type ForgetTarget = { profile: string } | { all: true };

export interface ForgetChoice {
  label: string;
  description: string;
  detail?: string;
  target: ForgetTarget;
}

/**
 * The choices of "Forget Role Credentials…" when more than one session is held: the active one first,
 * then each background one, then all of them. Each says what it is and what forgetting it stops.
 */
export function forgetChoices(status: StatusResult, now: Date): ForgetChoice[] {
  const active = status.sessions.find((s) => s.profile === status.active);
  const background = status.sessions.filter((s) => s !== active);
  const choices: ForgetChoice[] = [];
  if (active !== undefined) {
    choices.push({
      label: `$(key) ${labelText(active.profile)}`,
      description: `active · ${timeWords(active, now)}`,
      detail: 'New terminals stop getting its credentials',
      target: { profile: active.profile },
    });
  }
  for (const s of background) {
    choices.push({
      label: `$(history) ${labelText(s.profile)}`,
      description: `background session · ${timeWords(s, now)}`,
      detail: s.refreshAt ? 'Stops refreshing itself in the background' : 'Stops its expiry warning',
      target: { profile: s.profile },
    });
  }
  choices.push({
    label: '$(clear-all) All sessions',
    description: `${status.sessions.length} held: ${status.sessions.map((s) => labelText(s.profile)).join(', ')}`,
    detail: 'None of them refreshes or warns any more',
    target: { all: true },
  });
  return choices;
}

/** The notification after Forget: what was dropped and what is still held. */
export function forgotMessage(target: ForgetTarget, before: StatusResult, after: StatusResult): string {
  const cache = "The AWS CLI's cache is left alone.";
  if ('all' in target) {
    return `Forgot every AWS role session: none refreshes or warns any more, and new terminals get no credentials. ${cache}`;
  }
  const still = after.sessions.map((s) => labelText(s.profile));
  const rest =
    still.length === 0
      ? 'No other session is held.'
      : `Still held in the background: ${still.join(', ')} (run Forget again to drop ${still.length === 1 ? 'it' : 'them'}).`;
  const stops = before.active === target.profile ? 'it no longer refreshes, and new terminals no longer get its credentials' : 'it no longer refreshes or warns';
  return `Forgot ${labelText(target.profile)}: ${stops}. ${rest} ${cache}`;
}

function timeWords(s: SessionStatus, now: Date): string {
  const left = formatTimeLeft(msUntilExpiry(s, now));
  return left === 'expired' ? 'expired' : `${left} left`;
}
