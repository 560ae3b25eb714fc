// Entry point: wires the pieces together and starts the server. No logic of its own.

import * as os from 'node:os';
import * as vscode from 'vscode';
import { ServerConnection } from './client';
import { registerCommands } from './commands';
import { registerConsoleAndRegion } from './consoleRegion';
import { DetailsView } from './detailsView';
import { AwsFileLanguages } from './languages';
import { RolecallServer } from './serverApi';
import { SessionController } from './sessionController';
import { readSettings, resolveAwsFiles, serverSettings, type ExtensionSettings } from './settings';
import { RoleStatusBar } from './statusBar';
import { TerminalEnvironment } from './terminalEnv';
import { IdentityCenter } from './ssoFeature';
import { registerSsoCommands } from './ssoCommands';

let connection: ServerConnection | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Rolecall');
  let settings = loadSettings();
  const files = () => resolveAwsFiles(settings, process.env, os.homedir());

  const server = new RolecallServer();
  const terminalEnv = new TerminalEnvironment(context.environmentVariableCollection);
  const controller = new SessionController(server, terminalEnv, () => settings, log);
  const details = new DetailsView(controller, server, files, () => settings.expiryWarningMinutes);
  const languages = new AwsFileLanguages(files);
  connection = new ServerConnection(context.extensionPath, server, controller, log);
  const identityCenter = new IdentityCenter(server, controller, () => settings.expiryWarningMinutes, log);

  context.subscriptions.push(
    log,
    controller,
    new RoleStatusBar(controller),
    details,
    languages,
    connection,
    ...registerCommands({ server, controller, log, details, files, configFile: () => files().config, identityCenter }),
    identityCenter,
    ...registerSsoCommands({ identityCenter, controller, log }),
    ...registerConsoleAndRegion({ server, controller, log, configFile: () => files().config }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('rolecall')) {
        return;
      }
      const before = settings;
      settings = loadSettings();
      languages.applyToOpenDocuments();
      controller.settingsChanged();
      if (before.serverPath !== settings.serverPath) {
        void connection?.restart(settings);
      } else if (JSON.stringify(serverSettings(before)) !== JSON.stringify(serverSettings(settings))) {
        void connection?.sendSettings(settings);
      }
    }),
  );

  // Not awaited: activation (and the status bar) must not wait for the server.
  void connection.start(settings);
}

export async function deactivate(): Promise<void> {
  await connection?.stop();
  connection = undefined;
}

function loadSettings(): ExtensionSettings {
  const config = vscode.workspace.getConfiguration('rolecall');
  return readSettings((key, fallback) => config.get(key, fallback), os.homedir());
}
