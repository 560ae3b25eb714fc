// Driving VS Code's workbench in the browser as a person would: the command palette, quick picks,
// input boxes, the status bar, the Problems panel, terminals and editors. Every wait is on something
// visible, with a timeout.

import { waitFor } from './processes.mjs';

const QUICK_INPUT = '.quick-input-widget';

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  /** Waits until the workbench has loaded (the status bar is there). */
  async ready(timeout = 60_000) {
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout });
  }

  /**
   * Runs a command by its palette title, e.g. "AWS: Assume Role…". VS Code closes the palette when the
   * focus moves (a dialog that just closed hands the focus back, a reloaded editor takes it); when that
   * happens before the command is picked, the palette is opened again, as a person would.
   */
  async runCommand(title, timeout = 15_000) {
    const palette = this.page.locator(QUICK_INPUT);
    for (let attempt = 1; ; attempt++) {
      await this.closeQuickInput();
      await this.page.keyboard.press('F1');
      const input = palette.locator('.quick-input-box input');
      try {
        await input.waitFor({ state: 'visible', timeout });
        await input.fill(`>${title}`, { timeout });
        const row = this.quickPickRow(title, { exact: true });
        await row.first().waitFor({ state: 'visible', timeout });
        await row.first().click({ timeout });
        return;
      } catch (err) {
        if (attempt >= 3 || (await palette.isVisible())) throw err; // still open: the command is not there
        console.log(`[e2e] the palette closed before "${title}" was picked; opening it again`);
      }
    }
  }

  /** A row of the open quick pick whose label is `label` (icons ignored). */
  quickPickRow(label, { exact = true } = {}) {
    const name = exact ? new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) : label;
    return this.page
      .locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`)
      .filter({ has: this.page.locator('.label-name', { hasText: name }) });
  }

  /** The labels of the open quick pick's rows. */
  async quickPickLabels() {
    const labels = this.page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row .label-name`);
    return (await labels.allTextContents()).map((s) => s.trim());
  }

  /** Waits for a quick pick row with this label and picks it with a click. */
  async pick(label, timeout = 15_000) {
    const row = this.quickPickRow(label);
    await row.first().waitFor({ state: 'visible', timeout });
    await row.first().click();
  }

  quickInput() {
    return this.page.locator(QUICK_INPUT);
  }

  async closeQuickInput() {
    if (await this.page.locator(QUICK_INPUT).isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 5000 });
    }
  }

  /** The Rolecall status bar item (found by its key icon and text). */
  roleItem() {
    return this.page
      .locator('.part.statusbar .statusbar-item')
      .filter({ has: this.page.locator('.codicon-key') });
  }

  async roleItemText() {
    return ((await this.roleItem().first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  /** Waits until the Rolecall status bar item's text matches; returns the text. */
  async waitForRoleItem(pattern, timeout = 30_000) {
    try {
      await this.roleItem().filter({ hasText: pattern }).first().waitFor({ state: 'visible', timeout });
    } catch {
      const last = await this.roleItemText().catch(() => '(no item)');
      throw new Error(`status bar item never matched ${pattern} within ${timeout} ms; it shows "${last}"`);
    }
    return this.roleItemText();
  }

  /** Opens the Problems panel and returns its text once it mentions every word of `mustMention`. */
  async problems(mustMention, timeout = 30_000) {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible', timeout });
    for (const word of mustMention) {
      try {
        await panel.filter({ hasText: word }).waitFor({ state: 'visible', timeout });
      } catch {
        const text = ((await panel.textContent()) ?? '').replace(/\s+/g, ' ');
        throw new Error(`the Problems panel never mentioned "${word}"; it shows: "${text.slice(0, 400)}"`);
      }
    }
    return ((await panel.textContent()) ?? '').replace(/\s+/g, ' ');
  }

  /** Waits for a visible notification toast whose text includes `text`; returns its locator. */
  async visibleToast(text, timeout = 15_000) {
    const toasts = this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
    const visible = async () => {
      for (const toast of await toasts.all()) if (await toast.isVisible()) return toast;
      return undefined;
    };
    return waitFor(`a visible notification that says "${text}"`, visible, { timeoutMs: timeout }).catch(async (err) => {
      const shown = await this.page.locator('.notifications-toasts .notification-toast').allInnerTexts();
      throw new Error(`${err.message}; the toasts say ${JSON.stringify(shown)}`);
    });
  }

  /**
   * Waits for a notification whose text includes `text`, where a person would see it: its toast, or, when
   * VS Code shows no toast for it (it keeps some in the notification centre only, with a dot on the bell),
   * the notification centre, opened as a person would. Returns the notification's element.
   */
  async notification(text, timeout = 15_000) {
    try {
      return await this.visibleToast(text, Math.min(timeout, 5000));
    } catch {
      await this.runCommand('Notifications: Show Notifications');
      const item = this.page.locator('.notifications-center .notification-list-item').filter({ hasText: text }).first();
      await item.waitFor({ state: 'visible', timeout }).catch(async () => {
        const shown = await this.page.locator('.notifications-center .notification-list-item').allInnerTexts();
        throw new Error(`no notification says "${text}", neither as a toast nor in the notification centre, which says ${JSON.stringify(shown)}`);
      });
      return item;
    }
  }

  /** Closes the notification centre if it is open. */
  async closeNotificationCenter() {
    if (await this.page.locator('.notifications-center.visible').isVisible()) {
      await this.runCommand('Notifications: Hide Notifications');
    }
  }

  /** Sets settings in the Settings editor as a person would: search each, change it, close the editor. */
  async changeSettings(changes, timeout = 15_000) {
    await this.runCommand('Preferences: Open User Settings');
    const editor = this.page.locator('.settings-editor');
    await editor.waitFor({ state: 'visible', timeout });
    for (const { id, title, value } of changes) {
      await this.searchSettings(editor, id);
      const item = editor.locator('.setting-item').filter({ hasText: title });
      if (typeof value === 'boolean') {
        const box = item.locator('.setting-value-checkbox').first();
        await box.waitFor({ state: 'visible', timeout });
        if (((await box.getAttribute('aria-checked')) === 'true') !== value) await box.click();
      } else {
        const input = item.locator('input').first();
        await input.waitFor({ state: 'visible', timeout });
        await input.fill(String(value));
        await input.press('Tab');
      }
    }
    await this.page.locator('.editor-group-container.active .tab.active .tab-actions .codicon-close').click();
    await editor.waitFor({ state: 'hidden', timeout });
  }

  async searchSettings(editor, query) {
    const search = editor.locator('.settings-header .suggest-input-container .monaco-editor textarea').first();
    await search.focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.type(query);
  }

  /** Opens a new integrated terminal and types a command line into it. */
  async runInNewTerminal(commandLine, timeout = 30_000) {
    const before = await this.page.locator('.terminal-wrapper').count();
    await this.runCommand('Terminal: Create New Terminal');
    await this.page
      .locator('.terminal-wrapper')
      .nth(before)
      .waitFor({ state: 'attached', timeout });
    const textarea = this.page.locator('.terminal-wrapper.active .xterm-helper-textarea');
    await textarea.waitFor({ state: 'attached', timeout });
    await textarea.focus();
    await this.page.keyboard.type(commandLine);
    await this.page.keyboard.press('Enter');
  }

  /** Types a command line into the terminal used last (it must exist). */
  async runInActiveTerminal(commandLine, timeout = 30_000) {
    await this.runCommand('Terminal: Focus Terminal');
    const textarea = this.page.locator('.terminal-wrapper.active .xterm-helper-textarea');
    await textarea.waitFor({ state: 'attached', timeout });
    await textarea.focus();
    await this.page.keyboard.type(commandLine);
    await this.page.keyboard.press('Enter');
  }

  /** The text of the visible lines of the active editor. */
  async activeEditorText() {
    const lines = this.page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line');
    const texts = await lines.allTextContents();
    return texts.map((t) => t.replace(/\u00a0/g, ' ')).join('\n');
  }

  /** The details webview's page (VS Code nests it in two iframes). */
  detailsFrame() {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  /** The text of the details webview as laid out (table cells separated by tabs and newlines). */
  async detailsText(timeout = 10_000) {
    return (await this.detailsFrame().locator('body').innerText({ timeout })).replace(/\u00a0/g, ' ');
  }

  /** The quick input's title (e.g. a picker step's question). */
  async quickInputTitle() {
    return ((await this.page.locator(`${QUICK_INPUT} .quick-input-title`).textContent()) ?? '').trim();
  }

  /** The Back button of a multi-step quick pick. */
  backButton() {
    return this.page.locator(`${QUICK_INPUT} .codicon-quick-input-back, ${QUICK_INPUT} [aria-label="Back"]`).first();
  }

  /** The cursor position shown in the status bar ("Ln 5, Col 1"). */
  async cursorPosition() {
    return ((await this.page.locator('.part.statusbar #status\\.editor\\.selection').textContent()) ?? '').trim();
  }

  /** The language shown in the status bar for the active editor (e.g. "AWS Config"). */
  async editorLanguage() {
    const item = this.page.locator('.part.statusbar #status\\.editor\\.mode');
    return ((await item.textContent()) ?? '').trim();
  }
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
