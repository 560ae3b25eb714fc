// Small UI helpers the commands share: the MFA input box, progress, and errors with the button that
// helps (open the file, show the problems, open the log).

import * as vscode from 'vscode';
import { failureMessage, failureText, type Action } from './messages';
import { mfaPrompt, validateMfaCode, type MfaRequest } from './mfa';
import { toCommandFailure } from './protocol';
import { ServerNotRunningError } from './serverApi';
import { signInNeeded } from './ssoProtocol';

/** Asks for an MFA code: "MFA code for <profile> (<serial>)", and why when it is not obvious; six digits only. */
export async function askMfaCode(request: MfaRequest): Promise<string | undefined> {
  const code = await vscode.window.showInputBox({
    title: 'AWS: MFA code',
    prompt: mfaPrompt(request),
    placeHolder: '6 digits',
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (value === '') {
        return { message: 'Type the six-digit code your MFA device shows now.', severity: vscode.InputBoxValidationSeverity.Info };
      }
      return validateMfaCode(value);
    },
  });
  return code === '' ? undefined : code;
}

/** Runs a server call with a progress notification (an STS call can take seconds). */
export function withProgress<T>(title: string, task: () => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () => task()),
  );
}

/** What failed, so that the message can name the profile first ("Could not assume staging: …"). */
export interface FailedAction {
  action: Action;
  profile: string;
}

/** Shows a failed server command: the server's sentence, plus a button for the likely next step. */
export async function showCommandError(err: unknown, log: vscode.OutputChannel, what?: FailedAction): Promise<void> {
  if (err instanceof ServerNotRunningError) {
    const choice = await vscode.window.showErrorMessage(err.message, 'Open Logs');
    if (choice === 'Open Logs') {
      log.show(true);
    }
    return;
  }
  const failure = toCommandFailure(err);
  log.appendLine(`[command] ${failure.reason ?? 'error'}: ${failure.message}`);
  const actions = new Map<string, () => Thenable<unknown>>();
  const ssoSession = signInNeeded(failure); // a role whose IAM Identity Center sign-in is over
  if (ssoSession !== undefined) {
    actions.set(`Sign In to ${ssoSession}`, () => vscode.commands.executeCommand('rolecall.ssoSignIn', { name: ssoSession }));
  }
  switch (failure.reason) {
    case 'profile-not-found':
      if (typeof failure.data.suggestion === 'string') {
        const suggestion = failure.data.suggestion;
        actions.set(`Assume ${suggestion}`, () => vscode.commands.executeCommand('rolecall.assumeRole', suggestion));
      }
      actions.set('Open Config File', () => vscode.commands.executeCommand('rolecall.openConfig'));
      break;
    case 'profile-invalid':
      actions.set('Show Problems', () => vscode.commands.executeCommand('workbench.actions.view.problems'));
      actions.set('Open Config File', () => vscode.commands.executeCommand('rolecall.openConfig'));
      break;
    case 'source-credentials':
      actions.set('Open Credentials File', () => vscode.commands.executeCommand('rolecall.openCredentials'));
      break;
    case 'no-session':
      actions.set('Assume Role…', () => vscode.commands.executeCommand('rolecall.assumeRole'));
      break;
    default:
      actions.set('Open Logs', async () => log.show(true));
  }
  const message = what ? failureMessage(what.action, what.profile, failureText(failure)) : failure.message;
  const choice = await vscode.window.showErrorMessage(message, ...actions.keys());
  if (choice !== undefined) {
    await actions.get(choice)?.();
  }
}
