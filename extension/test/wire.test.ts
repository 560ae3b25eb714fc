// The Go server's wire fixtures (internal/wire/testdata), read from disk and passed through the same
// checks the extension applies to what the server sends. The Go tests decode the same files into the
// server's types, so a field renamed, added or made nullable on one side fails a test on the other.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  ACCOUNT_PROFILE_FIELDS,
  activeSession,
  asCredentialsResult,
  asProfilesResult,
  asSessionStatus,
  asStatusResult,
  CREDENTIALS_FIELDS,
  type FieldType,
  ROLE_PROFILE_FIELDS,
  SESSION_STATUS_FIELDS,
  toCommandFailure,
} from '../src/protocol';
import { decodeResult, UnexpectedResultError } from '../src/serverApi';
import { credentialVariables } from '../src/terminalEnv';
import { groupRolesByAccount, roleItem } from '../src/picker';

// The tests run from extension/out/test/; the fixtures belong to the Go package.
const FIXTURES = join(__dirname, '..', '..', '..', 'internal', 'wire', 'testdata');

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
}

/** The fixture object has exactly the listed fields: every required one, and none the extension does not know. */
function assertKnownFields(what: string, value: unknown, fields: Record<string, FieldType>): void {
  const keys = Object.keys(value as object).sort();
  const required = Object.entries(fields)
    .filter(([, type]) => type !== 'string?')
    .map(([name]) => name);
  for (const name of required) {
    assert.ok(keys.includes(name), `${what}: the server's fixture has no ${name}, which the extension reads`);
  }
  for (const key of keys) {
    assert.ok(key in fields, `${what}: the server sends ${key}, which protocol.ts does not know`);
  }
}

describe('wire fixtures', () => {
  it('session-status.json is the result of assume and refresh', () => {
    const raw = fixture('session-status.json');
    assertKnownFields('session status', raw, SESSION_STATUS_FIELDS);
    const s = asSessionStatus(raw);
    assert.ok(s, 'the session status fixture was refused');
    assert.deepEqual(s, raw);
    assert.equal(s.profile, 'dev-admin');
    assert.equal(s.state, 'active');
    assert.equal(s.error, null);
    assert.equal(s.refreshAt, '2026-11-27T10:55:00Z');
    assert.equal(s.expiringAt, '2026-11-27T10:50:00Z');
    assert.equal(s.accessKeyId, 'ASIA…MPLE');
    assert.deepEqual(s.chain, ['dev-admin', 'base']);
    assert.equal(s.note, undefined);
  });

  it('status.json is the result of status and forget and the rolecall/status params', () => {
    const raw = fixture('status.json');
    const st = asStatusResult(raw);
    assert.ok(st, 'the status fixture was refused');
    assert.deepEqual(st, raw, 'a session of the fixture was dropped as malformed');
    for (const s of raw.sessions as unknown[]) {
      assertKnownFields('status session', s, SESSION_STATUS_FIELDS);
    }
    assert.equal(activeSession(st)?.profile, 'dev-admin');
    const failed = st.sessions[1];
    assert.equal(failed.state, 'error');
    assert.match(failed.error ?? '', /AccessDenied/);
    assert.equal(failed.refreshAt, null);
    assert.match(failed.note ?? '', /duration_seconds = 7200/);
    assert.equal(failed.mfaEachRefresh, true);
    assert.equal(st.sessions[0]?.mfaEachRefresh, false);
  });

  it('status-empty.json has no active session', () => {
    const st = asStatusResult(fixture('status-empty.json'));
    assert.deepEqual(st, { active: null, sessions: [] });
    assert.equal(activeSession(st!), undefined);
  });

  it('profiles.json is the result of profiles', () => {
    const raw = fixture('profiles.json');
    const p = asProfilesResult(raw);
    assert.ok(p, 'the profiles fixture was refused');
    assert.deepEqual(p, raw);
    for (const a of p.accounts) {
      assertKnownFields(`account ${a.profile}`, a, ACCOUNT_PROFILE_FIELDS);
    }
    for (const r of p.roles) {
      assertKnownFields(`role ${r.profile}`, r, ROLE_PROFILE_FIELDS);
    }
    const broken = p.roles.find((r) => r.profile === 'broken');
    assert.equal(broken?.valid, false);
    assert.equal(broken?.durationSeconds, null);
    assert.equal(broken?.sourceAccount, null);
    assert.equal(broken?.errors, 2);
    assert.equal(roleItem(broken!, null).label, '$(lock) broken', 'a role with errors keeps its MFA lock');
    const ops = p.roles.find((r) => r.profile === 'ops');
    assert.match(roleItem(ops!, null).detail ?? '', /via dev-admin/);
    assert.deepEqual(p.accounts[0]?.definedAt, [
      { uri: 'file:///home/jo/.aws/config', line: 0 },
      { uri: 'file:///home/jo/.aws/credentials', line: 1 },
    ]);
    // dev-admin and ops start at base; broken starts nowhere, so it is among the other roles.
    assert.deepEqual(
      groupRolesByAccount(p).map((g) => [g.account?.profile, g.roles.map((r) => r.profile)]),
      [
        ['base', ['dev-admin', 'ops']],
        [undefined, ['broken']],
      ],
    );
  });

  it('credentials.json is the result of credentials', () => {
    const raw = fixture('credentials.json');
    assertKnownFields('credentials', raw, CREDENTIALS_FIELDS);
    const c = asCredentialsResult(raw);
    assert.ok(c, 'the credentials fixture was refused');
    assert.deepEqual(Object.fromEntries(credentialVariables(c)), {
      AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN',
      AWS_CREDENTIAL_EXPIRATION: '2026-11-27T11:00:00Z',
      ROLECALL_PROFILE: 'dev-admin',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
    });
  });

  it('error-mfa-required.json is read as the mfa-required failure', () => {
    const raw = fixture('error-mfa-required.json');
    const f = toCommandFailure(Object.assign(new Error(raw.message as string), { code: raw.code, data: raw.data }));
    assert.equal(f.reason, 'mfa-required');
    assert.equal(f.data.mfaSerial, 'arn:aws:iam::111122223333:mfa/jo');
    assert.equal(f.data.profile, 'dev-admin');
    assert.match(f.message, /^MFA code needed for /);
  });
});

describe('result checks', () => {
  const good = fixture('session-status.json');
  it('refuse values the server does not send', () => {
    for (const [field, value] of [
      ['accountId', null],
      ['expiringAt', null],
      ['chain', null],
      ['mfa', 'yes'],
      ['state', 'sleeping'],
      ['note', null],
    ] as const) {
      assert.equal(asSessionStatus({ ...good, [field]: value }), undefined, `${field}: ${String(value)}`);
    }
    const { refreshAt: _dropped, ...missing } = good;
    assert.equal(asSessionStatus(missing), undefined, 'refreshAt absent');
    assert.equal(asCredentialsResult({ ...fixture('credentials.json'), region: null }), undefined);
    assert.equal(asProfilesResult({ accounts: [], roles: [{ profile: 'x' }] }), undefined);
  });
  it('ignore fields added later', () => {
    assert.ok(asSessionStatus({ ...good, newField: 1 }));
  });
  it('throw an error that names the command and never the result', () => {
    const creds = { ...fixture('credentials.json'), sessionToken: 7 };
    assert.throws(
      () => decodeResult('rolecall-ls.credentials', creds, asCredentialsResult),
      (err: unknown) =>
        err instanceof UnexpectedResultError &&
        err.message.includes('rolecall-ls.credentials') &&
        !err.message.includes('wJalrXUtnFEMI'),
    );
  });
});
