import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { activeSession, asStatusResult, toCommandFailure } from '../src/protocol';
import { maskAccessKeyId } from '../src/secrets';
import { credentialVariables } from '../src/terminalEnv';
import { session } from './fixtures';

describe('toCommandFailure', () => {
  it('reads message, reason and data of a JSON-RPC error', () => {
    const err = Object.assign(new Error('MFA code needed for arn:aws:iam::1:mfa/jo'), {
      code: -32803,
      data: { reason: 'mfa-required', mfaSerial: 'arn:aws:iam::1:mfa/jo', profile: 'prod' },
    });
    const f = toCommandFailure(err);
    assert.equal(f.reason, 'mfa-required');
    assert.equal(f.message, 'MFA code needed for arn:aws:iam::1:mfa/jo');
    assert.equal(f.data.mfaSerial, 'arn:aws:iam::1:mfa/jo');
  });
  it('copes with errors without data and with non-errors', () => {
    assert.equal(toCommandFailure(new Error('boom')).reason, undefined);
    assert.equal(toCommandFailure('plain').message, 'plain');
    assert.deepEqual(toCommandFailure(undefined).data, {});
  });
});

describe('asStatusResult', () => {
  it('accepts the documented shape and drops malformed sessions', () => {
    const r = asStatusResult({ active: 'dev-admin', sessions: [session(), { profile: 3 }] });
    assert.equal(r?.sessions.length, 1);
    assert.equal(activeSession(r!)?.profile, 'dev-admin');
  });
  it('refuses anything else', () => {
    assert.equal(asStatusResult(null), undefined);
    assert.equal(asStatusResult({ active: 'x' }), undefined);
    assert.equal(asStatusResult([]), undefined);
  });
  it('has no active session when active is null', () => {
    assert.equal(activeSession(asStatusResult({ active: null, sessions: [session()] })!), undefined);
  });
});

describe('maskAccessKeyId', () => {
  it('shows a key ID as the Go side does (awsfiles/testdata/masked-key-ids.json)', () => {
    const table = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'awsfiles', 'testdata', 'masked-key-ids.json'), 'utf8')) as {
      cases: { id: string; shown: string }[];
    };
    assert.ok(table.cases.length > 0);
    for (const c of table.cases) {
      assert.equal(maskAccessKeyId(c.id), c.shown, `maskAccessKeyId(${JSON.stringify(c.id)})`);
    }
  });
  it('leaves a key ID the server already masked as it is', () => {
    assert.equal(maskAccessKeyId('ASIA…WXYZ'), 'ASIA…WXYZ');
  });
});

describe('credentialVariables', () => {
  const creds = {
    profile: 'dev-admin',
    accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    sessionToken: 'EXAMPLEtoken',
    expiration: '2026-11-27T11:00:00Z',
    region: 'eu-west-1',
  };
  it('gives the variables the AWS SDKs and CLI read', () => {
    assert.deepEqual(Object.fromEntries(credentialVariables(creds)), {
      AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_SESSION_TOKEN: 'EXAMPLEtoken',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_CREDENTIAL_EXPIRATION: '2026-11-27T11:00:00Z',
      ROLECALL_PROFILE: 'dev-admin',
    });
  });
  it('leaves the region out when the profile has none', () => {
    const vars = credentialVariables({ ...creds, region: '' });
    assert.equal(vars.has('AWS_REGION') || vars.has('AWS_DEFAULT_REGION'), false);
  });
});
