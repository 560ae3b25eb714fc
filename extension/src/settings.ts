// The extension's settings: reading them, the subset the server gets (as initializationOptions and in
// workspace/didChangeConfiguration), and where the AWS files are. Pure apart from the `read` callback.

import * as path from 'node:path';
import type { TerminalCredentials } from './endpointEnv';

/** What the server gets: the documented initializationOptions and `{rolecall: …}` settings object. */
export interface ServerSettings {
  configFile: string;
  credentialsFile: string;
  autoRefresh: boolean;
  expiryWarningMinutes: number;
  cliCache: boolean;
  mfaSessionHours: number;
  writeProfile: string;
  /** The MFA helpers (rolecall.mfa.*); the server reads them as `mfa`. */
  mfa: MfaSettings;
  /** Single hints that can be turned off (rolecall.hints.*); the server reads them as `hints`. */
  hints: HintSettings;
}

export interface HintSettings {
  /** The plaintext-keys hint on long-term keys in the credentials file. */
  plaintextKeys: boolean;
}

export interface MfaSettings {
  /** The YubiKey OATH account whose code answers when one is needed; '' = never ask ykman. */
  yubikeyAccount: string;
  /** The ykman program; '' = ykman on PATH. */
  ykmanPath: string;
  /** How long mfa_process or ykman may take. */
  timeoutSeconds: number;
}

export interface ExtensionSettings extends ServerSettings {
  serverPath: string;
  terminalCredentials: TerminalCredentials;
  traceServer: 'off' | 'messages' | 'verbose';
}

/** Reads a setting below `rolecall.`, falling back to the default when unset or of the wrong type. */
export type SettingReader = <T>(key: string, fallback: T) => T;

export const DEFAULT_WARNING_MINUTES = 10;
export const DEFAULT_MFA_SESSION_HOURS = 12;
export const DEFAULT_MFA_TIMEOUT_SECONDS = 60;

export function readSettings(read: SettingReader, home: string): ExtensionSettings {
  const trace = read<string>('trace.server', 'off');
  return {
    serverPath: expandHome(stringOr(read('server.path', ''), ''), home),
    configFile: expandHome(stringOr(read('configFile', ''), ''), home),
    credentialsFile: expandHome(stringOr(read('credentialsFile', ''), ''), home),
    autoRefresh: booleanOr(read('autoRefresh', true), true),
    expiryWarningMinutes: positiveOr(read('expiryWarningMinutes', DEFAULT_WARNING_MINUTES), DEFAULT_WARNING_MINUTES),
    terminalCredentials: terminalCredentialsOf(read),
    cliCache: booleanOr(read('cliCache', true), true),
    mfaSessionHours: positiveOr(read('mfaSessionHours', DEFAULT_MFA_SESSION_HOURS), DEFAULT_MFA_SESSION_HOURS),
    writeProfile: stringOr(read('writeProfile', ''), '').trim(),
    mfa: {
      yubikeyAccount: stringOr(read('mfa.yubikeyAccount', ''), '').trim(),
      ykmanPath: expandHome(stringOr(read('mfa.ykmanPath', ''), '').trim(), home),
      timeoutSeconds: positiveOr(read('mfa.timeoutSeconds', DEFAULT_MFA_TIMEOUT_SECONDS), DEFAULT_MFA_TIMEOUT_SECONDS),
    },
    hints: { plaintextKeys: booleanOr(read('hints.plaintextKeys', true), true) },
    traceServer: trace === 'messages' || trace === 'verbose' ? trace : 'off',
  };
}

/** The part of the settings the server acts on. */
export function serverSettings(s: ExtensionSettings): ServerSettings {
  return {
    configFile: s.configFile,
    credentialsFile: s.credentialsFile,
    autoRefresh: s.autoRefresh,
    expiryWarningMinutes: s.expiryWarningMinutes,
    cliCache: s.cliCache,
    mfaSessionHours: s.mfaSessionHours,
    writeProfile: s.writeProfile,
    mfa: s.mfa,
    hints: s.hints,
  };
}

/**
 * rolecall.terminalCredentials, with the older rolecall.terminalEnvironment (deprecated) still
 * honoured: set to false, it keeps terminals free of credentials, as it did.
 */
function terminalCredentialsOf(read: SettingReader): TerminalCredentials {
  if (read<unknown>('terminalEnvironment', true) === false) {
    return 'off';
  }
  const v = read<unknown>('terminalCredentials', 'endpoint');
  return v === 'static' || v === 'off' ? v : 'endpoint';
}

export interface AwsFiles {
  config: string;
  credentials: string;
}

/** The files in use, in the AWS CLI's order: the setting, then the environment variable, then ~/.aws. */
export function resolveAwsFiles(s: ServerSettings, env: NodeJS.ProcessEnv, home: string): AwsFiles {
  return {
    config: firstPath(s.configFile, env.AWS_CONFIG_FILE, home, path.join(home, '.aws', 'config')),
    credentials: firstPath(
      s.credentialsFile,
      env.AWS_SHARED_CREDENTIALS_FILE,
      home,
      path.join(home, '.aws', 'credentials'),
    ),
  };
}

/** The language a file should have, or undefined when it is not one of the AWS files in use. */
export function languageFor(fsPath: string, files: AwsFiles, caseInsensitive: boolean): string | undefined {
  const norm = (p: string) => (caseInsensitive ? p.toLowerCase() : p);
  if (norm(fsPath) === norm(files.config)) {
    return 'aws-config';
  }
  if (norm(fsPath) === norm(files.credentials)) {
    return 'aws-credentials';
  }
  return undefined;
}

/** `~` and `~/x` become paths in the home directory; anything else is returned as is. */
export function expandHome(p: string, home: string): string {
  if (p === '~') {
    return home;
  }
  if (p.startsWith('~/') || p.startsWith('~\\')) {
    return path.join(home, p.slice(2));
  }
  return p;
}

function firstPath(setting: string, envValue: string | undefined, home: string, fallback: string): string {
  if (setting !== '') {
    return path.resolve(setting);
  }
  if (envValue !== undefined && envValue.trim() !== '') {
    return path.resolve(expandHome(envValue.trim(), home));
  }
  return fallback;
}

function stringOr(v: unknown, fallback: string): string {
  return typeof v === 'string' ? v : fallback;
}

function booleanOr(v: unknown, fallback: boolean): boolean {
  return typeof v === 'boolean' ? v : fallback;
}

function positiveOr(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}
