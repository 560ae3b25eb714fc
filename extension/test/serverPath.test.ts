import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { chooseServerBinary, prepareServerBinary, startFailureMessage } from '../src/serverPath';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rolecall-serverpath-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('chooseServerBinary', () => {
  it('uses the bundled bin/rolecall, bin/rolecall.exe on Windows', () => {
    assert.deepEqual(chooseServerBinary('', '/ext', 'linux'), { path: path.join('/ext', 'bin', 'rolecall'), bundled: true });
    assert.deepEqual(chooseServerBinary('  ', '/ext', 'win32'), { path: path.join('/ext', 'bin', 'rolecall.exe'), bundled: true });
  });
  it('lets rolecall.server.path override it', () => {
    assert.deepEqual(chooseServerBinary('/opt/rolecall', '/ext', 'linux'), { path: '/opt/rolecall', bundled: false });
  });
});

describe('prepareServerBinary', () => {
  it('says when the binary is missing', () => {
    const missing = path.join(tmp, 'nope');
    assert.equal(prepareServerBinary({ path: missing, bundled: true }, 'linux'), `${missing} does not exist`);
  });
  it('says when the path is a folder', () => {
    assert.match(prepareServerBinary({ path: tmp, bundled: false }, 'linux') ?? '', /is not a file/);
  });
  it('adds the execute bit a zip may have dropped', { skip: process.platform === 'win32' }, () => {
    const bin = path.join(tmp, 'rolecall');
    fs.writeFileSync(bin, '#!/bin/sh\n', { mode: 0o644 });
    assert.equal(prepareServerBinary({ path: bin, bundled: true }, 'linux'), undefined);
    assert.equal(fs.statSync(bin).mode & 0o111, 0o111);
  });
});

describe('startFailureMessage', () => {
  it('says what failed and what to check, for the bundled binary and for the setting', () => {
    const bundled = startFailureMessage({ path: '/ext/bin/rolecall', bundled: true }, '/ext/bin/rolecall does not exist');
    assert.match(bundled, /could not start its language server: \/ext\/bin\/rolecall does not exist/);
    assert.match(bundled, /Reinstall .* or set "rolecall.server.path"/);
    const custom = startFailureMessage({ path: '/x', bundled: false }, 'spawn EACCES');
    assert.match(custom, /Check the "rolecall.server.path" setting/);
  });
});
