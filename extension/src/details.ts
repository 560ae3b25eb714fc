// The page of "Show Active Role Details": like Commandeer's account page, what each session is and
// where it comes from, as HTML for a webview. Pure. Never holds a secret: the status it reads has none,
// and the access key ID is masked again here in case a server sent it whole. Every text goes through
// escapeHtml; the page runs only its own script (a nonce in a strict Content-Security-Policy), which
// sets the time left the extension sends each second and asks the extension to open a chain's line.

import type { AwsFiles } from './settings';
import { activeSession, type Place, type SessionStatus, type StatusResult } from './protocol';
import { maskAccessKeyId } from './secrets';
import { escapeHtml } from './display';
import { eachRefreshWords } from './messages';
import { effectiveState, formatExpiry, formatLocalDateTime, formatTimeLeftPrecise, msUntilExpiry } from './timeLeft';
import type { SsoSession } from './ssoProtocol';
import { ssoDetailRows } from './ssoStatus';

export interface DetailsInput {
  status: StatusResult;
  files: AwsFiles;
  /** The config file as a URI (the glue makes it with vscode.Uri.file), for its link. */
  configUri: string;
  now: Date;
  warningMinutes: number;
  /** Where each profile is written (rolecall-ls.profiles), for the chain's links; may be empty. */
  places: ReadonlyMap<string, readonly Place[]>;
  /** The IAM Identity Center sign-ins, for a session that starts from one; may be left out. */
  ssoSessions?: readonly SsoSession[];
}

/** A line the page links to; the page names it by its index, so it can open nothing else. */
export interface LinkTarget {
  uri: string;
  line: number;
}

export interface DetailsPage {
  html: string;
  links: LinkTarget[];
}

/** The sessions in page order: the active one first, then the others as the server listed them. */
export function pageSessions(status: StatusResult): SessionStatus[] {
  const active = activeSession(status);
  return active === undefined ? status.sessions : [active, ...status.sessions.filter((s) => s !== active)];
}

/** The live part of each session's state row, by element id: "active, 41m 09s left", "expired". */
export function liveTimes(status: StatusResult, now: Date, warningMinutes: number): Record<string, string> {
  const out: Record<string, string> = {};
  pageSessions(status).forEach((s, i) => {
    out[liveId(i)] = stateText(s, now, warningMinutes);
  });
  return out;
}

export function renderDetailsHtml(input: DetailsInput, nonce: string): DetailsPage {
  const links: LinkTarget[] = [];
  const link = (text: string, target: LinkTarget, title: string): string => {
    links.push(target);
    return `<a href="#" data-link="${links.length - 1}" title="${escapeHtml(title)}">${escapeHtml(text)}</a>`;
  };
  const body: string[] = ['<h1>AWS role details</h1>', '<h2>Files in use</h2>', '<table>'];
  body.push(row('Config', link(input.files.config, { uri: input.configUri, line: 0 }, 'Open the config file')));
  body.push(row('Credentials', escapeHtml(input.files.credentials)), '</table>');
  const sessions = pageSessions(input.status);
  const active = activeSession(input.status);
  if (active === undefined) {
    body.push('<h2>Active session</h2>', '<p>No role assumed. Run "Rolecall (AWS): Assume Role…" from the command palette.</p>');
  }
  sessions.forEach((s, i) => {
    const heading = s === active ? 'Active session' : 'Background session';
    body.push(`<h2>${heading}: ${escapeHtml(s.profile)}</h2>`, '<table>', ...sessionRows(s, i, input, link), '</table>');
    if (s !== active) {
      body.push('<p class="hint">Held, not the active role: it refreshes and warns until you Forget it.</p>');
    }
  });
  body.push(
    `<p class="foot">Shown at ${escapeHtml(formatLocalDateTime(input.now))}; the time left updates every second. ` +
      'This view never shows a secret key or session token.</p>',
  );
  return { html: page(body.join('\n'), nonce), links };
}

type Linker = (text: string, target: LinkTarget, title: string) => string;

