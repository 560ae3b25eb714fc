import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONFIG_TEMPLATE, CREDENTIALS_TEMPLATE, missingConfigMessage } from '../src/firstRun';

describe('first run', () => {
  it('says the config file does not exist and offers to create it', () => {
    assert.match(missingConfigMessage('/home/jo/.aws/config'), /^\/home\/jo\/\.aws\/config does not exist yet/);
  });
  it('creates files of comments only: nothing changes until the user writes a profile', () => {
    for (const template of [CONFIG_TEMPLATE, CREDENTIALS_TEMPLATE]) {
      for (const line of template.split('\n')) {
        assert.ok(line === '' || line.startsWith('#'), `not a comment: "${line}"`);
      }
    }
  });
  it('holds no key, not even a fake one', () => {
    for (const template of [CONFIG_TEMPLATE, CREDENTIALS_TEMPLATE]) {
      assert.doesNotMatch(template, /AKIA|ASIA|EXAMPLEKEY|aws_secret_access_key = [^<]/);
    }
  });
  it('shows a role profile to copy', () => {
    assert.match(CONFIG_TEMPLATE, /# \[profile dev-admin\]\n# role_arn = arn:aws:iam::111122223333:role\/Admin\n# source_profile = base/);
  });
});
