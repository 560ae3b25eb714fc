// The files named by rolecall.configFile / rolecall.credentialsFile (or AWS_CONFIG_FILE /
// AWS_SHARED_CREDENTIALS_FILE) need not end in .aws/config: give them their language when opened.

import * as vscode from 'vscode';
import { languageFor, type AwsFiles } from './settings';

export class AwsFileLanguages implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(private readonly files: () => AwsFiles) {
    this.subscription = vscode.workspace.onDidOpenTextDocument((doc) => void this.apply(doc));
    this.applyToOpenDocuments();
  }

  /** Call after the settings changed: the open documents may now be AWS files. */
  applyToOpenDocuments(): void {
    for (const doc of vscode.workspace.textDocuments) {
      void this.apply(doc);
    }
  }

  private async apply(doc: vscode.TextDocument): Promise<void> {
    if (doc.uri.scheme !== 'file') {
      return;
    }
    const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';
    const language = languageFor(doc.uri.fsPath, this.files(), caseInsensitive);
    if (language !== undefined && doc.languageId !== language) {
      await vscode.languages.setTextDocumentLanguage(doc, language);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
