import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeSpan, escapeControl, labelText } from '../src/display';
import { roleItem } from '../src/picker';
import { presentStatus } from '../src/presentation';
import { NOW, PROFILES, session, statusOf } from './fixtures';

// What a shared config file could name a profile: an escape sequence, a bidi override, an icon.
const HOSTILE = 'dev\u001b[2J\u202eadmin$(alert)\u009b';
const RAW = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

describe('display escapes', () => {
  it('writes control and formatting characters as the server and the CLI do', () => {
    assert.equal(escapeControl('a\u001b[2Jb\u202ec\u009b\n'), 'a\\x1b[2Jb\\u202ec\\u009b\\x0a');
    assert.equal(escapeControl('prod/ünïcødé 名前'), 'prod/ünïcødé 名前');
  });

  it('keeps "$(" literal in labels VS Code renders with icons', () => {
    assert.equal(labelText('x$(alert)'), 'x\\$(alert)');
  });

  it('leaves no raw control character or icon in a role item or the status bar', () => {
    const role = { ...PROFILES.roles[0]!, profile: HOSTILE, roleArn: `arn:aws:iam::111122223333:role/${HOSTILE}` };
    const item = roleItem(role, null);
    for (const text of [item.label, item.description ?? '', item.detail ?? '']) {
      assert.doesNotMatch(text, RAW);
      assert.doesNotMatch(text.replace(/^\$\([a-z]+\) /, ''), /(?<!\\)\$\(/);
    }
    const s = session({ profile: HOSTILE, roleArn: role.roleArn, chain: [HOSTILE] });
    const p = presentStatus(statusOf(s), NOW, { warningMinutes: 5 });
    for (const text of [p.text, p.tooltip.replace(/\n/g, ''), p.ariaLabel]) {
      assert.doesNotMatch(text, RAW);
    }
    assert.doesNotMatch(p.text.replace(/^\$\(key\) /, ''), /(?<!\\)\$\(/);
  });
});

describe('codeSpan', () => {
  it('cannot be closed by a backtick in the text', () => {
    assert.equal(codeSpan('eu-west-1'), '`eu-west-1`');
    assert.equal(codeSpan('a`b'), '`` a`b ``');
  });
});
