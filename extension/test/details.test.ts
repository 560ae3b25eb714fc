import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderDetails } from '../src/details';
import { NO_SESSIONS } from '../src/protocol';
import { minutesFromNow, NOW, session } from './fixtures';

const files = { config: '/home/jo/.aws/config', credentials: '/home/jo/.aws/credentials' };

describe('renderDetails', () => {
  it('shows the files in use and how to assume when there is no session', () => {
    const text = renderDetails(NO_SESSIONS, files, NOW, 10);
    assert.match(text, /Config: +\/home\/jo\/\.aws\/config/);
    assert.match(text, /Credentials: +\/home\/jo\/\.aws\/credentials/);
    assert.match(text, /No role assumed\. Run "AWS: Assume Role…"/);
  });

  it('shows chain, role ARN, identity, account, expiry and the masked key of the active session', () => {
    const text = renderDetails({ active: 'dev-admin', sessions: [session()] }, files, NOW, 10);
    assert.match(text, /## Active session: dev-admin/);
    assert.match(text, /State: +active, 1h 00m left/);
    assert.match(text, /Source chain: +dev-admin → base/);
    assert.match(text, /Role ARN: +arn:aws:iam::111122223333:role\/Admin/);
    assert.match(text, /Assumed identity: +arn:aws:sts::111122223333:assumed-role\/Admin\//);
    assert.match(text, /Account: +111122223333/);
    assert.match(text, /Expires \(UTC\): +2026-11-27T11:00:00.000Z/);
    assert.match(text, /Access key ID: +ASIA…WXYZ/);
    assert.match(text, /Obtained from: +AWS STS/);
  });

  it("shows the engine's note and the last error", () => {
    const s = session({ note: 'MFA on AssumeRole: the chain starts at SSO', state: 'error', error: 'cannot reach STS' });
    const text = renderDetails({ active: 'dev-admin', sessions: [s] }, files, NOW, 10);
    assert.match(text, /Note: +MFA on AssumeRole: the chain starts at SSO/);
    assert.match(text, /Last error: +cannot reach STS/);
  });

  it('says unknown for the empty strings a server sends for unknown fields', () => {
    const blank = session({ assumedRoleArn: '', accountId: '', region: '' });
    const text = renderDetails({ active: 'dev-admin', sessions: [blank] }, files, NOW, 10);
    assert.match(text, /Assumed identity: +unknown/);
    assert.match(text, /Account: +unknown/);
    assert.match(text, /Region: +not set/);
  });

  it('masks an access key ID that came unmasked and lists other sessions', () => {
    const other = session({ profile: 'prod', accessKeyId: 'ASIAIOSFODNN7EXAMPLE', expiration: minutesFromNow(-1) });
    const text = renderDetails({ active: 'dev-admin', sessions: [session(), other] }, files, NOW, 10);
    assert.ok(!text.includes('ASIAIOSFODNN7EXAMPLE'));
    assert.match(text, /## Other session: prod/);
    assert.match(text, /State: +expired/);
  });
});
