// The two steps of "Assume Role…": where the credentials come from (a profile that holds them), then
// which role reachable from it. Pure: builds the quick pick items and titles from rolecall-ls.profiles.

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

/** The titles and placeholders of the two steps; the first is about where credentials come from. */
export function stepTexts(step: 'source' | 'role', twoSteps: boolean, source?: string): { title: string; placeholder: string } {
  if (step === 'source') {
    return {
      title: 'Assume Role (1/2): Where do the credentials come from?',
      placeholder: 'Pick the profile whose credentials (access keys, SSO, …) start the role chain',
    };
  }
  return {
    title: `Assume Role${twoSteps ? ' (2/2)' : ''}: Which role?`,
    placeholder: source ? `Pick a role to assume with the credentials of ${labelText(source)}` : 'Pick a role to assume',
  };
}

/** The first step's item: profile name, account ID (once known) and region, kind and role count. */
export function accountItem(group: AccountGroup): PickItem {
  const count = `${group.roles.length} role${group.roles.length === 1 ? '' : 's'}`;
  if (group.account === undefined) {
    return { label: `$(question) ${OTHER_ROLES_LABEL}`, detail: `${count} whose source is not a listed profile` };
  }
  const a = group.account;
  const description = [a.accountId, a.region].filter(Boolean).join(' · ');
  return {
    label: `$(account) ${labelText(a.profile)}`,
    ...(description ? { description: labelText(description) } : {}),
    detail: `${kindWords(a.kind)} · ${count}`,
  };
}

/**
 * The role step's item: profile name with a lock when MFA is needed (kept when the role has errors: it
 * will still ask for a code once fixed), account and region, "1 error" in brief; the role ARN, the
 * profile a chained role goes through, and what to do about errors as detail.
 */
export function roleItem(role: RoleProfile, activeProfile: string | null): PickItem {
  const icon = role.mfaSerial ? '$(lock)' : !role.valid ? '$(warning)' : '$(shield)';
  const description = [role.accountId, role.region, role.profile === activeProfile ? 'active' : undefined]
    .filter(Boolean)
    .map((part) => labelText(part as string));
  if (!role.valid) {
    description.push(role.errors > 0 ? `$(error) ${role.errors} error${role.errors === 1 ? '' : 's'}` : '$(warning) not assumable');
  }
  const notes: string[] = [labelText(role.roleArn)];
  const via = viaProfile(role);
  if (via !== undefined) {
    notes.push(`via ${labelText(via)}`);
  }
  if (role.mfaSerial) {
    notes.push('asks for an MFA code');
  }
  if (!role.valid) {
    notes.push('see the Problems panel');
  }
  return { label: `${icon} ${labelText(role.profile)}`, description: description.join(' · '), detail: notes.join(' · ') };
}

/** The profile a chained role is assumed from (its source_profile, itself a role); undefined for a direct role. */
export function viaProfile(role: RoleProfile): string | undefined {
  return role.chain.length > 2 ? role.chain[1] : undefined;
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
