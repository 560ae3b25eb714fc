// One step of a multi-step quick pick, with VS Code's Back button where there is a step to go back
// to. (showQuickPick has no buttons, so the steps use createQuickPick.)

import * as vscode from 'vscode';

export type StepResult<T> = { kind: 'picked'; item: T } | { kind: 'back' } | { kind: 'cancelled' };

export interface StepOptions {
  title: string;
  placeholder: string;
  /** Shows the Back button (every step but the first). */
  back: boolean;
}

export function pickStep<T extends vscode.QuickPickItem>(items: readonly T[], options: StepOptions): Promise<StepResult<T>> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.items = items;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.ignoreFocusOut = false;
  pick.buttons = options.back ? [vscode.QuickInputButtons.Back] : [];
  return new Promise<StepResult<T>>((resolve) => {
    let result: StepResult<T> = { kind: 'cancelled' };
    const subscriptions = [
      pick.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) {
          result = { kind: 'back' };
          pick.hide();
        }
      }),
      pick.onDidAccept(() => {
        const item = pick.selectedItems[0] ?? pick.activeItems[0];
        if (item !== undefined) {
          result = { kind: 'picked', item };
          pick.hide();
        }
      }),
      pick.onDidHide(() => {
        for (const s of subscriptions) {
          s.dispose();
        }
        pick.dispose();
        resolve(result);
      }),
    ];
    pick.show();
  });
}
