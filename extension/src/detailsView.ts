// "AWS: Show Active Role Details" as a read-only virtual document that follows the session status.

import * as vscode from 'vscode';
import { renderDetails } from './details';
import type { SessionController } from './sessionController';
import type { AwsFiles } from './settings';
import { ssoSessionsNow } from './ssoFeature';

export const DETAILS_SCHEME = 'rolecall-details';
const DETAILS_URI = vscode.Uri.from({ scheme: DETAILS_SCHEME, path: '/AWS Role Details' });

export class DetailsView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly controller: SessionController,
    private readonly files: () => AwsFiles,
    private readonly warningMinutes: () => number,
  ) {
    this.disposables = [
      vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, this),
      controller.onDidChangeStatus(() => this.changed.fire(DETAILS_URI)),
      this.changed,
    ];
  }

  provideTextDocumentContent(): string {
    return renderDetails(this.controller.current, this.files(), new Date(), this.warningMinutes(), ssoSessionsNow());
  }

  async show(): Promise<void> {
    await this.controller.reload();
    this.changed.fire(DETAILS_URI);
    const doc = await vscode.workspace.openTextDocument(DETAILS_URI);
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
