// IAM Identity Center in the editor: the server's fixtures pass the extension's checks, and the pure
// parts (picker items, sign-in words, tooltip lines, warnings) do what a person needs.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { asSessionStatus, toCommandFailure, type StatusResult } from '../src/protocol';
import { identityCenterItems, REFRESH_LABEL, ssoRoleItems, ssoSessionProfile, type DirectoryState } from '../src/ssoPicker';
import {
  asSsoAccounts,
  asSsoProfilesPlan,
  asSsoProgress,
  asSsoSessions,
  signInNeeded,
  ssoOf,
  targetOf,
  type SsoAccounts,
  type SsoSession,
} from '../src/ssoProtocol';
import { deviceCodeMessage, progressText, signInWords, useDeviceCode } from '../src/ssoSignIn';
import { planSummary, signInEndingMessage, signInsToWarn, ssoDetailRows, ssoTooltipLines, warnKey } from '../src/ssoStatus';
import { presentStatus } from '../src/presentation';
import { formatExpiry } from '../src/timeLeft';

const FIXTURES = join(__dirname, '..', '..', '..', 'internal', 'wire', 'testdata');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

const sessions = asSsoSessions(fixture('sso-sessions.json'))!.sessions;
const corp = sessions[0]!;
const legacy = sessions[1]!;
const accounts = asSsoAccounts(fixture('sso-accounts.json'))!;

describe('IAM Identity Center wire fixtures', () => {
  it('every fixture passes the checks the extension applies', () => {
    assert.equal(sessions.length, 2);
    assert.ok(asSsoProgress(fixture('sso-progress.json')));
    assert.equal(accounts.accounts[0]!.accountName, 'development');
    const plan = asSsoProfilesPlan(fixture('sso-profiles.json'));
    assert.ok(plan);
    assert.deepEqual(plan.removed, ['staging-ReadOnlyAccess']);
    assert.equal(planSummary(plan), '1 added, 1 removed, 1 unchanged: profiles of corp in /home/jo/.aws/config');
  });

  it('a session with a sign-in names it; a session from keys has none', () => {
    const ssoSession = asSessionStatus(fixture('sso-session-status.json'));
    assert.ok(ssoSession, 'the status with sso was refused');
    assert.equal(ssoOf(ssoSession)?.startUrl, 'https://d-1234567890.awsapps.com/start');
    assert.equal(ssoOf(asSessionStatus(fixture('session-status.json'))!), undefined);
  });

  it('a sign-in is named by its sso-session, a legacy one by its profile', () => {
    assert.deepEqual(targetOf(corp), { ssoSession: 'corp' });
    assert.deepEqual(targetOf(legacy), { profile: 'old-sso' });
  });

  it('a role whose sign-in is over asks to sign in to that session', () => {
    const failure = toCommandFailure(fixture('error-sso-sign-in-required.json'));
    assert.equal(signInNeeded(failure), 'corp');
    assert.equal(signInNeeded(toCommandFailure({ message: 'x', data: { reason: 'sso-sign-in-required', ssoSession: 'dev' } })), 'dev');
    assert.equal(signInNeeded(toCommandFailure(fixture('error-mfa-required.json'))), undefined);
  });
});

