// The status bar item: `$(key) AWS: no role`, or `$(key) <profile> · <time left>`. Every field comes
// from presentation.ts; this only copies them onto the item when they change.

import * as vscode from 'vscode';
import type { Background, StatusBarPresentation } from './presentation';
import type { SessionController } from './sessionController';
import { TOOLTIP_COMMANDS, withSessionLinks } from './sessionLinks';

const BACKGROUNDS: Record<Background, vscode.ThemeColor | undefined> = {
  none: undefined,
  warning: new vscode.ThemeColor('statusBarItem.warningBackground'),
  error: new vscode.ThemeColor('statusBarItem.errorBackground'),
};

export class RoleStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;
  private shown: StatusBarPresentation | undefined;

  constructor(private readonly controller: SessionController) {
    this.item = vscode.window.createStatusBarItem('rolecall.status', vscode.StatusBarAlignment.Left, 100);
    this.item.name = 'Rolecall: AWS Role';
    this.subscription = controller.onDidTick(() => this.render());
    this.render();
    this.item.show();
  }

  render(): void {
    const p = this.controller.presentation(new Date());
    const before = this.shown;
    if (before && same(before, p)) {
      return;
    }
    this.shown = p;
    this.item.text = p.text;
    this.item.command = p.command;
    this.item.backgroundColor = BACKGROUNDS[p.background];
    this.item.accessibilityInformation = { label: p.ariaLabel, role: 'button' };
    if (!before || before.tooltip !== p.tooltip) {
      const tooltip = new vscode.MarkdownString(withSessionLinks(p.tooltip, p.command), true);
      tooltip.isTrusted = { enabledCommands: [...TOOLTIP_COMMANDS] };
      this.item.tooltip = tooltip;
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

function same(a: StatusBarPresentation, b: StatusBarPresentation): boolean {
  return (
    a.text === b.text &&
    a.tooltip === b.tooltip &&
    a.background === b.background &&
    a.command === b.command &&
    a.ariaLabel === b.ariaLabel
  );
}
