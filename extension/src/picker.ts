// The two steps of "AWS: Assume Role…": which account (a profile that holds credentials), then which
// role reachable from it. Pure: builds the quick pick items from rolecall-ls.profiles.

import type { AccountProfile, ProfilesResult, RoleProfile } from './protocol';
import { labelText } from './display';

/** One entry of the account step, with the roles whose chain starts at it. */
export interface AccountGroup {
  /** undefined for the roles whose chain starts at no listed account. */
  account: AccountProfile | undefined;
  roles: RoleProfile[];
}

export interface PickItem {
  label: string;
  description?: string;
  detail?: string;
}

export const OTHER_ROLES_LABEL = 'Other roles';

/**
 * Groups the roles by the account their chain starts from. Accounts without roles are left out (there
 * is nothing to assume from them); roles whose source is not a listed account form a last group.
 * Order: accounts as the server listed them, roles by profile name.
 */
export function groupRolesByAccount(profiles: ProfilesResult): AccountGroup[] {
  const byAccount = new Map<string, RoleProfile[]>();
  const orphans: RoleProfile[] = [];
  const known = new Set(profiles.accounts.map((a) => a.profile));
  for (const role of profiles.roles) {
    if (role.sourceAccount !== null && known.has(role.sourceAccount)) {
      const list = byAccount.get(role.sourceAccount) ?? [];
      list.push(role);
      byAccount.set(role.sourceAccount, list);
    } else {
      orphans.push(role);
    }
  }
  const groups: AccountGroup[] = [];
  for (const account of profiles.accounts) {
    const roles = byAccount.get(account.profile);
    if (roles !== undefined) {
      groups.push({ account, roles: sortByProfile(roles) });
    }
  }
  if (orphans.length > 0) {
    groups.push({ account: undefined, roles: sortByProfile(orphans) });
  }
  return groups;
}

/** The account step's item: profile name, account ID and region, kind and role count. */
export function accountItem(group: AccountGroup): PickItem {
  const count = `${group.roles.length} role${group.roles.length === 1 ? '' : 's'}`;
  if (group.account === undefined) {
    return { label: `$(question) ${OTHER_ROLES_LABEL}`, detail: `${count} whose source is not a listed account` };
  }
  const a = group.account;
  return {
    label: `$(account) ${labelText(a.profile)}`,
    description: labelText([a.accountId || 'account ID unknown', a.region].filter(Boolean).join(' · ')),
    detail: `${kindWords(a.kind)} · ${count}`,
  };
}

/** The role step's item: profile name (with a lock when MFA is needed), account and region, role ARN. */
export function roleItem(role: RoleProfile, activeProfile: string | null): PickItem {
  const icon = !role.valid ? '$(warning)' : role.mfaSerial ? '$(lock)' : '$(shield)';
  const description = [role.accountId, role.region, role.profile === activeProfile ? 'active' : undefined]
    .filter(Boolean)
    .join(' · ');
  const notes: string[] = [labelText(role.roleArn)];
  if (role.mfaSerial) {
    notes.push('asks for an MFA code');
  }
  if (!role.valid) {
    notes.push('has errors: see the Problems panel');
  }
  return { label: `${icon} ${labelText(role.profile)}`, description: labelText(description), detail: notes.join(' · ') };
}

/** How a profile holds its credentials, in words. */
export function kindWords(kind: string): string {
  switch (kind) {
    case 'static-keys':
      return 'access keys';
    case 'sso':
      return 'IAM Identity Center (SSO)';
    case 'credential-process':
      return 'credential_process';
    case 'credential-source':
      return 'credential_source';
    case 'web-identity':
      return 'web identity token';
    default:
      return kind;
  }
}

function sortByProfile(roles: RoleProfile[]): RoleProfile[] {
  return [...roles].sort((a, b) => a.profile.localeCompare(b.profile));
}

/** Accepts `"dev-admin"` or `{profile: "dev-admin"}`. */
export function profileFromArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg.trim() !== '') {
    return arg.trim();
  }
  if (typeof arg === 'object' && arg !== null && typeof (arg as { profile?: unknown }).profile === 'string') {
    return (arg as { profile: string }).profile;
  }
  return undefined;
}
