import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { expandHome, languageFor, readSettings, resolveAwsFiles, serverSettings, type SettingReader } from '../src/settings';

const HOME = path.resolve('/home/jo');

function reader(values: Record<string, unknown>): SettingReader {
  return <T>(key: string, fallback: T): T => (key in values ? (values[key] as T) : fallback);
}

describe('readSettings', () => {
  it('gives terminals the endpoint by default; static and off on request; the old terminalEnvironment=false means off', () => {
    assert.equal(readSettings(reader({}), HOME).terminalCredentials, 'endpoint');
    assert.equal(readSettings(reader({ terminalCredentials: 'static' }), HOME).terminalCredentials, 'static');
    assert.equal(readSettings(reader({ terminalCredentials: 'bogus' }), HOME).terminalCredentials, 'endpoint');
    assert.equal(readSettings(reader({ terminalEnvironment: false }), HOME).terminalCredentials, 'off');
    assert.equal(
      readSettings(reader({ terminalEnvironment: false, terminalCredentials: 'static' }), HOME).terminalCredentials,
      'off',
    );
  });

  it('reads the MFA helpers and passes them to the server', () => {
    const s = readSettings(reader({ 'mfa.yubikeyAccount': ' aws-jo ', 'mfa.ykmanPath': '~/bin/ykman', 'mfa.timeoutSeconds': 20 }), HOME);
    assert.deepEqual(serverSettings(s).mfa, { yubikeyAccount: 'aws-jo', ykmanPath: path.join(HOME, 'bin/ykman'), timeoutSeconds: 20 });
  });

  it('passes rolecall.hints.plaintextKeys to the server as hints.plaintextKeys', () => {
    const s = readSettings(reader({ 'hints.plaintextKeys': false }), HOME);
    assert.deepEqual(serverSettings(s).hints, { plaintextKeys: false });
  });

  it('has the documented defaults', () => {
    const s = readSettings(reader({}), HOME);
    assert.deepEqual(s, {
      serverPath: '',
      configFile: '',
      credentialsFile: '',
      autoRefresh: true,
      expiryWarningMinutes: 10,
      terminalCredentials: 'endpoint',
      cliCache: true,
      mfaSessionHours: 12,
      writeProfile: '',
      mfa: { yubikeyAccount: '', ykmanPath: '', timeoutSeconds: 60 },
      hints: { plaintextKeys: true },
      traceServer: 'off',
    });
  });

  it('falls back to the default for a value of the wrong type or range', () => {
    const s = readSettings(
      reader({ autoRefresh: 'yes', expiryWarningMinutes: -3, 'trace.server': 'loud', configFile: 7 }),
      HOME,
    );
    assert.equal(s.autoRefresh, true);
    assert.equal(s.expiryWarningMinutes, 10);
    assert.equal(s.traceServer, 'off');
    assert.equal(s.configFile, '');
  });

  it('expands ~ in paths and trims the profile name', () => {
    const s = readSettings(reader({ configFile: '~/aws/cfg', 'server.path': '~/bin/rolecall', writeProfile: ' rc ' }), HOME);
    assert.equal(s.configFile, path.join(HOME, 'aws/cfg'));
    assert.equal(s.serverPath, path.join(HOME, 'bin/rolecall'));
    assert.equal(s.writeProfile, 'rc');
  });

  it('gives the server exactly the documented initializationOptions', () => {
    const s = readSettings(reader({ autoRefresh: false, expiryWarningMinutes: 5, writeProfile: 'rc' }), HOME);
    assert.deepEqual(Object.keys(serverSettings(s)).sort(), [
      'autoRefresh',
      'cliCache',
      'configFile',
      'credentialsFile',
      'expiryWarningMinutes',
      'hints',
      'mfa',
      'mfaSessionHours',
      'writeProfile',
    ]);
    assert.equal(serverSettings(s).autoRefresh, false);
    assert.equal(serverSettings(s).expiryWarningMinutes, 5);
  });
});

describe('resolveAwsFiles', () => {
  const none = readSettings(reader({}), HOME);
  it('defaults to ~/.aws', () => {
    assert.deepEqual(resolveAwsFiles(none, {}, HOME), {
      config: path.join(HOME, '.aws', 'config'),
      credentials: path.join(HOME, '.aws', 'credentials'),
    });
  });
  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', () => {
    const env = { AWS_CONFIG_FILE: '~/c', AWS_SHARED_CREDENTIALS_FILE: path.resolve('/etc/aws/creds') };
    assert.deepEqual(resolveAwsFiles(none, env, HOME), {
      config: path.join(HOME, 'c'),
      credentials: path.resolve('/etc/aws/creds'),
    });
  });
  it('lets the settings win over the environment', () => {
    const s = readSettings(reader({ configFile: path.resolve('/x/config') }), HOME);
    assert.equal(resolveAwsFiles(s, { AWS_CONFIG_FILE: '/y' }, HOME).config, path.resolve('/x/config'));
  });
});

describe('expandHome', () => {
  it('expands only a leading ~', () => {
    assert.equal(expandHome('~', HOME), HOME);
    assert.equal(expandHome('a/~/b', HOME), 'a/~/b');
    assert.equal(expandHome('~jo/x', HOME), '~jo/x');
  });
});

describe('languageFor', () => {
  const files = { config: path.resolve('/cfg/AWS-config'), credentials: path.resolve('/cfg/creds') };
  it('names the language of the files in use and nothing else', () => {
    assert.equal(languageFor(files.config, files, false), 'aws-config');
    assert.equal(languageFor(files.credentials, files, false), 'aws-credentials');
    assert.equal(languageFor(path.resolve('/cfg/other'), files, false), undefined);
  });
  it('compares case-insensitively where the file system does', () => {
    assert.equal(languageFor(files.config.toLowerCase(), files, false), undefined);
    assert.equal(languageFor(files.config.toLowerCase(), files, true), 'aws-config');
  });
});
