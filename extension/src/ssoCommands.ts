// The palette's IAM Identity Center commands: "Sign In to IAM Identity Center…", "Sign Out of IAM
// Identity Center…" and "Add Profiles from IAM Identity Center…". The words and decisions are in
// ssoSignIn.ts and ssoStatus.ts; this is the vscode glue.

import * as vscode from 'vscode';
import { toCommandFailure } from './protocol';
import type { SessionController } from './sessionController';
import { onSsoProgress } from './ssoApi';
import type { IdentityCenter } from './ssoFeature';
import { targetOf, type SsoProfilesPlan, type SsoProgress, type SsoSession } from './ssoProtocol';
import { deviceCodeMessage, progressText, sessionPickItem, useDeviceCode } from './ssoSignIn';
import { planSummary } from './ssoStatus';
import { showCommandError } from './ui';
import { escapeControl } from './display';

export interface SsoCommandDeps {
  identityCenter: IdentityCenter;
  controller: SessionController;
  log: vscode.OutputChannel;
}

export const PREVIEW_SCHEME = 'rolecall-sso-preview';

export function registerSsoCommands(deps: SsoCommandDeps): vscode.Disposable[] {
  const previews = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  return [
    changed,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '',
    }),
    vscode.commands.registerCommand('rolecall.ssoSignIn', (arg?: unknown) => signInCommand(deps, arg)),
    vscode.commands.registerCommand('rolecall.ssoSignOut', () => signOutCommand(deps)),
    vscode.commands.registerCommand('rolecall.ssoAddProfiles', () => addProfilesCommand(deps, previews, changed)),
  ];
}

/** Accepts {name}, {ssoSession}, or a session name. */
function nameFromArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg !== '') {
    return arg;
  }
  if (typeof arg === 'object' && arg !== null) {
    const a = arg as { name?: unknown; ssoSession?: unknown };
    return typeof a.name === 'string' ? a.name : typeof a.ssoSession === 'string' ? a.ssoSession : undefined;
  }
  return undefined;
}

/** Picks a sign-in: the one named, the only one, or asks. undefined when there is none or the person cancelled. */
async function chooseSession(deps: SsoCommandDeps, title: string, named?: string, only?: (s: SsoSession) => boolean): Promise<SsoSession | undefined> {
  const all = await deps.identityCenter.ready();
  if (named !== undefined) {
    const found = all.find((s) => s.name === named);
    if (found === undefined) {
      void vscode.window.showErrorMessage(`There is no IAM Identity Center session "${escapeControl(named)}" in the config file. Check its [sso-session] section.`);
    }
    return found;
  }
  const candidates = only ? all.filter(only) : all;
  if (candidates.length === 0) {
    const choice = await vscode.window.showInformationMessage(
      all.length === 0
        ? 'The config file has no IAM Identity Center session: add an [sso-session NAME] section with sso_start_url and sso_region.'
        : 'No IAM Identity Center session is signed in.',
      all.length === 0 ? 'Open Config File' : 'Sign In…',
    );
    if (choice === 'Open Config File') {
      await vscode.commands.executeCommand('rolecall.openConfig');
    } else if (choice !== undefined) {
      await vscode.commands.executeCommand('rolecall.ssoSignIn');
    }
    return undefined;
  }
  if (candidates.length === 1) {
    return candidates[0];
  }
  const now = new Date();
  const picked = await vscode.window.showQuickPick(
    candidates.map((s) => ({ ...sessionPickItem(s, now), session: s })),
    { title, placeHolder: 'Pick the IAM Identity Center session' },
  );
  return picked?.session;
}

