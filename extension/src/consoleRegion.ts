// "AWS: Open Console" and "AWS: Choose Region…" for the active session: thin glue over the server's
// rolecall-ls.console and rolecall-ls.region (the rules live in the server and in regions.ts).

import * as vscode from 'vscode';
import type { CommandDeps } from './assumeRole';
import { labelText } from './display';
import { profileFromArgument } from './picker';
import { activeSession, toCommandFailure } from './protocol';
import { regionItems } from './regions';
import { showCommandError, withProgress } from './ui';

export const OPEN_CONSOLE = 'rolecall.openConsole';
export const CHOOSE_REGION = 'rolecall.chooseRegion';

export function registerConsoleAndRegion(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(OPEN_CONSOLE, (arg?: unknown) => openConsole(deps, arg)),
    vscode.commands.registerCommand(CHOOSE_REGION, (arg?: unknown) => chooseRegion(deps, arg)),
  ];
}

/** The session a command acts on: the one named by the argument, else the active one; undefined after telling the user. */
async function sessionProfile(deps: CommandDeps, arg: unknown, what: string): Promise<string | undefined> {
  const profile = profileFromArgument(arg) ?? activeSession(deps.controller.current)?.profile;
  if (profile === undefined) {
    const choice = await vscode.window.showInformationMessage(`No AWS role assumed yet: assume one to ${what}.`, 'Assume Role…');
    if (choice) {
      await vscode.commands.executeCommand('rolecall.assumeRole');
    }
  }
  return profile;
}

/** Opens the AWS console in the browser as the session's role. The sign-in URL is never logged. */
async function openConsole(deps: CommandDeps, arg?: unknown): Promise<void> {
  const profile = await sessionProfile(deps, arg, 'open the console');
  if (profile === undefined) {
    return;
  }
  try {
    const signin = await withProgress(`Signing in to the AWS console as ${labelText(profile)}…`, () => deps.server.console(profile));
    // The URL as the server made it: a vscode.Uri would decode and re-encode its query, and the console
    // link's Destination (itself a URL with a query) comes out broken. openExternal takes the string
    // as given (VS Code keeps URI strings that do not round-trip for this very reason).
    const opened = await vscode.env.openExternal(signin.url as unknown as vscode.Uri);
    if (opened) {
      deps.log.appendLine(`[console] opened the AWS console as ${labelText(profile)} in the browser`);
    } else {
      void vscode.window.showWarningMessage('The browser did not open the AWS console. Run "Rolecall (AWS): Open Console" again.');
    }
  } catch (err) {
    if (toCommandFailure(err).reason === ('not-federatable' as string)) {
      void vscode.window.showWarningMessage(toCommandFailure(err).message);
      return;
    }
    await showCommandError(err, deps.log);
  }
}

/** Lets the user pick the region the session works in: terminals, the console and the details follow. */
async function chooseRegion(deps: CommandDeps, arg?: unknown): Promise<void> {
  const profile = await sessionProfile(deps, arg, 'choose its region');
  if (profile === undefined) {
    return;
  }
  const current = deps.controller.current.sessions.find((s) => s.profile === profile)?.region ?? '';
  const choice = await vscode.window.showQuickPick(regionItems(current), {
    title: `Region for ${labelText(profile)}`,
    placeHolder: 'The region new terminals (AWS_REGION) and the console use',
    matchOnDescription: true,
  });
  if (choice === undefined) {
    return;
  }
  try {
    const session = await deps.server.region(profile, choice.region);
    await deps.controller.reload();
    vscode.window.setStatusBarMessage(`$(globe) ${labelText(profile)} now works in ${session.region}`, 5000);
  } catch (err) {
    await showCommandError(err, deps.log);
  }
}
