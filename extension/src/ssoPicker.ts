// The Identity Center part of "AWS: Assume Role…": in the first step, a section per sign-in with its
// accounts by name (or "Sign in to …" when signed out, and "Refresh accounts"), then the roles of the
// chosen account. Pure: builds quick pick items from rolecall-ls.sso.sessions and .accounts, so the
// picker opens from what is cached without waiting for anything.

import { labelText } from './display';
import type { SsoAccount, SsoAccounts, SsoSession } from './ssoProtocol';

/** What an Identity Center item of the first step does when picked. */
export type SsoChoice =
  | { kind: 'account'; session: SsoSession; account: SsoAccount }
  | { kind: 'sign-in'; session: SsoSession }
  | { kind: 'refresh'; session: SsoSession }
  | { kind: 'loading'; session: SsoSession };

export interface SsoPickItem {
  label: string;
  description?: string;
  detail?: string;
  /** A separator row (VS Code's QuickPickItemKind.Separator); it has no choice. */
  separator?: true;
  choice?: SsoChoice;
}

/** Where a session's accounts stand for the picker. */
export type DirectoryState = { kind: 'loaded'; accounts: SsoAccounts } | { kind: 'loading' } | { kind: 'failed'; message: string };

export const REFRESH_LABEL = '$(refresh) Refresh accounts';

/**
 * The first step's Identity Center items: for each sign-in, a separator "IAM Identity Center · <name>",
 * then its accounts (name, id, role count), or a "Sign in" item when signed out, or a busy item while
 * its accounts load, and a "Refresh accounts" item. Linear in accounts.
 */
export function identityCenterItems(sessions: SsoSession[], directories: ReadonlyMap<string, DirectoryState>): SsoPickItem[] {
  const items: SsoPickItem[] = [];
  for (const session of sessions) {
    items.push({ label: `IAM Identity Center · ${labelText(session.name)}`, separator: true });
    if (!session.signedIn) {
      items.push({
        label: `$(sign-in) Sign in to ${labelText(session.name)}…`,
        detail: `${labelText(session.startUrl)} · ${session.region}`,
        choice: { kind: 'sign-in', session },
      });
      continue;
    }
    const dir = directories.get(session.name);
    if (dir === undefined || dir.kind === 'loading') {
      items.push({ label: '$(loading~spin) Loading accounts…', detail: labelText(session.startUrl), choice: { kind: 'loading', session } });
      continue;
    }
    if (dir.kind === 'failed') {
      items.push({ label: `$(warning) ${labelText(dir.message)}`, choice: { kind: 'refresh', session } });
      continue;
    }
    for (const account of dir.accounts.accounts) {
      items.push(accountItem(session, account));
    }
    items.push({ label: REFRESH_LABEL, detail: `Ask ${labelText(session.name)} again for your accounts and roles`, choice: { kind: 'refresh', session } });
  }
  return items;
}

function accountItem(session: SsoSession, account: SsoAccount): SsoPickItem {
  const count = `${account.roles.length} role${account.roles.length === 1 ? '' : 's'}`;
  return {
    label: `$(organization) ${labelText(account.accountName || account.accountId)}`,
    description: labelText([account.accountId, account.emailAddress].filter(Boolean).join(' · ')),
    detail: `IAM Identity Center (${labelText(session.name)}) · ${count}`,
    choice: { kind: 'account', session, account },
  };
}

/** The second step for an Identity Center account: its roles, the active one marked. */
export function ssoRoleItems(session: SsoSession, account: SsoAccount, activeProfile: string | null): Array<SsoPickItem & { role: string }> {
  return account.roles.map((role) => {
    const profile = ssoSessionProfile(session.name, account.accountId, role);
    return {
      label: `$(shield) ${labelText(role)}`,
      description: labelText([account.accountName, account.accountId, profile === activeProfile ? 'active' : undefined].filter(Boolean).join(' · ')),
      detail: `through IAM Identity Center (${labelText(session.name)}), no profile needed`,
      role,
    };
  });
}

/** The name the server gives the session of an Identity Center role: session/account/role. */
export function ssoSessionProfile(session: string, accountId: string, role: string): string {
  return `${session}/${accountId}/${role}`;
}