describe('the Identity Center part of the picker', () => {
  const loaded = (a: SsoAccounts): Map<string, DirectoryState> => new Map([['corp', { kind: 'loaded', accounts: a }]]);

  it('lists a signed-in session’s accounts by name under its own heading, then "Refresh accounts"', () => {
    const items = identityCenterItems([corp], loaded(accounts));
    assert.deepEqual(
      items.map((i) => i.label),
      ['IAM Identity Center · corp', '$(organization) development', '$(organization) production', REFRESH_LABEL],
    );
    assert.equal(items[0]!.separator, true);
    assert.equal(items[1]!.description, '111111111111 · dev@example.com');
    assert.equal(items[1]!.detail, 'IAM Identity Center (corp) · 2 roles');
    assert.equal(items[3]!.choice?.kind, 'refresh');
  });

  it('offers to sign in to a signed-out session, and shows accounts that are still loading as busy', () => {
    const items = identityCenterItems([corp, legacy], new Map([['corp', { kind: 'loading' }]]));
    assert.deepEqual(
      items.map((i) => i.choice?.kind ?? 'separator'),
      ['separator', 'loading', 'separator', 'sign-in'],
    );
    assert.match(items[3]!.label, /Sign in to https:\/\/d-0000000000/);
  });

  it('says why accounts could not be listed, with a retry', () => {
    const items = identityCenterItems([corp], new Map([['corp', { kind: 'failed', message: 'Sign in to corp: run …' }]]));
    assert.equal(items[1]!.choice?.kind, 'refresh');
    assert.match(items[1]!.label, /Sign in to corp/);
  });

  it('lists an account’s roles and marks the active one', () => {
    const dev = accounts.accounts[0]!;
    const roles = ssoRoleItems(corp, dev, ssoSessionProfile('corp', dev.accountId, 'ReadOnlyAccess'));
    assert.deepEqual(roles.map((r) => r.role), ['AdministratorAccess', 'ReadOnlyAccess']);
    assert.doesNotMatch(roles[0]!.description ?? '', /active/);
    assert.match(roles[1]!.description ?? '', /active$/);
  });

  it('names from the portal cannot inject icons or control characters', () => {
    const evil: SsoAccounts = { ...accounts, accounts: [{ accountId: '1', accountName: '$(zap) x\u202e', emailAddress: '', roles: ['R'] }] };
    const label = identityCenterItems([corp], loaded(evil))[1]!.label;
    assert.equal(label, '$(organization) \\$(zap) x\\u202e');
  });

  it('builds 500 accounts with 4 roles each from the cache well within a frame (measured, reported)', (t) => {
    const many: SsoAccounts = {
      ssoSession: 'corp',
      fetchedAt: '2026-11-27T10:00:00Z',
      accounts: Array.from({ length: 500 }, (_, i) => ({
        accountId: String(100000000000 + i),
        accountName: `account-${String(i).padStart(4, '0')}`,
        emailAddress: `a${i}@example.com`,
        roles: ['Role1', 'Role2', 'Role3', 'Role4'],
      })),
    };
    const rounds = 20;
    const t0 = process.hrtime.bigint();
    let items = 0;
    for (let i = 0; i < rounds; i++) {
      items = identityCenterItems([corp], loaded(many)).length;
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6 / rounds;
    assert.equal(items, 502);
    t.diagnostic(`picker items for 500 accounts × 4 roles from the cache: ${ms.toFixed(2)} ms per build`);
  });
});

describe('signing in', () => {
  it('uses the device code where the browser is not on the server’s machine', () => {
    assert.equal(useDeviceCode(undefined, false), false);
    assert.equal(useDeviceCode('ssh-remote', false), true);
    assert.equal(useDeviceCode(undefined, true), true);
  });

  it('shows the code to confirm, then waits', () => {
    const open = asSsoProgress(fixture('sso-progress.json'))!;
    assert.equal(progressText(open), 'confirm the code ABCD-EFGH on the sign-in page');
    assert.equal(progressText({ ...open, kind: 'waiting' }), 'waiting for approval of ABCD-EFGH…');
    assert.equal(progressText({ ...open, kind: 'open', userCode: null }), 'approve in your browser');
    assert.equal(
      deviceCodeMessage('corp', open),
      'To sign in to corp, open https://device.sso.eu-west-1.amazonaws.com/ and confirm the code ABCD-EFGH.',
    );
  });

  it('describes a sign-in: renewing, until a time, or signed out', () => {
    const now = new Date('2026-11-27T10:00:00Z');
    assert.match(signInWords(corp, now), /renewed automatically/);
    assert.equal(signInWords(legacy, now), 'signed out');
    const until = new Date(corp.expiration!);
    assert.equal(signInWords({ ...corp, refreshable: false }, now), `signed in until ${formatExpiry(until, now)}`);
  });

  it('says "tomorrow" for a sign-in that ends after midnight, as the role sessions do', () => {
    const evening = new Date(2026, 10, 27, 22, 0);
    const ends = new Date(2026, 10, 28, 6, 0);
    const s = { ...corp, refreshable: false, expiration: ends.toISOString() };
    assert.match(signInWords(s, evening), /^signed in until tomorrow /);
    assert.match(signInEndingMessage(s, evening), / ends tomorrow /);
  });
});

describe('the sign-in behind a role session', () => {
  const role = asSessionStatus(fixture('sso-session-status.json'))!;
  const status: StatusResult = { active: role.profile, sessions: [role] };
  const now = new Date('2026-11-27T10:00:00Z');

  it('the tooltip and details show the session, start URL, region and sign-in', () => {
    const tooltip = presentStatus(status, now, { warningMinutes: 10, ssoSessions: [corp] }).tooltip;
    assert.ok(tooltip.includes('IAM Identity Center: **corp** · https://d\\-1234567890\\.awsapps\\.com/start · eu\\-west\\-1'), tooltip);
    assert.match(tooltip, /Sign-in: token until .+, renewed automatically/);
    assert.doesNotMatch(tooltip, /Role: ``/);
    assert.deepEqual(
      ssoDetailRows(role, [corp], now).map(([name]) => name),
      ['SSO session', 'SSO start URL', 'SSO region', 'SSO sign-in'],
    );
    assert.deepEqual(ssoTooltipLines(asSessionStatus(fixture('session-status.json'))!, [corp], now), []);
  });

  it('warns once before a sign-in that cannot renew itself ends, only when a role depends on it', () => {
    const ending: SsoSession = { ...corp, refreshable: false, expiration: '2026-11-27T10:05:00Z' };
    assert.deepEqual(signInsToWarn(status, [ending], now, 10, new Set()), [ending]);
    assert.deepEqual(signInsToWarn(status, [ending], now, 10, new Set([warnKey(ending)])), []);
    assert.deepEqual(signInsToWarn(status, [{ ...ending, refreshable: true }], now, 10, new Set()), []);
    assert.deepEqual(signInsToWarn(status, [{ ...ending, expiration: '2026-11-27T12:00:00Z' }], now, 10, new Set()), []);
    assert.deepEqual(signInsToWarn({ active: null, sessions: [] }, [ending], now, 10, new Set()), []);
  });
});
