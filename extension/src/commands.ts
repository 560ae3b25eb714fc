// The palette commands other than Assume Role: refresh, forget, details, and opening the AWS files.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { assumeRoleCommand, type CommandDeps } from './assumeRole';
import type { DetailsView } from './detailsView';
import { callWithMfa } from './mfa';
import { profileFromArgument } from './picker';
import { activeSession, toCommandFailure } from './protocol';
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
    vscode.commands.registerCommand('rolecall.openConfig', () => openAwsFile(deps.files().config, 'aws-config')),
    vscode.commands.registerCommand('rolecall.openCredentials', () =>
      openAwsFile(deps.files().credentials, 'aws-credentials'),
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
  try {
    const session = await callWithMfa(
      (mfaCode) => withProgress(`Refreshing AWS role ${labelText(profile)}…`, () => deps.server.refresh(profile, mfaCode)),
      askMfaCode,
    );
    await deps.controller.reload();
    if (session !== undefined) {
      const left = formatTimeLeft(msUntilExpiry(session, new Date()));
      vscode.window.setStatusBarMessage(`$(check) Refreshed ${labelText(profile)}: ${left} left`, 5000);
    }
  } catch (err) {
    deps.controller.noteRefreshFailed(profile, toCommandFailure(err).message);
    await showCommandError(err, deps.log);
  }
}

async function forgetCommand(deps: CommandDeps, arg?: unknown): Promise<void> {
  const profile = profileFromArgument(arg) ?? activeSession(deps.controller.current)?.profile;
  if (profile === undefined) {
    void vscode.window.showInformationMessage('There is no AWS role session to forget.');
    return;
  }
  try {
    await deps.server.forget(profile);
    await deps.controller.reload();
    void vscode.window.showInformationMessage(
      `Forgot the AWS role ${labelText(profile)}. New terminals no longer get its credentials (the AWS CLI's cache is left alone).`,
    );
  } catch (err) {
    await showCommandError(err, deps.log);
  }
}

/** Opens an AWS file; offers to create it (mode 0600, in a 0700 folder) when it does not exist yet. */
async function openAwsFile(file: string, languageId: string): Promise<void> {
  if (!fs.existsSync(file)) {
    const choice = await vscode.window.showInformationMessage(`${file} does not exist yet.`, 'Create It');
    if (choice !== 'Create It') {
      return;
    }
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
    } catch (err) {
      void vscode.window.showErrorMessage(`Could not create ${file}: ${(err as Error).message}. Check that its folder is writable.`);
      return;
    }
  }
  let doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  if (doc.languageId !== languageId) {
    doc = await vscode.languages.setTextDocumentLanguage(doc, languageId);
  }
  await vscode.window.showTextDocument(doc);
}
