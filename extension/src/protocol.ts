// The shapes of the server's commands and of the rolecall/status notification, as documented in
// docs/commands.md. Only types and tiny helpers: no vscode import, so the unit tests can use them.

export type SessionState = 'active' | 'expiring' | 'expired' | 'error';

/** One session, as every server command and the rolecall/status notification report it. */
export interface SessionStatus {
  profile: string;
  roleArn: string;
  assumedRoleArn: string | null;
  accountId: string | null;
  region: string | null;
  /** RFC 3339, UTC. */
  expiration: string;
  state: SessionState;
  error: string | null;
  /** Already masked by the server (first four and last four characters). */
  accessKeyId: string | null;
  chain: string[];
  mfa: boolean;
  autoRefresh: boolean;
  refreshAt: string | null;
  expiringAt: string | null;
  source: 'sts' | 'cli-cache' | 'mfa-session' | string;
  /** Why the engine chose what it did for this session (e.g. MFA on AssumeRole); absent when nothing to say. */
  note?: string;
}

/** Result of rolecall-ls.status and params of the rolecall/status notification. */
export interface StatusResult {
  active: string | null;
  sessions: SessionStatus[];
}

export interface AccountProfile {
  profile: string;
  kind: string;
  accountId: string | null;
  region: string | null;
  mfaSerial: string | null;
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
}

/** Result of rolecall-ls.profiles. */
export interface ProfilesResult {
  accounts: AccountProfile[];
  roles: RoleProfile[];
}

/** Result of rolecall-ls.credentials: the only message that carries secrets. Never log it. */
export interface CredentialsResult {
  profile: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  region: string | null;
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
  | 'no-session'
  | 'invalid-argument';

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

/** Accepts what the server sent as a StatusResult only when it has the documented shape. */
export function asStatusResult(value: unknown): StatusResult | undefined {
  if (!isRecord(value) || !Array.isArray(value.sessions)) {
    return undefined;
  }
  const sessions = value.sessions.filter(isSessionStatus);
  const active = typeof value.active === 'string' ? value.active : null;
  return { active, sessions };
}

export function isSessionStatus(value: unknown): value is SessionStatus {
  return (
    isRecord(value) &&
    typeof value.profile === 'string' &&
    typeof value.expiration === 'string' &&
    typeof value.state === 'string'
  );
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
