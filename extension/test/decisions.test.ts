// Status transitions: what the extension does as notifications arrive and the clock moves.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decide, expiringMessage, sessionKey, type DecisionSettings, type Memory } from '../src/decisions';
import { NO_SESSIONS, type StatusResult } from '../src/protocol';
import { minutesFromNow, NOW, session, statusOf } from './fixtures';

const settings = { warningMinutes: 10, terminalCredentials: 'static' as const };
const endpoint = { warningMinutes: 10, terminalCredentials: 'endpoint' as const };
const fresh = (): Memory => ({ warned: new Set(), envKey: undefined });
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

/** Plays a sequence of (time, status) events the way the controller does, recording what it did. */
function play(events: Array<[Date, StatusResult]>, s: DecisionSettings = settings) {
  const warned = new Set<string>();
  let envKey: string | undefined;
  const log: string[] = [];
  for (const [time, status] of events) {
    const d = decide(status, time, { warned, envKey }, s);
    for (const w of d.warn) {
      warned.add(sessionKey(w));
      log.push(`warn ${w.profile}`);
    }
    if (d.env.kind === 'set') {
      envKey = d.env.key;
      log.push(`env set ${d.env.profile}`);
    } else if (d.env.kind === 'clear') {
      envKey = undefined;
      log.push('env clear');
    }
  }
  return log;
}

describe('expiry warning', () => {
  const mfaSession = session({ profile: 'prod-mfa', mfa: true, refreshAt: null });

  it('warns when an MFA session enters its expiring window, once per expiry', () => {
    const status = statusOf(mfaSession);
    const log = play([
      [NOW, status],
      [at(49), status],
      [at(50), { ...status, sessions: [{ ...mfaSession, state: 'expiring' }] }],
      [at(51), status],
      [at(52), status],
    ]);
    assert.deepEqual(log, ['env set prod-mfa', 'warn prod-mfa']);
  });

  it('warns again after a refresh moved the expiry and the new session reaches its window', () => {
    const refreshed = { ...mfaSession, expiration: minutesFromNow(120), expiringAt: minutesFromNow(110) };
    const log = play([
      [at(50), statusOf(mfaSession)],
      [at(55), statusOf(refreshed)],
      [at(100), statusOf(refreshed)],
      [at(110), statusOf(refreshed)],
    ]);
    assert.deepEqual(log, ['warn prod-mfa', 'env set prod-mfa', 'env set prod-mfa', 'warn prod-mfa']);
  });

  it('does not warn about a session that will refresh itself', () => {
    const log = play([[at(51), statusOf(session())]]);
    assert.deepEqual(log, ['env set dev-admin']);
  });

  it('warns when auto-refresh is off', () => {
    const off = session({ autoRefresh: false, refreshAt: null });
    assert.equal(decide(statusOf(off), at(51), fresh(), settings).warn.length, 1);
  });

  it('warns about an inactive session too (it is still in use by terminals opened with it)', () => {
    const status = { active: 'dev-admin', sessions: [session(), mfaSession] };
    const d = decide(status, at(51), fresh(), settings);
    assert.deepEqual(d.warn.map((s) => s.profile), ['prod-mfa']);
  });

  it('does not warn about an expired session (the status bar is red by then)', () => {
    assert.deepEqual(decide(statusOf(mfaSession), at(61), fresh(), settings).warn, []);
  });

  it('says why the session cannot refresh itself', () => {
    assert.match(expiringMessage(mfaSession, '9m', true), /prod-mfa expires in 9m and it needs an MFA code/);
    assert.match(expiringMessage(session({ autoRefresh: false, refreshAt: null }), '9m', true), /auto-refresh is off/);
    assert.match(expiringMessage({ ...mfaSession, autoRefresh: false }, '9m', true), /auto-refresh is off/);
    assert.match(expiringMessage(session({ refreshAt: null }), '9m', true), /cannot refresh itself/);
    assert.match(expiringMessage({ ...mfaSession, mfaEachRefresh: true }, '9m', true), /each refresh asks for a new MFA code/);
  });

  it('says a background session is one, names it, and offers to forget it', () => {
    const text = expiringMessage(mfaSession, '9m', false);
    assert.match(text, /^Background session prod-mfa \(held, not the active role\) expires in 9m/);
    assert.match(text, /Forget it if you no longer need it/);
    assert.doesNotMatch(expiringMessage(mfaSession, '9m', true), /Background/);
  });
});

