// "Assume Role…": where the credentials come from, then the role (with Back to the first step), then
// (only when the server asks) the MFA code.

import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { CONFIG_TEMPLATE, CREATE_IT, missingConfigMessage } from './firstRun';
import { assumedMessage } from './messages';
import { callWithMfa } from './mfa';
import { createAndOpen } from './openFile';
import { accountItem, groupRolesByAccount, profileFromArgument, roleItem, stepTexts, type AccountGroup } from './picker';
import type { ProfilesResult, RoleProfile, SessionStatus } from './protocol';
import { pickStep } from './quickPick';
import type { RolecallServer } from './serverApi';
import type { SessionController } from './sessionController';
import { askMfaCode, showCommandError, withProgress } from './ui';
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
  let profile = profileFromArgument(arg);
  try {
    const startedAt = Date.now();
    if (profile === undefined) {
      // The sign-ins are read again with the profiles, in parallel: both are quick reads on the server,
      // and a list read before the config file changed would offer accounts it no longer names.
      const [profiles] = await Promise.all([deps.server.profiles(), deps.identityCenter?.reload()]);
      profile = (await pickRole(profiles, deps, startedAt))?.profile;
    }
    if (profile !== undefined) {
      await assumeProfile(deps, profile);
    }
  } catch (err) {
    await showCommandError(err, deps.log, profile === undefined ? undefined : { action: 'assume', profile });
  }
}

async function pickRole(profiles: ProfilesResult, deps: CommandDeps, startedAt: number): Promise<RoleProfile | undefined> {
  const groups = groupRolesByAccount(profiles);
  const ic = deps.identityCenter && deps.identityCenter.sessions.length > 0 ? deps.identityCenter : undefined;
  if (groups.length === 0 && ic === undefined) {
    await offerFirstSteps(deps.configFile());
    return undefined;
  }
  if (groups.length === 1 && ic === undefined) {
    const picked = await pickRoleOf(groups[0]!, false, deps);
    return picked.kind === 'picked' ? picked.item.role : undefined;
  }
  for (;;) {
    const group = await pickSource(groups, deps, ic, startedAt);
    if (group === undefined) {
      return undefined;
    }
    const role = await pickRoleOf(group, true, deps);
    if (role.kind === 'picked') {
      return role.item.role;
    }
    if (role.kind === 'cancelled') {
      return undefined;
    }
  }
}

/**
 * The first step: the profiles, and the IAM Identity Center accounts when a sign-in is configured
 * (an Identity Center account is assumed there and then, so this resolves to undefined for it).
 */
async function pickSource(
  groups: AccountGroup[],
  deps: CommandDeps,
  ic: IdentityCenter | undefined,
  startedAt: number,
): Promise<AccountGroup | undefined> {
  if (ic !== undefined) {
    const items = groups.map((g) => ({ ...accountItem(g), value: g }));
    return pickAccountWithIdentityCenter({ ...deps, identityCenter: ic }, items, startedAt);
  }
  const source = await pickStep(
    groups.map((group) => ({ ...accountItem(group), group })),
    { ...stepTexts('source', true), back: false },
  );
  return source.kind === 'picked' ? source.item.group : undefined;
}

function pickRoleOf(group: AccountGroup, twoSteps: boolean, deps: CommandDeps) {
  return pickStep(
    group.roles.map((role) => ({ ...roleItem(role, deps.controller.current.active), role })),
    { ...stepTexts('role', twoSteps, group.account?.profile), back: twoSteps },
  );
}

/** No role to pick: with no config file, say so and create it in one step; else say what a role profile is. */
async function offerFirstSteps(configFile: string): Promise<void> {
  if (!fs.existsSync(configFile)) {
    const choice = await vscode.window.showInformationMessage(missingConfigMessage(configFile), CREATE_IT);
    if (choice === CREATE_IT) {
      await createAndOpen(configFile, 'aws-config', CONFIG_TEMPLATE);
    }
    return;
  }
  const choice = await vscode.window.showInformationMessage(
    `No role profile found in ${configFile}. A role profile has role_arn and source_profile (or credential_source).`,
    'Open Config File',
  );
  if (choice) {
    await vscode.commands.executeCommand('rolecall.openConfig');
  }
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
  const choice = await vscode.window.showInformationMessage(assumedMessage(session, new Date()), 'Show Details');
  if (choice) {
    await vscode.commands.executeCommand('rolecall.showDetails');
  }
}
