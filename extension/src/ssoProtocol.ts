// The shapes of the IAM Identity Center commands (rolecall-ls.sso.*) and of the rolecall/ssoProgress
// notification, as docs/commands.md documents them and internal/wire/testdata holds them. Types and
// checks only: no vscode import, so the unit tests use them.

import type { CommandFailure, SessionStatus } from './protocol';

export const SSO_PROGRESS_NOTIFICATION = 'rolecall/ssoProgress';

/** How to name a sign-in in a command's argument: its [sso-session], or the legacy profile. */
export type SsoTarget = { ssoSession: string } | { profile: string };

/** The Identity Center sign-in a role session's credentials come from (SessionStatus.sso). */
export interface SessionSso {
  /** The session's label: the sso-session's name, or the legacy form's start URL. */
  name: string;
  ssoSession: string | null;
  profile: string | null;
  startUrl: string;
  region: string;
}

/** One sign-in and what the token cache says of it (rolecall-ls.sso.sessions). */
export interface SsoSession extends SessionSso {
  signedIn: boolean;
  /** The access token's expiry, RFC 3339 UTC; null when none is cached. */
  expiration: string | null;
  /** The token renews itself until the Identity Center session ends. */
  refreshable: boolean;
}

export interface SsoSessions {
  sessions: SsoSession[];
}

export interface SsoProgress {
  id: string;
  kind: 'open' | 'waiting' | 'signed-in' | string;
  flow: 'authorization-code' | 'device-code' | string;
  url: string | null;
  verificationUri: string | null;
  userCode: string | null;
  expiresAt: string | null;
  message: string;
}

export interface SsoAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

export interface SsoAccounts {
  ssoSession: string;
  accounts: SsoAccount[];
  fetchedAt: string;
}

export interface GeneratedProfile {
  profile: string;
  accountId: string;
  accountName: string;
  roleName: string;
}

export interface SsoProfilesPlan {
  ssoSession: string;
  configFile: string;
  profiles: GeneratedProfile[];
  added: string[];
  removed: string[];
  kept: string[];
  block: string;
  content: string;
  changed: boolean;
  written: boolean;
}

/** The argument that names this sign-in in rolecall-ls.sso.* commands. */
export function targetOf(s: SessionSso): SsoTarget {
  return s.ssoSession !== null ? { ssoSession: s.ssoSession } : { profile: s.profile ?? '' };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNullableString = (v: unknown): boolean => v === null || typeof v === 'string';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isSessionSso(v: unknown): v is SessionSso {
  return (
    isRecord(v) &&
    isString(v.name) &&
    isNullableString(v.ssoSession) &&
    isNullableString(v.profile) &&
    isString(v.startUrl) &&
    isString(v.region)
  );
}

export function isSsoSession(v: unknown): v is SsoSession {
  return (
    isSessionSso(v) &&
    typeof (v as unknown as Record<string, unknown>).signedIn === 'boolean' &&
    isNullableString((v as unknown as Record<string, unknown>).expiration) &&
    typeof (v as unknown as Record<string, unknown>).refreshable === 'boolean'
  );
}

export function asSsoSessions(v: unknown): SsoSessions | undefined {
  return isRecord(v) && Array.isArray(v.sessions) && v.sessions.every(isSsoSession) ? (v as unknown as SsoSessions) : undefined;
}

export function asSsoSession(v: unknown): SsoSession | undefined {
  return isSsoSession(v) ? v : undefined;
}

export function asSsoProgress(v: unknown): SsoProgress | undefined {
  return isRecord(v) &&
    isString(v.id) &&
    isString(v.kind) &&
    isString(v.flow) &&
    isNullableString(v.url) &&
    isNullableString(v.verificationUri) &&
    isNullableString(v.userCode) &&
    isNullableString(v.expiresAt) &&
    isString(v.message)
    ? (v as unknown as SsoProgress)
    : undefined;
}

function isSsoAccount(v: unknown): v is SsoAccount {
  return isRecord(v) && isString(v.accountId) && isString(v.accountName) && isString(v.emailAddress) && isStrings(v.roles);
}

export function asSsoAccounts(v: unknown): SsoAccounts | undefined {
  return isRecord(v) && isString(v.ssoSession) && isString(v.fetchedAt) && Array.isArray(v.accounts) && v.accounts.every(isSsoAccount)
    ? (v as unknown as SsoAccounts)
    : undefined;
}

function isGeneratedProfile(v: unknown): v is GeneratedProfile {
  return isRecord(v) && isString(v.profile) && isString(v.accountId) && isString(v.accountName) && isString(v.roleName);
}

export function asSsoProfilesPlan(v: unknown): SsoProfilesPlan | undefined {
  return isRecord(v) &&
    isString(v.ssoSession) &&
    isString(v.configFile) &&
    Array.isArray(v.profiles) &&
    v.profiles.every(isGeneratedProfile) &&
    isStrings(v.added) &&
    isStrings(v.removed) &&
    isStrings(v.kept) &&
    isString(v.block) &&
    isString(v.content) &&
    typeof v.changed === 'boolean' &&
    typeof v.written === 'boolean'
    ? (v as unknown as SsoProfilesPlan)
    : undefined;
}

/** The sign-in a role session comes from, when the server said (SessionStatus.sso). */
export function ssoOf(session: SessionStatus): SessionSso | undefined {
  const sso = (session as SessionStatus & { sso?: unknown }).sso;
  return isSessionSso(sso) ? sso : undefined;
}

/**
 * The sign-in a failed command asks for: the session whose sign-in is missing or over, named by the
 * error's data (reason or ssoReason sso-sign-in-required, with ssoSession). undefined otherwise.
 */
export function signInNeeded(failure: CommandFailure): string | undefined {
  const reason = failure.reason as string | undefined;
  const needs = reason === 'sso-sign-in-required' || failure.data.ssoReason === 'sso-sign-in-required';
  return needs && typeof failure.data.ssoSession === 'string' ? failure.data.ssoSession : undefined;
}
