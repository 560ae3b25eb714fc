// "Show Active Role Details" as a webview that follows the session status: redrawn when the status
// changes, its time left updated every second, each hop of a chain a link to the line it is written on.
// The page (details.ts) runs only its own nonce'd script and can ask for nothing but "open link n".

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { liveTimes, renderDetailsHtml, type LinkTarget } from './details';
import type { Place } from './protocol';
import type { RolecallServer } from './serverApi';
import type { SessionController } from './sessionController';
import type { AwsFiles } from './settings';
import { ssoSessionsNow } from './ssoFeature';

export class DetailsView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private links: LinkTarget[] = [];
  private places = new Map<string, readonly Place[]>();
  private nonce = '';
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly controller: SessionController,
    private readonly server: RolecallServer,
    private readonly files: () => AwsFiles,
    private readonly warningMinutes: () => number,
  ) {
    this.disposables = [
      controller.onDidChangeStatus(() => void this.refreshPage()),
      controller.onDidTick(() => this.tick()),
    ];
  }

  async show(): Promise<void> {
    await this.controller.reload();
    await this.loadPlaces();
    if (this.panel === undefined) {
      const panel = vscode.window.createWebviewPanel('rolecall.details', 'AWS Role Details', vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: [],
      });
      this.panel = panel;
      this.nonce = randomBytes(16).toString('base64'); // one per page, so an unchanged page renders the same
      panel.onDidDispose(() => {
        this.panel = undefined;
      });
      panel.webview.onDidReceiveMessage((message: unknown) => void this.open(message));
    } else {
      this.panel.reveal();
    }
    this.render();
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) {
      d.dispose();
    }
  }

  private async refreshPage(): Promise<void> {
    if (this.panel !== undefined) {
      await this.loadPlaces();
      this.render();
    }
  }

  /** Where each profile is written, for the chain's links; without it the chain is shown unlinked. */
  private async loadPlaces(): Promise<void> {
    try {
      const profiles = await this.server.profiles();
      this.places = new Map([...profiles.accounts, ...profiles.roles].map((p) => [p.profile, p.definedAt]));
    } catch {
      this.places = new Map();
    }
  }

  private render(): void {
    if (this.panel === undefined) {
      return;
    }
    const files = this.files();
    const page = renderDetailsHtml(
      {
        status: this.controller.current,
        files,
        configUri: vscode.Uri.file(files.config).toString(),
        now: new Date(),
        warningMinutes: this.warningMinutes(),
        places: this.places,
        ssoSessions: ssoSessionsNow(),
      },
      this.nonce,
    );
    this.links = page.links;
    // Assigning html reloads the page: skip it when nothing changed (show() and a status change often
    // render the same page within milliseconds, and back-to-back reloads can leave the view blank).
    if (this.panel.webview.html !== page.html) {
      this.panel.webview.html = page.html;
    }
  }

  private tick(): void {
    if (this.panel?.visible) {
      const times = liveTimes(this.controller.current, new Date(), this.warningMinutes());
      void this.panel.webview.postMessage({ type: 'tick', times });
    }
  }

  /** Opens link n of the page at its line; anything else the page might send is ignored. */
  private async open(message: unknown): Promise<void> {
    const m = message as { type?: unknown; link?: unknown };
    const target = m?.type === 'open' && typeof m.link === 'number' ? this.links[m.link] : undefined;
    if (target === undefined) {
      return;
    }
    const position = new vscode.Position(target.line, 0);
    await vscode.window.showTextDocument(vscode.Uri.parse(target.uri), {
      selection: new vscode.Range(position, position),
      viewColumn: vscode.ViewColumn.One,
    });
  }
}
