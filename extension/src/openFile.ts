// Opening the AWS files, and creating one that does not exist yet (mode 0600 in a 0700 folder, as the
// AWS CLI makes them) from a commented template, in one step.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CREATE_IT } from './firstRun';

/** Opens an AWS file; offers to create it from `template` when it does not exist yet. */
export async function openAwsFile(file: string, languageId: string, template: string): Promise<void> {
  if (!fs.existsSync(file)) {
    const choice = await vscode.window.showInformationMessage(`${file} does not exist yet.`, CREATE_IT);
    if (choice !== CREATE_IT) {
      return;
    }
    await createAndOpen(file, languageId, template);
    return;
  }
  await showAwsFile(file, languageId);
}

/** Creates the file with the template (never over an existing file) and opens it. */
export async function createAndOpen(file: string, languageId: string, template: string): Promise<void> {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, template, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      void vscode.window.showErrorMessage(`Could not create ${file}: ${(err as Error).message}. Check that its folder is writable.`);
      return;
    }
  }
  await showAwsFile(file, languageId);
}

async function showAwsFile(file: string, languageId: string): Promise<void> {
  let doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  if (doc.languageId !== languageId) {
    doc = await vscode.languages.setTextDocumentLanguage(doc, languageId);
  }
  await vscode.window.showTextDocument(doc);
}
