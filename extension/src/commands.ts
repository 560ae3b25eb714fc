// The palette commands other than Assume Role: refresh, forget, details, and opening the AWS files.

import * as vscode from 'vscode';
import { assumeRoleCommand, type CommandDeps } from './assumeRole';
import type { DetailsView } from './detailsView';
import { CONFIG_TEMPLATE, CREDENTIALS_TEMPLATE } from './firstRun';
import { eachRefreshWords, forgetChoices, forgotMessage, type ForgetTarget } from './messages';
import { callWithMfa } from './mfa';
import { openAwsFile } from './openFile';
import { profileFromArgument } from './picker';
import { activeSession, toCommandFailure, type StatusResult } from './protocol';
import { formatTimeLeft, msUntilExpiry } from './timeLeft';
import { askMfaCode, showCommandError, withProgress } from './ui';
import type { AwsFiles } from './settings';
import { labelText } from './display';

export interface AllCommandDeps extends CommandDeps {
  details: DetailsView;
  files: () => AwsFiles;
}

export function registerCommands(deps: AllCommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('rolecall.assumeRole', (arg?: unknown) => assumeRoleCommand(deps, arg)),
    vscode.commands.registerCommand('rolecall.refresh', (arg?: unknown) => refreshCommand(deps, arg)),
    vscode.commands.registerCommand('rolecall.forget', (arg?: unknown) => forgetCommand(deps, arg)),
    vscode.commands.registerCommand('rolecall.showDetails', () => deps.details.show()),
    vscode.commands.registerCommand('rolecall.openConfig', () => openAwsFile(deps.files().config, 'aws-config', CONFIG_TEMPLATE)),
    vscode.commands.registerCommand('rolecall.openCredentials', () =>
      openAwsFile(deps.files().credentials, 'aws-credentials', CREDENTIALS_TEMPLATE),
    ),
  ];
}

/** Refreshes the named session, or the active one; asks for an MFA code only when the server needs it. */
async function refreshCommand(deps: CommandDeps, arg?: unknown): Promise<void> {
  const profile = profileFromArgument(arg) ?? activeSession(deps.controller.current)?.profile;
  if (profile === undefined) {
    const choice = await vscode.window.showInformationMessage('No AWS role to refresh yet.', 'Assume Role…');
    if (choice) {
      await vscode.commands.executeCommand('rolecall.assumeRole');
    }
    return;
  }
  // The prompt says why a code is asked for again when every refresh of this session needs one.
  const held = deps.controller.current.sessions.find((s) => s.profile === profile);
  const why = held?.mfaEachRefresh ? eachRefreshWords(profile) : undefined;
  try {
    const session = await callWithMfa(
      (mfaCode) => withProgress(`Refreshing AWS role ${labelText(profile)}…`, () => deps.server.refresh(profile, mfaCode)),
      askMfaCode,
      why,
    );
    await deps.controller.reload();
    if (session !== undefined) {
      const left = formatTimeLeft(msUntilExpiry(session, new Date()));
      vscode.window.setStatusBarMessage(`$(check) Refreshed ${labelText(profile)}: ${left} left`, 5000);
    }
  } catch (err) {
    deps.controller.noteRefreshFailed(profile, toCommandFailure(err).message);
    await showCommandError(err, deps.log, { action: 'refresh', profile });
  }
}

/**
 * Forgets the named session; from the palette, the only session held, or the one the user picks among
 * the active one, each background one and all of them, so that nothing keeps refreshing unseen.
 */
async function forgetCommand(deps: CommandDeps, arg?: unknown): Promise<void> {
  const before = deps.controller.current;
  const target = await forgetTarget(before, profileFromArgument(arg));
  if (target === undefined) {
    return;
  }
  try {
    const after = await deps.server.forget(target);
    await deps.controller.reload();
    void vscode.window.showInformationMessage(forgotMessage(target, before, after));
  } catch (err) {
    await showCommandError(err, deps.log);
  }
}

async function forgetTarget(status: StatusResult, named: string | undefined): Promise<ForgetTarget | undefined> {
  if (named !== undefined) {
    return { profile: named };
  }
  if (status.sessions.length === 0) {
    void vscode.window.showInformationMessage('There is no AWS role session to forget.');
    return undefined;
  }
  if (status.sessions.length === 1) {
    return { profile: status.sessions[0]!.profile };
  }
  const picked = await vscode.window.showQuickPick(forgetChoices(status, new Date()), {
    title: 'Forget Role Credentials',
    placeHolder: `${status.sessions.length} sessions are held. Which should Rolecall forget?`,
    matchOnDescription: true,
  });
  return picked?.target;
}
