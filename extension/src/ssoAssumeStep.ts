// The first step of "Assume Role…" when IAM Identity Center is configured: the profile accounts
// and, in a section per sign-in, the Identity Center accounts by name, shown at once from what is
// cached and filled in as accounts arrive. Picking an Identity Center account goes on to its roles and
// assumes the chosen one with rolecall-ls.sso.assume; picking a profile account hands it back to the
// profile flow.

import * as vscode from 'vscode';
import type { SessionStatus } from './protocol';
import type { SessionController } from './sessionController';
import type { IdentityCenter } from './ssoFeature';
import { identityCenterItems, ssoRoleItems, type SsoChoice } from './ssoPicker';
import { targetOf } from './ssoProtocol';
import { showCommandError, withProgress } from './ui';
import { escapeControl, labelText } from './display';

interface Deps {
  identityCenter: IdentityCenter;
  controller: SessionController;
  log: vscode.OutputChannel;
}

type Item = vscode.QuickPickItem & { value?: unknown; choice?: SsoChoice };

/**
 * Shows the first step. Resolves to the profile item's value that was picked, or undefined when an
 * Identity Center account was picked (and handled here) or the step was dismissed.
 */
export async function pickAccountWithIdentityCenter<T>(
  deps: Deps,
  profileItems: Array<vscode.QuickPickItem & { value: T }>,
  startedAt: number,
): Promise<T | undefined> {
  const ic = deps.identityCenter;
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = 'Assume Role (1/2): Where do the credentials come from?';
  qp.placeholder = 'Pick a profile whose credentials start the role chain, or an IAM Identity Center account';
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  const render = () => {
    const items: Item[] = [];
    if (profileItems.length > 0) {
      items.push({ label: 'Profiles', kind: vscode.QuickPickItemKind.Separator }, ...profileItems);
    }
    for (const item of identityCenterItems([...ic.sessions], ic.directoryStates)) {
      items.push(item.separator ? { label: item.label, kind: vscode.QuickPickItemKind.Separator } : { ...item, choice: item.choice });
    }
    qp.busy = [...ic.directoryStates.values()].some((d) => d.kind === 'loading');
    qp.items = items;
  };
  render();
  const changes = ic.onDidChange(render);
  qp.show();
  const accounts = [...ic.directoryStates.values()].reduce((n, d) => n + (d.kind === 'loaded' ? d.accounts.accounts.length : 0), 0);
  deps.log.appendLine(`[sso] picker shown ${Date.now() - startedAt} ms after the command, with ${accounts} Identity Center accounts from the cache`);

  const picked = await new Promise<Item | undefined>((resolve) => {
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0];
      if (item?.choice?.kind === 'refresh') {
        void ic.loadAccounts(item.choice.session, true);
        return; // stays open; the accounts come in through onDidChange
      }
      if (item?.choice?.kind === 'loading') {
        return;
      }
      resolve(item);
      qp.hide();
    });
    qp.onDidHide(() => resolve(undefined));
  });
  changes.dispose();
  qp.dispose();
  if (picked === undefined) {
    return undefined;
  }
  if (picked.choice === undefined) {
    return picked.value as T;
  }
  await followChoice(deps, picked.choice);
  return undefined;
}

async function followChoice(deps: Deps, choice: SsoChoice): Promise<void> {
  if (choice.kind === 'sign-in') {
    const signedIn = await vscode.commands.executeCommand('rolecall.ssoSignIn', { name: choice.session.name });
    if (signedIn !== undefined) {
      await vscode.commands.executeCommand('rolecall.assumeRole');
    }
    return;
  }
  if (choice.kind !== 'account') {
    return;
  }
  const { session, account } = choice;
  const picked = await vscode.window.showQuickPick(ssoRoleItems(session, account, deps.controller.current.active), {
    title: 'Assume Role (2/2): Which role?',
    placeHolder: `Pick a role in ${labelText(account.accountName || account.accountId)} (${account.accountId})`,
    matchOnDescription: true,
  });
  if (picked === undefined) {
    return;
  }
  try {
    const status = await withProgress(`Assuming ${escapeControl(picked.role)} in ${escapeControl(account.accountName)}…`, () =>
      deps.identityCenter.sso.assume(targetOf(session), account.accountId, picked.role),
    );
    await deps.controller.reload();
    void announce(status, account.accountName, picked.role);
  } catch (err) {
    await showCommandError(err, deps.log);
  }
}

async function announce(session: SessionStatus, accountName: string, role: string): Promise<void> {
  const until = new Date(session.expiration);
  const hh = `${String(until.getHours()).padStart(2, '0')}:${String(until.getMinutes()).padStart(2, '0')}`;
  const choice = await vscode.window.showInformationMessage(
    `Assumed ${escapeControl(role)} in ${escapeControl(accountName)} through IAM Identity Center, until ${hh}.`,
    'Show Details',
  );
  if (choice) {
    await vscode.commands.executeCommand('rolecall.showDetails');
  }
}