describe('terminal environment with static keys', () => {
  it('is set for the active session, kept while it lasts, and cleared on forget', () => {
    const log = play([
      [NOW, NO_SESSIONS],
      [NOW, statusOf(session())],
      [at(1), statusOf(session())],
      [at(2), NO_SESSIONS],
    ]);
    assert.deepEqual(log, ['env set dev-admin', 'env clear']);
  });

  it('is replaced on refresh (the expiry moved)', () => {
    const refreshed = session({ expiration: minutesFromNow(115) });
    const log = play([
      [NOW, statusOf(session())],
      [at(55), statusOf(refreshed)],
    ]);
    assert.deepEqual(log, ['env set dev-admin', 'env set dev-admin']);
  });

  it('follows a switch to another role', () => {
    const other = session({ profile: 'sandbox-dev' });
    const log = play([
      [NOW, statusOf(session())],
      [at(1), { active: 'sandbox-dev', sessions: [session(), other] }],
    ]);
    assert.deepEqual(log, ['env set dev-admin', 'env set sandbox-dev']);
  });

  it('is cleared at expiry by the clock alone (no notification needed, e.g. after sleep)', () => {
    const log = play([
      [NOW, statusOf(session())],
      [at(59), statusOf(session())],
      [at(180), statusOf(session())],
    ]);
    assert.deepEqual(log, ['env set dev-admin', 'env clear']);
  });

  it('keeps the old credentials while a failed refresh leaves them valid', () => {
    const failed = session({ state: 'error', error: 'cannot reach STS' });
    const log = play([
      [NOW, statusOf(session())],
      [at(56), statusOf(failed)],
    ]);
    assert.deepEqual(log, ['env set dev-admin']);
  });

  it('is cleared when the setting is turned off, and set again when turned on', () => {
    const status = statusOf(session());
    const key = `static:${sessionKey(session())}:${session().region}`;
    const memory: Memory = { warned: new Set(), envKey: key };
    assert.deepEqual(decide(status, NOW, memory, { ...settings, terminalCredentials: 'off' }).env, { kind: 'clear' });
    const d = decide(status, NOW, fresh(), settings);
    assert.deepEqual(d.env, { kind: 'set', profile: 'dev-admin', region: session().region, key, mode: 'static' });
  });

  it('does nothing when there is nothing to clear', () => {
    assert.deepEqual(decide(NO_SESSIONS, NOW, fresh(), settings).env, { kind: 'keep' });
  });
});

describe('terminal environment with the credential endpoint', () => {
  it('is set once for a role and kept across refreshes, expiry and failed refreshes', () => {
    const log = play(
      [
        [NOW, statusOf(session())],
        [at(55), statusOf(session({ expiration: minutesFromNow(115) }))],
        [at(100), statusOf(session({ state: 'error', error: 'cannot reach STS' }))],
        [at(300), statusOf(session({ expiration: minutesFromNow(115) }))],
      ],
      endpoint,
    );
    assert.deepEqual(log, ['env set dev-admin']);
  });

  it('follows a role switch and a new region (ROLECALL_PROFILE, AWS_REGION), and is cleared on forget', () => {
    const other = session({ profile: 'sandbox-dev' });
    const log = play(
      [
        [NOW, statusOf(session())],
        [at(1), { active: 'sandbox-dev', sessions: [session(), other] }],
        [at(2), { active: 'sandbox-dev', sessions: [session(), session({ profile: 'sandbox-dev', region: 'ap-southeast-2' })] }],
        [at(3), NO_SESSIONS],
      ],
      endpoint,
    );
    assert.deepEqual(log, ['env set dev-admin', 'env set sandbox-dev', 'env set sandbox-dev', 'env clear']);
  });

  it('says which mode to set', () => {
    const d = decide(statusOf(session()), NOW, fresh(), endpoint);
    assert.equal(d.env.kind === 'set' && d.env.mode, 'endpoint');
  });
});
