import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_ROLE_TEXT, presentStatus } from '../src/presentation';
import { NO_SESSIONS } from '../src/protocol';
import { formatExpiry } from '../src/timeLeft';
import { minutesFromNow, NOW, session, statusOf } from './fixtures';

const opts = { warningMinutes: 10 };
const at = (minutes: number, seconds = 0) => new Date(NOW.getTime() + minutes * 60_000 + seconds * 1000);

describe('presentStatus', () => {
  it('shows "no role" and assumes on click when there is no session', () => {
    const p = presentStatus(NO_SESSIONS, NOW, opts);
    assert.equal(p.text, NO_ROLE_TEXT);
    assert.equal(p.text, '$(key) AWS: no role');
    assert.equal(p.command, 'rolecall.assumeRole');
    assert.equal(p.background, 'none');
  });

  it('shows "no role" when sessions exist but none is active', () => {
    const p = presentStatus({ active: null, sessions: [session()] }, NOW, opts);
    assert.equal(p.text, NO_ROLE_TEXT);
  });

  it('shows profile and time left, refreshes on click', () => {
    const p = presentStatus(statusOf(session()), NOW, opts);
    assert.equal(p.text, '$(key) dev-admin · 1h 00m');
    assert.equal(p.command, 'rolecall.refresh');
    assert.equal(p.background, 'none');
  });

  it('counts from the absolute expiry: the same status reads differently as time passes', () => {
    const status = statusOf(session());
    assert.equal(presentStatus(status, at(18), opts).text, '$(key) dev-admin · 42m');
    assert.equal(presentStatus(status, at(55, 51), opts).text, '$(key) dev-admin · 4m 09s');
  });

  it('turns to the warning background in the expiring window', () => {
    const p = presentStatus(statusOf(session()), at(51), opts);
    assert.equal(p.background, 'warning');
    assert.equal(p.text, '$(key) dev-admin · 9m');
  });

  it('turns to the error background and says expired after expiry (even without a notification)', () => {
    const p = presentStatus(statusOf(session()), at(61), opts);
    assert.equal(p.text, '$(key) dev-admin · expired');
    assert.equal(p.background, 'error');
    assert.equal(p.command, 'rolecall.refresh');
  });

  it('turns to the error background when the last refresh failed (server state)', () => {
    const p = presentStatus(statusOf(session({ state: 'error', error: 'AccessDenied: not allowed' })), NOW, opts);
    assert.equal(p.background, 'error');
    assert.match(p.tooltip, /Last refresh failed: AccessDenied: not allowed/);
  });

  it('turns to the error background when a refresh started here failed', () => {
    const p = presentStatus(statusOf(session()), NOW, { ...opts, refreshFailed: 'cannot reach STS' });
    assert.equal(p.background, 'error');
    assert.match(p.tooltip, /cannot reach STS/);
  });

  it('tooltip has role ARN, identity, account, local expiry, chain, and "Click to refresh"', () => {
    const s = session();
    const t = presentStatus(statusOf(s), NOW, opts).tooltip;
    assert.match(t, /arn:aws:iam::111122223333:role\/Admin/);
    assert.match(t, /assumed-role\/Admin\/rolecall-jo-1795774800/);
    assert.match(t, /Account: 111122223333 · eu-west-1/);
    assert.ok(t.includes(`Expires: ${formatExpiry(new Date(s.expiration), NOW)} (local time)`), t);
    assert.match(t, /Source chain: dev\\-admin → base/);
    assert.match(t, /Click to refresh$/);
  });

  it('tooltip says why a session will not refresh itself', () => {
    const mfa = presentStatus(statusOf(session({ mfa: true, refreshAt: null })), NOW, opts).tooltip;
    assert.match(mfa, /needs an MFA code/);
    const off = presentStatus(statusOf(session({ autoRefresh: false, refreshAt: null })), NOW, opts).tooltip;
    assert.match(off, /autoRefresh is off/);
    const offMfa = presentStatus(statusOf(session({ mfa: true, autoRefresh: false, refreshAt: null })), NOW, opts).tooltip;
    assert.match(offMfa, /autoRefresh is off/);
  });

  it('tooltip says that each refresh asks for a new MFA code, and why', () => {
    const t = presentStatus(statusOf(session({ mfa: true, mfaEachRefresh: true, refreshAt: null })), NOW, opts).tooltip;
    assert.match(t, /Each refresh of dev\\-admin asks for a new MFA code/);
    assert.match(t, /duration\\_seconds over 3600/);
  });

  it('tooltip names the day of an expiry that is not today', () => {
    const late = new Date(2026, 10, 27, 22, 0, 0);
    const s = session({ expiration: new Date(2026, 10, 28, 5, 57, 0).toISOString(), refreshAt: null });
    assert.match(presentStatus(statusOf(s), late, opts).tooltip, /Expires: tomorrow /);
  });

  it('tooltip counts the sessions held and names the background ones', () => {
    const status = { active: 'dev-admin', sessions: [session(), session({ profile: 'read' }), session({ profile: 'prod' })] };
    assert.match(presentStatus(status, NOW, opts).tooltip, /3 sessions held: 2 background sessions \(read, prod\)/);
    assert.doesNotMatch(presentStatus(statusOf(session()), NOW, opts).tooltip, /held/);
  });

  it('no-role tooltip still shows the background sessions (they refresh and warn)', () => {
    const p = presentStatus({ active: null, sessions: [session({ profile: 'read' })] }, NOW, opts);
    assert.equal(p.text, NO_ROLE_TEXT);
    assert.match(p.tooltip, /1 session held: 1 background session \(read\)/);
  });

  it('never shows an unmasked access key ID, even when the server sent one', () => {
    const t = presentStatus(statusOf(session({ accessKeyId: 'ASIAIOSFODNN7EXAMPLE' })), NOW, opts).tooltip;
    assert.ok(!t.includes('ASIAIOSFODNN7EXAMPLE'));
    assert.match(t, /ASIA…MPLE/);
  });

  it('escapes Markdown and theme icons in names', () => {
    const t = presentStatus(statusOf(session({ profile: '$(alert)*x*', chain: [] })), NOW, opts).tooltip;
    assert.ok(t.includes('\\$\\(alert\\)\\*x\\*'), t);
  });

  it('shows the server problem on the no-role item', () => {
    const p = presentStatus(NO_SESSIONS, NOW, { ...opts, serverProblem: 'server missing' });
    assert.equal(p.background, 'error');
    assert.match(p.tooltip, /server missing/);
  });

  it('uses the active session, not the first one', () => {
    const other = session({ profile: 'other', expiration: minutesFromNow(20) });
    const p = presentStatus({ active: 'dev-admin', sessions: [other, session()] }, NOW, opts);
    assert.equal(p.text, '$(key) dev-admin · 1h 00m');
  });
});
