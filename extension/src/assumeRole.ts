// "AWS: Assume Role…": account, then role, then (only when the server asks) the MFA code.

import * as vscode from 'vscode';
import { callWithMfa } from './mfa';
import { accountItem, groupRolesByAccount, profileFromArgument, roleItem, type AccountGroup } from './picker';
import type { ProfilesResult, RoleProfile, SessionStatus } from './protocol';
import type { RolecallServer } from './serverApi';
import type { SessionController } from './sessionController';
import { askMfaCode, showCommandError, withProgress } from './ui';
import { formatLocalTime, formatTimeLeft, msUntilExpiry } from './timeLeft';
import { labelText } from './display';
import type { IdentityCenter } from './ssoFeature';
import { pickAccountWithIdentityCenter } from './ssoAssumeStep';

export interface CommandDeps {
  server: RolecallServer;
  controller: SessionController;
  log: vscode.OutputChannel;
  configFile: () => string;
  /** IAM Identity Center accounts in the first step (ssoAssumeStep.ts); absent in tests. */
  identityCenter?: IdentityCenter;
}

/** The command: with a profile name (the code lens passes one) it assumes it at once, else it asks. */
export async function assumeRoleCommand(deps: CommandDeps, arg?: unknown): Promise<void> {
  try {
    let profile = profileFromArgument(arg);
    const startedAt = Date.now();
    if (profile === undefined) {
      const profiles = await deps.server.profiles();
      profile = (await pickRole(profiles, deps, startedAt))?.profile;
    }
    if (profile !== undefined) {
      await assumeProfile(deps, profile);
    }
  } catch (err) {
    await showCommandError(err, deps.log);
  }
}

async function pickRole(profiles: ProfilesResult, deps: CommandDeps, startedAt: number): Promise<RoleProfile | undefined> {
  const groups = groupRolesByAccount(profiles);
  const ic = deps.identityCenter && (await deps.identityCenter.ready()).length > 0 ? deps.identityCenter : undefined;
  if (groups.length === 0 && ic === undefined) {
    const choice = await vscode.window.showInformationMessage(
      `No role profile found in ${deps.configFile()}. A role profile has role_arn and source_profile (or credential_source).`,
      'Open Config File',
    );
    if (choice) {
      await vscode.commands.executeCommand('rolecall.openConfig');
    }
    return undefined;
  }
  const group = ic
    ? await pickAccountWithIdentityCenter({ ...deps, identityCenter: ic }, groups.map((g) => ({ ...accountItem(g), value: g })), startedAt)
    : groups.length === 1
      ? groups[0]
      : await pickAccount(groups);
  if (group === undefined) {
    return undefined;
  }
  const step = groups.length === 1 && !ic ? '' : ' (2/2)';
  const from = group.account ? ` from ${group.account.profile}` : '';
  const picked = await vscode.window.showQuickPick(
    group.roles.map((role) => ({ ...roleItem(role, deps.controller.current.active), role })),
    { title: `AWS: Assume Role${step}`, placeHolder: `Pick a role to assume${from}`, matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.role;
}

async function pickAccount(groups: AccountGroup[]): Promise<AccountGroup | undefined> {
  const picked = await vscode.window.showQuickPick(
    groups.map((group) => ({ ...accountItem(group), group })),
    { title: 'AWS: Assume Role (1/2)', placeHolder: 'Pick the account (the profile with the credentials) to start from', matchOnDescription: true },
  );
  return picked?.group;
}

async function assumeProfile(deps: CommandDeps, profile: string): Promise<void> {
  const session = await callWithMfa(
    (mfaCode) => withProgress(`Assuming AWS role ${labelText(profile)}…`, () => deps.server.assume(profile, mfaCode)),
    askMfaCode,
  );
  if (session === undefined) {
    return;
  }
  await deps.controller.reload();
  void announce(session);
}

async function announce(session: SessionStatus): Promise<void> {
  const expiry = new Date(session.expiration);
  const who = session.assumedRoleArn || session.roleArn;
  const left = formatTimeLeft(msUntilExpiry(session, new Date()));
  const choice = await vscode.window.showInformationMessage(
    `Assumed ${labelText(session.profile)} as ${labelText(who)}, until ${formatLocalTime(expiry)} (${left}).`,
    'Show Details',
  );
  if (choice) {
    await vscode.commands.executeCommand('rolecall.showDetails');
  }
}
