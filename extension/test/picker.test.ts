import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountItem, groupRolesByAccount, kindWords, profileFromArgument, roleItem, stepTexts, viaProfile } from '../src/picker';
import { PROFILES } from './fixtures';

describe('groupRolesByAccount', () => {
  const groups = groupRolesByAccount(PROFILES);

  it('keeps the accounts that have roles, in server order, and drops the ones without', () => {
    assert.deepEqual(
      groups.map((g) => g.account?.profile ?? '(other)'),
      ['base', 'sandbox', '(other)'],
    );
  });

  it('sorts each account\'s roles by name', () => {
    assert.deepEqual(groups[0]?.roles.map((r) => r.profile), ['dev-admin', 'prod-mfa']);
    assert.deepEqual(groups[1]?.roles.map((r) => r.profile), ['sandbox-dev']);
  });

  it('puts roles from no listed account into a last group', () => {
    assert.deepEqual(groups[2]?.roles.map((r) => r.profile), ['broken', 'from-env']);
  });

  it('gives one group when all roles start at one account (the picker then skips the account step)', () => {
    const one = groupRolesByAccount({ accounts: PROFILES.accounts, roles: PROFILES.roles.slice(0, 2) });
    assert.equal(one.length, 1);
    assert.equal(one[0]?.account?.profile, 'base');
  });

  it('gives no group when there are no roles', () => {
    assert.deepEqual(groupRolesByAccount({ accounts: PROFILES.accounts, roles: [] }), []);
  });
});

describe('accountItem', () => {
  it('shows account ID and region as description, kind and role count as detail', () => {
    const [base] = groupRolesByAccount(PROFILES);
    assert.deepEqual(accountItem(base!), {
      label: '$(account) base',
      description: '111122223333 · us-east-1',
      detail: 'access keys · 2 roles',
    });
  });
  it('leaves the account out while it is unknown (no "account ID unknown" on every row)', () => {
    const item = accountItem({ account: PROFILES.accounts[1], roles: [PROFILES.roles[0]!] });
    assert.equal(item.description, undefined);
    assert.equal(item.detail, 'IAM Identity Center (SSO) · 1 role');
  });
});

describe('roleItem', () => {
  const [prodMfa, devAdmin] = PROFILES.roles;
  it('marks MFA roles with a lock and says so', () => {
    const item = roleItem(prodMfa!, null);
    assert.equal(item.label, '$(lock) prod-mfa');
    assert.equal(item.detail, 'arn:aws:iam::111122223333:role/prod-mfa · asks for an MFA code');
  });
  it('shows the role ARN as detail and marks the active one', () => {
    const item = roleItem(devAdmin!, 'dev-admin');
    assert.equal(item.label, '$(shield) dev-admin');
    assert.equal(item.description, '111122223333 · eu-west-1 · active');
    assert.equal(item.detail, 'arn:aws:iam::111122223333:role/dev-admin');
  });
  it('warns about invalid roles', () => {
    const item = roleItem(PROFILES.roles[4]!, null);
    assert.equal(item.label, '$(warning) broken');
    assert.match(item.detail ?? '', /Problems panel/);
  });
  it('keeps the MFA lock on a role with errors and counts them in brief', () => {
    const item = roleItem({ ...prodMfa!, valid: false, errors: 1 }, null);
    assert.equal(item.label, '$(lock) prod-mfa');
    assert.equal(item.description, '111122223333 · eu-west-1 · $(error) 1 error');
    assert.equal(roleItem({ ...prodMfa!, valid: false, errors: 2 }, null).description?.endsWith('2 errors'), true);
  });
  it('says which profile a chained role goes through', () => {
    const chained = { ...devAdmin!, profile: 'ops', chain: ['ops', 'dev-admin', 'base'] };
    assert.equal(viaProfile(chained), 'dev-admin');
    assert.equal(roleItem(chained, null).detail, 'arn:aws:iam::111122223333:role/dev-admin · via dev-admin');
    assert.equal(viaProfile(devAdmin!), undefined);
  });
});

describe('stepTexts', () => {
  it('asks first where the credentials come from, then which role', () => {
    assert.equal(stepTexts('source', true).title, 'Assume Role (1/2): Where do the credentials come from?');
    assert.equal(stepTexts('role', true, 'base').title, 'Assume Role (2/2): Which role?');
    assert.equal(stepTexts('role', true, 'base').placeholder, 'Pick a role to assume with the credentials of base');
    assert.equal(stepTexts('role', false).title, 'Assume Role: Which role?');
  });
});

describe('kindWords', () => {
  it('names every documented kind and passes unknown ones through', () => {
    assert.equal(kindWords('static-keys'), 'access keys');
    assert.equal(kindWords('sso'), 'IAM Identity Center (SSO)');
    assert.equal(kindWords('credential-process'), 'credential_process');
    assert.equal(kindWords('credential-source'), 'credential_source');
    assert.equal(kindWords('web-identity'), 'web identity token');
    assert.equal(kindWords('something-new'), 'something-new');
  });
});

describe('profileFromArgument', () => {
  it('takes the code lens argument (a profile name) and an object with profile', () => {
    assert.equal(profileFromArgument('dev-admin'), 'dev-admin');
    assert.equal(profileFromArgument({ profile: 'prod' }), 'prod');
  });
  it('ignores anything else (the palette passes nothing; a status bar click may pass a URI)', () => {
    assert.equal(profileFromArgument(undefined), undefined);
    assert.equal(profileFromArgument(''), undefined);
    assert.equal(profileFromArgument(42), undefined);
    assert.equal(profileFromArgument({ uri: 'file:///x' }), undefined);
  });
});
