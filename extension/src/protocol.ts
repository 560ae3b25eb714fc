// The shapes of the server's commands and of the rolecall/status notification, as documented in
// docs/commands.md. Only types and tiny helpers: no vscode import, so the unit tests can use them.

export type SessionState = 'active' | 'expiring' | 'expired' | 'error';

/** One session, as every server command and the rolecall/status notification report it. */
export interface SessionStatus {
  profile: string;
  roleArn: string;
  assumedRoleArn: string;
  accountId: string;
  region: string;
  /** RFC 3339, UTC. */
  expiration: string;
  state: SessionState;
  /** Why the last assume or refresh failed; null unless state is 'error'. */
  error: string | null;
  /** Already masked by the server (first four and last four characters). */
  accessKeyId: string;
  chain: string[];
  mfa: boolean;
  /** The MFA code goes with AssumeRole itself (no MFA session can serve it), so every refresh asks for a code. */
  mfaEachRefresh: boolean;
  autoRefresh: boolean;
  /** When auto-refresh will renew the session; null when it will not (MFA needed, or auto-refresh off). */
  refreshAt: string | null;
  expiringAt: string;
  source: 'sts' | 'cli-cache' | 'mfa-session' | 'shared' | string;
  /** Why the engine chose what it did for this session (e.g. MFA on AssumeRole); absent when nothing to say. */
  note?: string;
}

/** Result of rolecall-ls.status and rolecall-ls.forget, and params of the rolecall/status notification. */
export interface StatusResult {
  active: string | null;
  sessions: SessionStatus[];
}

/** Where a profile is written: a section header line (0-based) of one of the files. */
export interface Place {
  uri: string;
  line: number;
}

export interface AccountProfile {
  profile: string;
  kind: string;
  accountId: string | null;
  region: string | null;
  mfaSerial: string | null;
  definedAt: Place[];
}

export interface RoleProfile {
  profile: string;
  roleArn: string;
  accountId: string | null;
  region: string | null;
  mfaSerial: string | null;
  durationSeconds: number | null;
  sourceAccount: string | null;
  chain: string[];
  valid: boolean;
  /** Error-severity diagnostics in the role's own sections. */
  errors: number;
  definedAt: Place[];
}

/** Result of rolecall-ls.profiles. */
export interface ProfilesResult {
  accounts: AccountProfile[];
  roles: RoleProfile[];
}

/** Result of rolecall-ls.credentials: one of the three messages that carry secrets (editorWire.ts has the others). Never log it. */
export interface CredentialsResult {
  profile: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  /** "" when the profile has no region. */
  region: string;
}

// What the server sends is checked against these field lists before the extension uses it. The Go
// side owns the shapes (internal/wire); its fixtures (internal/wire/testdata) are decoded by the
// tests of both sides, so a field that changes on one side fails a test on the other.

/** The JSON type of a field: 'string?' may be absent, '|null' may be null. */
export type FieldType = 'string' | 'string?' | 'string|null' | 'number' | 'number|null' | 'boolean' | 'string[]' | 'place[]';
type Fields<T> = { readonly [K in keyof Required<T>]: FieldType };

export const SESSION_STATUS_FIELDS: Fields<SessionStatus> = {
  profile: 'string',
  roleArn: 'string',
  assumedRoleArn: 'string',
  accountId: 'string',
  region: 'string',
  expiration: 'string',
  state: 'string',
  error: 'string|null',
  accessKeyId: 'string',
  chain: 'string[]',
  mfa: 'boolean',
  mfaEachRefresh: 'boolean',
  autoRefresh: 'boolean',
  refreshAt: 'string|null',
  expiringAt: 'string',
  source: 'string',
  note: 'string?',
};

export const ACCOUNT_PROFILE_FIELDS: Fields<AccountProfile> = {
  profile: 'string',
  kind: 'string',
  accountId: 'string|null',
  region: 'string|null',
  mfaSerial: 'string|null',
  definedAt: 'place[]',
};

export const ROLE_PROFILE_FIELDS: Fields<RoleProfile> = {
  profile: 'string',
  roleArn: 'string',
  accountId: 'string|null',
  region: 'string|null',
  mfaSerial: 'string|null',
  durationSeconds: 'number|null',
  sourceAccount: 'string|null',
  chain: 'string[]',
  valid: 'boolean',
  errors: 'number',
  definedAt: 'place[]',
};