function sessionRows(s: SessionStatus, index: number, input: DetailsInput, link: Linker): string[] {
  const expiry = new Date(s.expiration);
  const rows = [
    row('State', `<span id="${liveId(index)}">${escapeHtml(stateText(s, input.now, input.warningMinutes))}</span>`),
    row('Source chain', chainHtml(s, input.places, link)),
    row('Role ARN', code(s.roleArn)),
    row('Assumed identity', s.assumedRoleArn ? code(s.assumedRoleArn) : 'unknown'),
    row('Account', escapeHtml(s.accountId || 'unknown')),
    row('Region', escapeHtml(s.region || 'not set')),
    row('Expires (local)', escapeHtml(`${formatExpiry(expiry, input.now)} (${formatLocalDateTime(expiry)})`)),
    row('Expires (UTC)', escapeHtml(s.expiration)),
    row('Access key ID', s.accessKeyId ? code(maskAccessKeyId(s.accessKeyId)) : 'unknown'),
    row('Obtained from', escapeHtml(sourceWords(s.source))),
    row('MFA', escapeHtml(!s.mfa ? 'no' : s.mfaEachRefresh ? `yes. ${eachRefreshWords(s.profile)}` : 'yes')),
    row('Auto-refresh', escapeHtml(s.refreshAt ? `at ${formatExpiry(new Date(s.refreshAt), input.now)}` : 'no')),
  ];
  rows.push(...ssoDetailRows(s, input.ssoSessions ?? [], input.now).map(([name, value]) => row(name, escapeHtml(value))));
  if (s.note) {
    rows.push(row('Note', escapeHtml(s.note)));
  }
  if (s.error) {
    rows.push(row('Last error', `<span class="error">${escapeHtml(s.error)}</span>`));
  }
  return rows;
}

/** The chain with each hop a link to the line it is written on (config first), when the server said where. */
function chainHtml(s: SessionStatus, places: ReadonlyMap<string, readonly Place[]>, link: Linker): string {
  const hops = s.chain.length > 0 ? s.chain : [s.profile];
  return hops
    .map((hop) => {
      const where = places.get(hop) ?? [];
      if (where.length === 0) {
        return escapeHtml(hop);
      }
      const title = where.map((p) => `${fileName(p.uri)} line ${p.line + 1}`).join(', ');
      return `${link(hop, where[0]!, `Open ${title}`)} <span class="where">(${escapeHtml(title)})</span>`;
    })
    .join(' → ');
}

function stateText(s: SessionStatus, now: Date, warningMinutes: number): string {
  const state = effectiveState(s, now, warningMinutes);
  return state === 'expired' ? 'expired' : `${state}, ${formatTimeLeftPrecise(msUntilExpiry(s, now))} left`;
}

function liveId(index: number): string {
  return `live-${index}`;
}

function row(name: string, valueHtml: string): string {
  return `<tr><th>${escapeHtml(name)}</th><td>${valueHtml}</td></tr>`;
}

function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

function sourceWords(source: string): string {
  switch (source) {
    case 'sts':
      return 'AWS STS (assumed by Rolecall)';
    case 'cli-cache':
      return "the AWS CLI's cache (~/.aws/cli/cache)";
    case 'mfa-session':
      return 'AWS STS, with a cached MFA session';
    case 'shared':
      return 'another Rolecall window or command, which shares its sessions (OS keychain)';
    default:
      return source;
  }
}

/** "config" from "file:///home/jo/.aws/config". */
function fileName(uri: string): string {
  const last = uri.split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function page(body: string, nonce: string): string {
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>AWS Role Details</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 1.5em 1.5em; max-width: 60em; }
h1 { font-size: 1.5em; font-weight: 600; }
h2 { font-size: 1.15em; font-weight: 600; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border, transparent); padding-bottom: 0.2em; }
table { border-collapse: collapse; width: 100%; }
th { text-align: left; vertical-align: top; white-space: nowrap; padding: 0.2em 1.5em 0.2em 0; color: var(--vscode-descriptionForeground); font-weight: normal; }
td { padding: 0.2em 0; overflow-wrap: anywhere; }
code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 0 0.2em; }
a { color: var(--vscode-textLink-foreground); }
.where, .hint, .foot { color: var(--vscode-descriptionForeground); }
.error { color: var(--vscode-errorForeground); }
.foot { margin-top: 2em; }
</style>
</head>
<body>
${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
window.addEventListener('message', (event) => {
  const m = event.data;
  if (m && m.type === 'tick' && m.times) {
    for (const [id, text] of Object.entries(m.times)) {
      const el = document.getElementById(id);
      if (el && typeof text === 'string') el.textContent = text;
    }
  }
});
document.addEventListener('click', (event) => {
  const a = event.target instanceof Element ? event.target.closest('a[data-link]') : null;
  if (a) {
    event.preventDefault();
    vscode.postMessage({ type: 'open', link: Number(a.getAttribute('data-link')) });
  }
});
</script>
</body>
</html>`;
}
