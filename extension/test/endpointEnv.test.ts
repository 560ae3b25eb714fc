// What new terminals get, per rolecall.terminalCredentials, and the editor's own environment.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { asConsoleResult, asEndpointResult } from '../src/editorWire';
import { credentialVariables, effectiveMode, endpointVariables, TERMINAL_VARIABLES } from '../src/endpointEnv';
import { REGIONS, regionItems } from '../src/regions';
import { TOOLTIP_COMMANDS, withSessionLinks } from '../src/sessionLinks';

const ROOT = join(__dirname, '..', '..', '..');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(ROOT, 'internal', 'wire', 'testdata', name), 'utf8'));

describe('terminal variables', () => {
  const endpoint = { uri: 'http://127.0.0.1:49152/credentials', token: 'TOKEN' };

  it('point a terminal at the endpoint, with the region and the profile for prompts, and no keys', () => {
    const vars = endpointVariables(endpoint, 'dev-admin', 'eu-west-1', {});
    assert.deepEqual(Object.fromEntries(vars), {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: endpoint.uri,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'TOKEN',
      ROLECALL_PROFILE: 'dev-admin',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
    });
  });

  it('blank keys the editor was started with, which every SDK would use before the endpoint', () => {
    const vars = endpointVariables(endpoint, 'dev-admin', '', { AWS_ACCESS_KEY_ID: 'AKIA…', AWS_SESSION_TOKEN: '' });
    assert.equal(vars.get('AWS_ACCESS_KEY_ID'), '');
    assert.equal(vars.has('AWS_SESSION_TOKEN'), false);
    assert.equal(vars.has('AWS_REGION'), false);
  });

  it('give static keys with their expiry when asked', () => {
    const creds = fixture('credentials.json') as Parameters<typeof credentialVariables>[0];
    const vars = credentialVariables(creds);
    assert.equal(vars.get('AWS_CREDENTIAL_EXPIRATION'), creds.expiration);
    assert.equal(vars.get('ROLECALL_PROFILE'), creds.profile);
    assert.equal(vars.has('AWS_CONTAINER_CREDENTIALS_FULL_URI'), false);
  });

  it('are all known to the environment collection, so switching modes removes the other mode\'s', () => {
    for (const vars of [endpointVariables(endpoint, 'p', 'us-east-1', { AWS_ACCESS_KEY_ID: 'x' }), credentialVariables(fixture('credentials.json') as never)]) {
      for (const name of vars.keys()) {
        assert.ok((TERMINAL_VARIABLES as readonly string[]).includes(name), name);
      }
    }
  });
});

describe('effective mode', () => {
  it('uses the endpoint unless AWS_PROFILE in the editor would win over it; then static keys, which win over profiles', () => {
    assert.deepEqual(effectiveMode('endpoint', {}), { mode: 'endpoint' });
    const withProfile = effectiveMode('endpoint', { AWS_PROFILE: 'work' });
    assert.equal(withProfile.mode, 'static');
    assert.match(withProfile.why ?? '', /AWS_PROFILE is set/);
    assert.equal(effectiveMode('endpoint', { AWS_DEFAULT_PROFILE: 'x' }).mode, 'static');
    assert.deepEqual(effectiveMode('off', { AWS_PROFILE: 'work' }), { mode: 'off' });
    assert.deepEqual(effectiveMode('static', {}), { mode: 'static' });
  });
});

describe('endpoint and console replies', () => {
  it('endpoint.json and console.json, the Go fixtures, decode', () => {
    assert.deepEqual(asEndpointResult(fixture('endpoint.json')), fixture('endpoint.json'));
    assert.deepEqual(asConsoleResult(fixture('console.json')), fixture('console.json'));
  });

  it('refuse an endpoint that is not on loopback, and anything malformed', () => {
    assert.equal(asEndpointResult({ uri: 'http://evil.example:80/credentials', token: 't' }), undefined);
    assert.equal(asEndpointResult({ uri: 'http://127.0.0.1:1/credentials' }), undefined);
    assert.equal(asConsoleResult({ profile: 'p', url: 'javascript:alert(1)' }), undefined);
  });
});

describe('region picker', () => {
  it('lists the regions of the Go table (commercial, China, GovCloud)', () => {
    const go = readFileSync(join(ROOT, 'awsfiles', 'regions.go'), 'utf8');
    const table = [...go.matchAll(/\{"([a-z0-9-]+)", "([^"]+)", "aws(?:-cn|-us-gov)?", false\}/g)].map((m) => ({
      name: m[1],
      description: m[2],
    }));
    assert.deepEqual(REGIONS, table);
  });

  it('puts the current region first, then a way back to the profile\'s own', () => {
    const items = regionItems('eu-west-1');
    assert.equal(items[0].region, 'eu-west-1');
    assert.equal(items[0].picked, true);
    assert.match(items[0].description, /Ireland.*current/);
    assert.equal(items[1].region, '');
    assert.equal(items.filter((i) => i.region === 'eu-west-1').length, 1);
  });
});

describe('tooltip links', () => {
  it('appear under a session only, and only for the enabled commands', () => {
    const withLinks = withSessionLinks('**dev**', 'rolecall.refresh');
    for (const cmd of withLinks.matchAll(/command:([\w.]+)/g)) {
      assert.ok((TOOLTIP_COMMANDS as readonly string[]).includes(cmd[1]), cmd[1]);
    }
    assert.match(withLinks, /Open Console/);
    assert.equal(withSessionLinks('no role', 'rolecall.assumeRole'), 'no role');
  });
});
