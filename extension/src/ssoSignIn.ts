// What "AWS: Sign In to IAM Identity Center…" shows at each step, and which flow it asks for. Pure.

import { escapeControl } from './display';
import { formatExpiry } from './timeLeft';
import type { SsoProgress, SsoSession } from './ssoProtocol';

/**
 * The flow to ask the server for. The authorization code flow redirects the browser to the server's
 * loopback address, which only works when the browser runs on the server's machine: a local desktop
 * window. A remote window (SSH, containers, WSL, Codespaces) or VS Code in a browser uses the device
 * code flow, where the person confirms a code on any device.
 */
export function useDeviceCode(remoteName: string | undefined, isWeb: boolean): boolean {
  return remoteName !== undefined || isWeb;
}

/** The progress notification's text for a step. */
export function progressText(p: SsoProgress): string {
  switch (p.kind) {
    case 'open':
      return p.userCode !== null ? `confirm the code ${escapeControl(p.userCode)} on the sign-in page` : 'approve in your browser';
    case 'waiting':
      return p.userCode !== null ? `waiting for approval of ${escapeControl(p.userCode)}…` : 'waiting for approval in the browser…';
    case 'signed-in':
      return 'signed in';
    default:
      return escapeControl(p.message);
  }
}

/** The device flow's message with its code and the page, for the "Open Page"/"Copy Code" notification. */
export function deviceCodeMessage(session: string, p: SsoProgress): string {
  return (
    `To sign in to ${escapeControl(session)}, open ${escapeControl(p.verificationUri ?? p.url ?? 'the sign-in page')} ` +
    `and confirm the code ${escapeControl(p.userCode ?? '')}.`
  );
}

/** The palette's session choice: name, start URL and region, signed-in state. */
export function sessionPickItem(s: SsoSession, now: Date): { label: string; description: string; detail: string } {
  return {
    label: `$(organization) ${escapeControl(s.name).replace(/\$\(/g, '\\$(')}`,
    description: `${escapeControl(s.startUrl)} · ${s.region}`,
    detail: signInWords(s, now),
  };
}

/** "signed in until 18:00, renewed automatically", "signed out", ... */
export function signInWords(s: SsoSession, now: Date): string {
  if (!s.signedIn || s.expiration === null) {
    return 'signed out';
  }
  const until = new Date(s.expiration);
  if (s.refreshable) {
    return 'signed in; renewed automatically while the Identity Center session lasts';
  }
  return until.getTime() > now.getTime() ? `signed in until ${formatExpiry(until, now)}` : 'sign-in expired';
}