export const CREDENTIALS_FIELDS: Fields<CredentialsResult> = {
  profile: 'string',
  accessKeyId: 'string',
  secretAccessKey: 'string',
  sessionToken: 'string',
  expiration: 'string',
  region: 'string',
};

const SESSION_STATES: readonly string[] = ['active', 'expiring', 'expired', 'error'];

/** Whether value is an object whose fields have the listed types (fields not listed are ignored). */
function hasFields(value: unknown, fields: Record<string, FieldType>): value is Record<string, unknown> {
  return isRecord(value) && Object.entries(fields).every(([name, type]) => fieldFits(value[name], type));
}

function fieldFits(v: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'string?':
      return v === undefined || typeof v === 'string';
    case 'string|null':
      return v === null || typeof v === 'string';
    case 'number':
      return typeof v === 'number';
    case 'number|null':
      return v === null || typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'string[]':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'place[]':
      return Array.isArray(v) && v.every((x) => isRecord(x) && typeof x.uri === 'string' && typeof x.line === 'number');
  }
}

export type ErrorReason =
  | 'mfa-required'
  | 'mfa-invalid'
  | 'profile-not-found'
  | 'profile-invalid'
  | 'access-denied'
  | 'source-credentials'
  | 'sts-unreachable'
  | 'sts-error'
  | 'no-session';

/** What a failed server command tells us: the sentence for the user and the machine-readable data. */
export interface CommandFailure {
  message: string;
  reason: ErrorReason | undefined;
  data: Record<string, unknown>;
}

/** Reads a JSON-RPC error (a ResponseError or anything thrown) into a CommandFailure. */
export function toCommandFailure(err: unknown): CommandFailure {
  const e = (err ?? {}) as { message?: unknown; data?: unknown };
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : String(err);
  const data = isRecord(e.data) ? e.data : {};
  const reason = typeof data.reason === 'string' ? (data.reason as ErrorReason) : undefined;
  return { message, reason, data };
}

/** An empty status, used before the server has said anything. */
export const NO_SESSIONS: StatusResult = { active: null, sessions: [] };

/**
 * Accepts what the server sent as a StatusResult only when it has the documented shape; a session that
 * does not is dropped (the others are still worth showing).
 */
export function asStatusResult(value: unknown): StatusResult | undefined {
  if (!isRecord(value) || !Array.isArray(value.sessions) || !fieldFits(value.active, 'string|null')) {
    return undefined;
  }
  const sessions = value.sessions.filter(isSessionStatus);
  return { active: value.active as string | null, sessions };
}

export function isSessionStatus(value: unknown): value is SessionStatus {
  return hasFields(value, SESSION_STATUS_FIELDS) && SESSION_STATES.includes(value.state as string);
}

/** The result of rolecall-ls.assume and rolecall-ls.refresh, or undefined when it is not a SessionStatus. */
export function asSessionStatus(value: unknown): SessionStatus | undefined {
  return isSessionStatus(value) ? value : undefined;
}

/** The result of rolecall-ls.profiles, or undefined when it, or any profile in it, is not as documented. */
export function asProfilesResult(value: unknown): ProfilesResult | undefined {
  if (
    !isRecord(value) ||
    !Array.isArray(value.accounts) ||
    !Array.isArray(value.roles) ||
    !value.accounts.every((a) => hasFields(a, ACCOUNT_PROFILE_FIELDS)) ||
    !value.roles.every((r) => hasFields(r, ROLE_PROFILE_FIELDS))
  ) {
    return undefined;
  }
  return value as unknown as ProfilesResult;
}

/** The result of rolecall-ls.credentials, or undefined when it is not as documented. */
export function asCredentialsResult(value: unknown): CredentialsResult | undefined {
  return hasFields(value, CREDENTIALS_FIELDS) ? (value as unknown as CredentialsResult) : undefined;
}

/** The active session of a status, if any. */
export function activeSession(status: StatusResult): SessionStatus | undefined {
  if (status.active === null) {
    return undefined;
  }
  return status.sessions.find((s) => s.profile === status.active);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
