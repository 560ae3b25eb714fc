import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { liveTimes, pageSessions, renderDetailsHtml, type DetailsInput } from '../src/details';
import { NO_SESSIONS, type StatusResult } from '../src/protocol';
import { minutesFromNow, NOW, session } from './fixtures';

const files = { config: '/home/jo/.aws/config', credentials: '/home/jo/.aws/credentials' };
const CONFIG = 'file:///home/jo/.aws/config';
const CREDENTIALS = 'file:///home/jo/.aws/credentials';

function input(status: StatusResult, places: DetailsInput['places'] = new Map()): DetailsInput {
  return { status, files, configUri: CONFIG, now: NOW, warningMinutes: 10, places };
}

/** The page's text without tags, for reading like a person. */
function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('renderDetailsHtml', () => {
  it('shows the files in use and how to assume when there is no session', () => {
    const t = text(renderDetailsHtml(input(NO_SESSIONS), 'n').html);
    assert.match(t, /Config \/home\/jo\/\.aws\/config/);
    assert.match(t, /Credentials \/home\/jo\/\.aws\/credentials/);
    assert.match(t, /No role assumed\. Run "Rolecall \(AWS\): Assume Role…"/);
  });

  it('renders headings and a table, with a strict policy: only its own nonce runs', () => {
    const { html } = renderDetailsHtml(input({ active: 'dev-admin', sessions: [session()] }), 'abc123');
    assert.match(html, /<h1>AWS role details<\/h1>/);
    assert.match(html, /<h2>Active session: dev-admin<\/h2>/);
    assert.match(html, /content="default-src 'none'; style-src 'nonce-abc123'; script-src 'nonce-abc123';"/);
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /<script nonce="abc123">/);
    assert.doesNotMatch(html, /src="http|<link /);
  });

  it('shows chain, role ARN, identity, account, expiry and the masked key of the active session', () => {
    const t = text(renderDetailsHtml(input({ active: 'dev-admin', sessions: [session()] }), 'n').html);
    assert.match(t, /State active, 1h 00m 00s left/);
    assert.match(t, /Source chain dev-admin → base/);
    assert.match(t, /Role ARN arn:aws:iam::111122223333:role\/Admin/);
    assert.match(t, /Assumed identity arn:aws:sts::111122223333:assumed-role\/Admin\//);
    assert.match(t, /Account 111122223333/);
    assert.match(t, /Expires \(UTC\) 2026-11-27T11:00:00.000Z/);
    assert.match(t, /Access key ID ASIA…WXYZ/);
    assert.match(t, /Obtained from AWS STS/);
  });

  it('links each hop of the chain to the line it is written on, and only to those lines', () => {
    const places = new Map([
      ['dev-admin', [{ uri: CONFIG, line: 4 }]],
      ['base', [{ uri: CONFIG, line: 0 }, { uri: CREDENTIALS, line: 1 }]],
    ]);
    const page = renderDetailsHtml(input({ active: 'dev-admin', sessions: [session()] }, places), 'n');
    assert.deepEqual(page.links, [
      { uri: CONFIG, line: 0 },
      { uri: CONFIG, line: 4 },
      { uri: CONFIG, line: 0 },
    ]);
    assert.match(page.html, /<a href="#" data-link="1" title="Open config line 5">dev-admin<\/a>/);
    assert.match(text(page.html), /base \(config line 1, credentials line 2\)/);
  });

  it("shows the engine's note, the last error, and that each refresh asks for a code", () => {
    const s = session({ note: 'MFA on AssumeRole: the chain starts at SSO', state: 'error', error: 'cannot reach STS', mfa: true, mfaEachRefresh: true });
    const t = text(renderDetailsHtml(input({ active: 'dev-admin', sessions: [s] }), 'n').html);
    assert.match(t, /Note MFA on AssumeRole: the chain starts at SSO/);
    assert.match(t, /Last error cannot reach STS/);
    assert.match(t, /MFA yes\. Each refresh of dev-admin asks for a new MFA code/);
  });

  it('says unknown for the empty strings a server sends for unknown fields', () => {
    const blank = session({ assumedRoleArn: '', accountId: '', region: '' });
    const t = text(renderDetailsHtml(input({ active: 'dev-admin', sessions: [blank] }), 'n').html);
    assert.match(t, /Assumed identity unknown/);
    assert.match(t, /Account unknown/);
    assert.match(t, /Region not set/);
  });

  it('masks an access key ID that came unmasked and lists background sessions as such', () => {
    const other = session({ profile: 'prod', accessKeyId: 'ASIAIOSFODNN7EXAMPLE', expiration: minutesFromNow(-1) });
    const html = renderDetailsHtml(input({ active: 'dev-admin', sessions: [other, session()] }), 'n').html;
    assert.ok(!html.includes('ASIAIOSFODNN7EXAMPLE'));
    assert.match(html, /<h2>Background session: prod<\/h2>/);
    assert.ok(html.indexOf('Active session: dev-admin') < html.indexOf('Background session: prod'));
    assert.match(text(html), /State expired/);
  });

  it('escapes markup and control characters from the files', () => {
    const evil = session({ profile: '<img src=x onerror=alert(1)>\u202e', chain: ['<b>x</b>'], roleArn: '"><script>' });
    const html = renderDetailsHtml(input({ active: evil.profile, sessions: [evil] }), 'n').html;
    assert.ok(!html.includes('<img'), 'a tag from a profile name reached the page');
    assert.ok(!html.includes('<b>x'), 'a tag from the chain reached the page');
    assert.ok(!html.includes('"><script>'));
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;\\u202e/);
  });
});

describe('liveTimes', () => {
  it('gives each session its state and time left, in page order, as the clock moves', () => {
    const status = { active: 'dev-admin', sessions: [session({ profile: 'prod', expiration: minutesFromNow(20) }), session()] };
    assert.deepEqual(pageSessions(status).map((s) => s.profile), ['dev-admin', 'prod']);
    assert.deepEqual(liveTimes(status, NOW, 10), { 'live-0': 'active, 1h 00m 00s left', 'live-1': 'active, 20m 00s left' });
    const later = new Date(NOW.getTime() + 15 * 60_000 + 1_000);
    assert.deepEqual(liveTimes(status, later, 10), { 'live-0': 'active, 44m 59s left', 'live-1': 'expiring, 4m 59s left' });
  });
});
