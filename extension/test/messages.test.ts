import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assumedMessage, failureMessage, failureText, forgetChoices, forgotMessage, lowerFirst } from '../src/messages';
import { formatClock } from '../src/timeLeft';
import { minutesFromNow, NOW, session } from './fixtures';

describe('assumedMessage', () => {
  it('says who, until when and the time left', () => {
    const s = session();
    assert.equal(
      assumedMessage(s, NOW),
      `Assumed dev-admin as ${s.assumedRoleArn}, until ${formatClock(new Date(s.expiration))} (1h 00m).`,
    );
  });
  it('names the day when the session ends tomorrow', () => {
    const evening = new Date(2026, 10, 27, 22, 0, 0);
    const s = session({ expiration: new Date(2026, 10, 28, 5, 57, 0).toISOString() });
    assert.match(assumedMessage(s, evening), /until tomorrow /);
  });
  it('says that each refresh will ask for an MFA code again, and why', () => {
    const text = assumedMessage(session({ mfa: true, mfaEachRefresh: true }), NOW);
    assert.match(text, /Each refresh of dev-admin asks for a new MFA code: the code goes with AssumeRole itself/);
    assert.match(text, /duration_seconds over 3600/);
    assert.doesNotMatch(assumedMessage(session({ mfa: true }), NOW), /Each refresh/);
  });
});

describe('failureMessage', () => {
  it('names the profile first and starts with a capital', () => {
    assert.equal(
      failureMessage('assume', 'staging', 'cannot reach STS at http://127.0.0.1:1 (connection refused): check the network'),
      'Could not assume staging: cannot reach STS at http://127.0.0.1:1 (connection refused): check the network',
    );
    assert.match(failureMessage('refresh', 'prod', 'STS answered ExpiredToken'), /^Could not refresh prod: STS answered/);
  });
  it('says what is wrong with a profile once, by its problem, not "profile X cannot be assumed" again', () => {
    const failure = {
      message: 'profile "broken" cannot be assumed: source_profile "nowhere" does not exist; create it. Neither file defines it. [source-profile-missing] (/h/.aws/config:28)',
      data: { profile: 'broken', problem: 'source_profile "nowhere" does not exist; create it (config line 28)' },
    };
    assert.equal(failureMessage('assume', 'broken', failureText(failure)), 'Could not assume broken: source_profile "nowhere" does not exist; create it (config line 28)');
    assert.equal(failureText({ message: 'cannot reach STS', data: {} }), 'cannot reach STS');
  });
  it('lowers a capital only at the start of an ordinary word', () => {
    assert.equal(lowerFirst('Cannot reach STS'), 'cannot reach STS');
    assert.equal(lowerFirst('STS refused'), 'STS refused');
    assert.equal(lowerFirst('MFA code needed'), 'MFA code needed');
    assert.equal(lowerFirst(''), '');
  });
  it('shows a hostile profile name as escapes', () => {
    assert.equal(failureMessage('assume', '$(x)\u0007', 'boom'), 'Could not assume \\$(x)\\x07: boom');
  });
});

describe('forgetChoices', () => {
  const status = {
    active: 'dev-admin',
    sessions: [session({ profile: 'read', refreshAt: null, expiration: minutesFromNow(20) }), session()],
  };
  it('offers the active session, each background one and all of them, each saying what it is', () => {
    const choices = forgetChoices(status, NOW);
    assert.deepEqual(
      choices.map((c) => [c.label, c.description, c.target]),
      [
        ['$(key) dev-admin', 'active · 1h 00m left', { profile: 'dev-admin' }],
        ['$(history) read', 'background session · 20m left', { profile: 'read' }],
        ['$(clear-all) All sessions', '2 held: read, dev-admin', { all: true }],
      ],
    );
    assert.equal(choices[1]?.detail, 'Stops its expiry warning');
  });
  it('offers background sessions and all when none is active', () => {
    const choices = forgetChoices({ active: null, sessions: status.sessions }, NOW);
    assert.deepEqual(choices.map((c) => c.target), [{ profile: 'read' }, { profile: 'dev-admin' }, { all: true }]);
  });
});

describe('forgotMessage', () => {
  const before = { active: 'dev-admin', sessions: [session(), session({ profile: 'read' })] };
  it('says what was forgotten and what is still held', () => {
    const text = forgotMessage({ profile: 'dev-admin' }, before, { active: null, sessions: [session({ profile: 'read' })] });
    assert.match(text, /^Forgot dev-admin: it no longer refreshes, and new terminals no longer get its credentials\./);
    assert.match(text, /Still held in the background: read \(run Forget again to drop it\)/);
  });
  it('for a background session, does not speak of terminals', () => {
    const text = forgotMessage({ profile: 'read' }, before, { active: 'dev-admin', sessions: [session()] });
    assert.match(text, /^Forgot read: it no longer refreshes or warns\./);
  });
  it('says all are gone after forgetting all', () => {
    assert.match(forgotMessage({ all: true }, before, { active: null, sessions: [] }), /^Forgot every AWS role session/);
  });
});
