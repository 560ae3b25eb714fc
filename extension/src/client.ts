// Starting and stopping the language client for `rolecall serve`.

import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  State,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { asStatusResult } from './protocol';
import { ssoProgressReceived } from './ssoApi';
import { SSO_PROGRESS_NOTIFICATION } from './ssoProtocol';
import type { RolecallServer } from './serverApi';
import { chooseServerBinary, prepareServerBinary, startFailureMessage, type ServerBinary } from './serverPath';
import type { SessionController } from './sessionController';
import { serverSettings, type ExtensionSettings } from './settings';

export class ServerConnection implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private stateSubscription: vscode.Disposable | undefined;

  constructor(
    private readonly extensionPath: string,
    private readonly server: RolecallServer,
    private readonly controller: SessionController,
    private readonly log: vscode.OutputChannel,
  ) {}

  /** Starts the server; on failure says why, with "Open Logs", and leaves the extension usable otherwise. */
  async start(settings: ExtensionSettings): Promise<void> {
    const binary = chooseServerBinary(settings.serverPath, this.extensionPath, process.platform);
    const problem = prepareServerBinary(binary, process.platform);
    if (problem !== undefined) {
      this.failed(binary, problem);
      return;
    }
    const client = this.createClient(binary, settings);
    this.client = client;
    this.log.appendLine(`[server] starting ${binary.path} serve`);
    try {
      await client.start();
    } catch (err) {
      this.failed(binary, (err as Error).message ?? String(err));
      return;
    }
    // The state listener below has already marked the server running and read the status.
  }

  /** Stops the running server (if any) and starts it again, e.g. after rolecall.server.path changed. */
  async restart(settings: ExtensionSettings): Promise<void> {
    await this.stop();
    await this.start(settings);
  }

  /** Tells the server about changed settings, as `{rolecall: {...}}`. */
  async sendSettings(settings: ExtensionSettings): Promise<void> {
    if (this.client?.isRunning()) {
      await this.client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { rolecall: serverSettings(settings) },
      });
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.stateSubscription?.dispose();
    this.server.setClient(undefined, 'stopped');
    if (client?.isRunning()) {
      await client.stop();
    }
  }

  dispose(): void {
    void this.stop();
  }

  private createClient(binary: ServerBinary, settings: ExtensionSettings): LanguageClient {
    const serverOptions: ServerOptions = {
      run: { command: binary.path, args: ['serve'] },
      debug: { command: binary.path, args: ['serve'] },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'aws-config' },
        { scheme: 'file', language: 'aws-credentials' },
      ],
      initializationOptions: serverSettings(settings),
      outputChannel: this.log,
    };
    // The id "rolecall" makes the client follow the rolecall.trace.server setting.
    const client = new LanguageClient('rolecall', 'Rolecall', serverOptions, clientOptions);
    client.onNotification('rolecall/status', (params: unknown) => {
      const status = asStatusResult(params);
      if (status !== undefined) {
        this.controller.update(status);
      }
    });
    client.onNotification(SSO_PROGRESS_NOTIFICATION, ssoProgressReceived); // sign-in steps (ssoCommands.ts)
    this.stateSubscription?.dispose();
    this.stateSubscription = client.onDidChangeState((e) => {
      if (e.newState === State.Stopped) {
        this.server.setClient(undefined, 'it stopped');
        this.controller.setServerProblem("Rolecall's language server is not running. See the Rolecall log.");
      } else if (e.newState === State.Running) {
        this.server.setClient(client);
        this.controller.setServerProblem(undefined);
        void this.controller.reload();
      }
    });
    return client;
  }

  private failed(binary: ServerBinary, problem: string): void {
    const message = startFailureMessage(binary, problem);
    this.log.appendLine(`[server] ${message}`);
    this.server.setClient(undefined, problem);
    this.controller.setServerProblem(message);
    void vscode.window.showErrorMessage(message, 'Open Logs', 'Open Settings').then((choice) => {
      if (choice === 'Open Logs') {
        this.log.show(true);
      } else if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'rolecall.server.path');
      }
    });
  }
}