/** Signs in with a cancellable progress notification; the device flow shows the code with "Open Page" and "Copy Code". */
export async function signInCommand(deps: SsoCommandDeps, arg?: unknown): Promise<SsoSession | undefined> {
  const session = await chooseSession(deps, 'Sign In to IAM Identity Center', nameFromArgument(arg));
  if (session === undefined) {
    return undefined;
  }
  const device = useDeviceCode(vscode.env.remoteName, vscode.env.uiKind === vscode.UIKind.Web);
  const id = `sign-in-${Date.now()}`;
  const name = escapeControl(session.name);
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Signing in to ${name}`, cancellable: true },
      async (progress, token) => {
        const steps = onSsoProgress((p) => {
          if (p.id === id) {
            progress.report({ message: progressText(p) });
            if (p.kind === 'open') {
              void showPage(session, p);
            }
          }
        });
        try {
          return await deps.identityCenter.sso.login(targetOf(session), device, id, token);
        } finally {
          steps.dispose();
        }
      },
    );
    deps.log.appendLine(`[sso] signed in to ${name}`);
    deps.identityCenter.forget(session.name);
    await deps.identityCenter.reload();
    await deps.controller.reload();
    vscode.window.setStatusBarMessage(`$(check) Signed in to ${name}`, 5000);
    return result;
  } catch (err) {
    if (toCommandFailure(err).message.includes('cancel') || (err as { code?: number }).code === -32800) {
      deps.log.appendLine(`[sso] sign-in to ${name} cancelled`);
      return undefined;
    }
    await showCommandError(err, deps.log);
    return undefined;
  }
}

/**
 * Where the person approves. The authorization code flow's page belongs to this machine's browser and
 * opens at once; the device flow's page may be opened on any device, so its code is shown with
 * "Open Page" and "Copy Code".
 */
async function showPage(session: SsoSession, p: SsoProgress): Promise<void> {
  if (p.url === null) {
    return;
  }
  const url = vscode.Uri.parse(p.url, true);
  if (p.userCode === null) {
    await vscode.env.openExternal(url);
    return;
  }
  const choice = await vscode.window.showInformationMessage(deviceCodeMessage(session.name, p), 'Open Page', 'Copy Code');
  if (choice === 'Open Page') {
    await vscode.env.openExternal(url);
  } else if (choice === 'Copy Code') {
    await vscode.env.clipboard.writeText(p.userCode);
    vscode.window.setStatusBarMessage(`$(check) Copied the code ${escapeControl(p.userCode)}`, 5000);
  }
}

async function signOutCommand(deps: SsoCommandDeps): Promise<void> {
  const session = await chooseSession(deps, 'Sign Out of IAM Identity Center', undefined, (s) => s.signedIn);
  if (session === undefined) {
    return;
  }
  try {
    await deps.identityCenter.sso.logout(targetOf(session));
    deps.identityCenter.forget(session.name);
    await deps.identityCenter.reload();
    await deps.controller.reload();
    void vscode.window.showInformationMessage(
      `Signed out of ${escapeControl(session.name)}; the role sessions from it were forgotten. Other sessions stay signed in.`,
    );
  } catch (err) {
    await showCommandError(err, deps.log);
  }
}

/** Shows the generated profiles as a diff against the config file, and writes them only on "Write". */
async function addProfilesCommand(deps: SsoCommandDeps, previews: Map<string, string>, changed: vscode.EventEmitter<vscode.Uri>): Promise<void> {
  const session = await chooseSession(deps, 'Add Profiles from IAM Identity Center');
  if (session === undefined) {
    return;
  }
  if (!session.signedIn && (await signInCommand(deps, { name: session.name })) === undefined) {
    return;
  }
  try {
    const target = targetOf(session);
    const planNow = () =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Reading the accounts of ${escapeControl(session.name)}…` },
        () => deps.identityCenter.sso.profiles(target, false),
      );
    let plan = await planNow();
    const saved = await saveConfigFirst(plan.configFile);
    if (saved === 'cancel') {
      return;
    }
    if (saved === 'saved') {
      plan = await planNow(); // the preview is of the file as saved
    }
    if (!plan.changed) {
      void vscode.window.showInformationMessage(`The ${plan.profiles.length} profiles of ${escapeControl(session.name)} are up to date in ${plan.configFile}.`);
      return;
    }
    const preview = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: plan.configFile, query: `session=${encodeURIComponent(session.name)}` });
    previews.set(preview.toString(), plan.content);
    changed.fire(preview);
    await vscode.commands.executeCommand(
      'vscode.diff',
      vscode.Uri.file(plan.configFile),
      preview,
      `config ↔ with the profiles of ${escapeControl(session.name)} (preview)`,
      { preview: true },
    );
    const choice = await vscode.window.showInformationMessage(
      `Write ${plan.profiles.length} profiles of ${escapeControl(session.name)} to ${plan.configFile}?`,
      { modal: true, detail: details(plan) },
      'Write',
    );
    await closePreview(preview);
    previews.delete(preview.toString());
    if (choice !== 'Write') {
      return;
    }
    const written = await deps.identityCenter.sso.profiles(target, true);
    const open = await vscode.window.showInformationMessage(`Wrote ${planSummary(written)}.`, 'Open Config File');
    if (open) {
      await vscode.commands.executeCommand('rolecall.openConfig');
    }
  } catch (err) {
    await showCommandError(err, deps.log);
  }
}

function details(plan: SsoProfilesPlan): string {
  const list = (names: string[]) => (names.length > 8 ? `${names.slice(0, 8).join(', ')} and ${names.length - 8} more` : names.join(', '));
  const lines = [planSummary(plan) + '.'];
  if (plan.added.length > 0) lines.push(`Added: ${escapeControl(list(plan.added))}`);
  if (plan.removed.length > 0) lines.push(`Removed (no longer granted): ${escapeControl(list(plan.removed))}`);
  lines.push('Only the block Rolecall owns for this session changes; the rest of the file stays as it is.');
  return lines.join('\n');
}

/** An open config file with unsaved changes is saved first (the server writes the file on disk). */
async function saveConfigFirst(configFile: string): Promise<'clean' | 'saved' | 'cancel'> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === configFile);
  if (doc === undefined || !doc.isDirty) {
    return 'clean';
  }
  const choice = await vscode.window.showWarningMessage(
    `${configFile} has unsaved changes. Save it before adding the profiles?`,
    { modal: true },
    'Save',
  );
  return choice === 'Save' && (await doc.save()) ? 'saved' : 'cancel';
}

async function closePreview(preview: vscode.Uri): Promise<void> {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === preview.toString()) {
        await vscode.window.tabGroups.close(tab);
      }
    }
  }
}
