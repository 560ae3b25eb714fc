// Shared test data: sessions and profiles shaped as docs/commands.md documents them.

import type { ProfilesResult, SessionStatus, StatusResult } from '../src/protocol';

export const NOW = new Date('2026-11-27T10:00:00Z');

export function minutesFromNow(minutes: number, from: Date = NOW): string {
  return new Date(from.getTime() + minutes * 60_000).toISOString();
}

export function session(overrides: Partial<SessionStatus> = {}): SessionStatus {
  return {
    profile: 'dev-admin',
    roleArn: 'arn:aws:iam::111122223333:role/Admin',
    assumedRoleArn: 'arn:aws:sts::111122223333:assumed-role/Admin/rolecall-jo-1795774800',
    accountId: '111122223333',
    region: 'eu-west-1',
    expiration: minutesFromNow(60),
    state: 'active',
    error: null,
    accessKeyId: 'ASIA…WXYZ',
    chain: ['dev-admin', 'base'],
    mfa: false,
    mfaEachRefresh: false,
    autoRefresh: true,
    refreshAt: minutesFromNow(55),
    expiringAt: minutesFromNow(50),
    source: 'sts',
    ...overrides,
  };
}

export function statusOf(...sessions: SessionStatus[]): StatusResult {
  return { active: sessions[0]?.profile ?? null, sessions };
}

export const PROFILES: ProfilesResult = {
  accounts: [
    { profile: 'base', kind: 'static-keys', accountId: '111122223333', region: 'us-east-1', mfaSerial: 'arn:aws:iam::111122223333:mfa/jo', definedAt: [] },
    { profile: 'lonely', kind: 'sso', accountId: null, region: null, mfaSerial: null, definedAt: [] },
    { profile: 'sandbox', kind: 'static-keys', accountId: '444455556666', region: 'eu-west-1', mfaSerial: null, definedAt: [] },
  ],
  roles: [
    role('prod-mfa', 'base', { mfaSerial: 'arn:aws:iam::111122223333:mfa/jo' }),
    role('dev-admin', 'base'),
    role('sandbox-dev', 'sandbox'),
    role('from-env', null),
    role('broken', 'nowhere', { valid: false }),
  ],
};

function role(profile: string, sourceAccount: string | null, extra: Partial<ProfilesResult['roles'][number]> = {}) {
  return {
    profile,
    roleArn: `arn:aws:iam::111122223333:role/${profile}`,
    accountId: '111122223333',
    region: 'eu-west-1',
    mfaSerial: null,
    durationSeconds: 3600,
    sourceAccount,
    chain: sourceAccount ? [profile, sourceAccount] : [profile],
    valid: true,
    errors: 0,
    definedAt: [],
    ...extra,
  };
}
