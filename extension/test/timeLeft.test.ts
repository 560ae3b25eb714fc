import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveState, expiringFrom, formatClock, formatExpiry, formatTimeLeft, formatTimeLeftPrecise } from '../src/timeLeft';
import { minutesFromNow, NOW, session } from './fixtures';

const s = 1000;
const m = 60 * s;
const h = 60 * m;

describe('formatTimeLeft', () => {
  const cases: Array<[number, string]> = [
    [12 * h, '12h 00m'],
    [h + 5 * m + 59 * s, '1h 05m'],
    [h, '1h 00m'],
    [h - 1, '59m'],
    [42 * m + 59 * s, '42m'],
    [5 * m, '5m'],
    [5 * m - 1, '4m 59s'],
    [4 * m + 9 * s, '4m 09s'],
    [m, '1m 00s'],
    [59 * s + 999, '59s'],
    [s, '1s'],
    [999, 'expired'],
    [0, 'expired'],
    [-3 * h, 'expired'],
    [Number.NaN, 'expired'],
  ];
  for (const [ms, want] of cases) {
    it(`${ms} ms → ${want}`, () => assert.equal(formatTimeLeft(ms), want));
  }
});

describe('effectiveState', () => {
  it('is active before the warning window', () => {
    assert.equal(effectiveState(session(), NOW, 10), 'active');
  });
  it("is expiring from the server's expiringAt even if the server still says active", () => {
    const at = new Date(NOW.getTime() + 50 * m);
    assert.equal(effectiveState(session(), at, 10), 'expiring');
  });
  it("uses warningMinutes when the server's expiringAt cannot be read", () => {
    const sess = session({ expiringAt: 'soon', expiration: minutesFromNow(9) });
    assert.equal(effectiveState(sess, NOW, 10), 'expiring');
    assert.equal(effectiveState(sess, NOW, 5), 'active');
  });
  it('is expired once the clock passes expiry, whatever the server said last (sleep and wake)', () => {
    const afterWake = new Date(NOW.getTime() + 3 * h);
    assert.equal(effectiveState(session({ state: 'active' }), afterWake, 10), 'expired');
    assert.equal(effectiveState(session({ state: 'error', error: 'x' }), afterWake, 10), 'expired');
  });
  it('keeps error while the old credentials still work', () => {
    assert.equal(effectiveState(session({ state: 'error', error: 'AccessDenied' }), NOW, 10), 'error');
  });
  it('treats a session whose expiry cannot be read as expired', () => {
    assert.equal(effectiveState(session({ expiration: 'soon' }), NOW, 10), 'expired');
  });
  it('trusts the server saying expiring before the local window', () => {
    assert.equal(effectiveState(session({ state: 'expiring' }), NOW, 10), 'expiring');
  });
});

describe('expiringFrom', () => {
  it('takes the server value when it is earlier', () => {
    assert.equal(expiringFrom(session({ expiringAt: minutesFromNow(30) }), 10), NOW.getTime() + 30 * m);
  });
  it('takes the local setting when it is earlier (the user just widened the window)', () => {
    assert.equal(expiringFrom(session(), 120), NOW.getTime() - 60 * m);
  });
  it('falls back to expiration minus warningMinutes', () => {
    assert.equal(expiringFrom(session({ expiringAt: 'soon' }), 15), NOW.getTime() + 45 * m);
  });
});

describe('formatExpiry', () => {
  // Local times: the words follow the user's midnight, not UTC's.
  const evening = new Date(2026, 10, 27, 22, 30, 0);
  it('gives the bare time for today', () => {
    const t = new Date(2026, 10, 27, 23, 45, 0);
    assert.equal(formatExpiry(t, evening), formatClock(t));
  });
  it('says "tomorrow" for an expiry after midnight', () => {
    const t = new Date(2026, 10, 28, 5, 57, 0);
    assert.equal(formatExpiry(t, evening), `tomorrow ${formatClock(t)}`);
  });
  it('gives the date further out, and "yesterday" for a past day', () => {
    const later = new Date(2026, 10, 30, 5, 57, 0);
    assert.ok(formatExpiry(later, evening).endsWith(formatClock(later)));
    assert.doesNotMatch(formatExpiry(later, evening), /tomorrow/);
    assert.match(formatExpiry(later, evening), /30/);
    assert.equal(formatExpiry(new Date(2026, 10, 26, 23, 0, 0), evening), `yesterday ${formatClock(new Date(2026, 10, 26, 23, 0, 0))}`);
  });
});

describe('formatTimeLeftPrecise', () => {
  it('counts to the second, rounding down', () => {
    assert.equal(formatTimeLeftPrecise(h + 5 * m + 9 * s + 999), '1h 05m 09s');
    assert.equal(formatTimeLeftPrecise(59 * m + 12 * s), '59m 12s');
    assert.equal(formatTimeLeftPrecise(42 * s), '42s');
    assert.equal(formatTimeLeftPrecise(999), 'expired');
    assert.equal(formatTimeLeftPrecise(Number.NaN), 'expired');
  });
});
