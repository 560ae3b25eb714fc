// The IAM Identity Center steps of the end-to-end test: sign in with a device code approved on the
// emulator's page in a second browser page, pick an Identity Center account by name and a role, see
// the status bar and tooltip, then add profiles (preview, Write) and check the file.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { hoverOver } from './editorSteps.mjs';
import { waitFor } from './processes.mjs';

const TIME_LEFT = '(\\d+h \\d\\dm|\\d+m|\\d+m \\d\\ds|\\d+s)';
const SSO_ROLE = 'corp/111111111111/ReadOnlyAccess';

export const SSO_STEPS = [
  {
    name: '"Sign In to IAM Identity Center…" shows a code, approved in the browser, signs in',
    needs: ['the extension activates: the status bar shows "AWS: no role"'],
    async run({ wb, page, browser, ssoUrl, dirs, shot, state }) {
      await wb.runCommand('Notifications: Clear All Notifications');
      await wb.runCommand('Rolecall (AWS): Sign In to IAM Identity Center…');
      const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'confirm the code' });
      await toast.filter({ hasText: 'To sign in to corp' }).first().waitFor({ state: 'visible', timeout: 30_000 });
      const text = (await toast.filter({ hasText: 'To sign in to corp' }).first().textContent()) ?? '';
      const code = /confirm the code ([A-Z0-9-]+)/.exec(text)?.[1];
      if (!code) throw new Error(`no user code in the notification: "${text}"`);
      if (!text.includes('Open Page') || !text.includes('Copy Code')) throw new Error(`the notification lacks its actions: "${text}"`);
      const progressToast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'Signing in to corp' });
      await shot('sso-sign-in-code', [toast.first(), progressToast.first()]);
      // The person opens the page (on any device) and confirms the code there.
      const approval = await browser.newPage({ viewport: { width: 900, height: 600 } });
      try {
        await approval.goto(`${ssoUrl}/device`);
        await approval.locator('#user_code').fill(code);
        await approval.screenshot({ path: join(dirs.out, 'sso-approval-page.png') });
        await approval.locator('#approve').click();
        await approval.waitForLoadState();
      } finally {
        await approval.close();
      }
      await page.locator('.statusbar-item').filter({ hasText: 'Signed in to corp' }).first().waitFor({ timeout: 30_000 });
      const cache = join(dirs.home, '.aws', 'sso', 'cache');
      const token = readdirSync(cache)
        .filter((f) => f.endsWith('.json')) // not the writer's lock files
        .map((f) => JSON.parse(readFileSync(join(cache, f), 'utf8')))
        .find((t) => t.accessToken);
      if (!token) throw new Error(`no token in ${cache} after the sign-in`);
      state.ssoAccessToken = token.accessToken;
      await wb.runCommand('Notifications: Clear All Notifications');
    },
  },
  {
    name: '"Assume Role…" lists the Identity Center accounts by name; a role from one becomes active',
    needs: ['"Sign In to IAM Identity Center…" shows a code, approved in the browser, signs in'],
    async run({ wb, page, dirs, shot }) {
      await wb.runCommand('Rolecall (AWS): Assume Role…');
      const t0 = Date.now();
      await wb.quickPickRow('development').first().waitFor({ timeout: 30_000 });
      console.log(`     the picker showed the Identity Center accounts ${Date.now() - t0} ms after the palette command was clicked`);
      // The extension's own measure, from the command's start to the picker shown (its output log).
      const shown = await waitFor('the extension to log the picker', () => pickerShownLines(dirs).at(-1), { timeoutMs: 10_000 }).catch(() => undefined);
      console.log(`     the extension logged: ${shown ?? 'nothing (its output log was not found)'}`);
      const labels = await wb.quickPickLabels();
      for (const want of ['base', 'development', 'production', 'Refresh accounts']) {
        if (!labels.includes(want)) throw new Error(`the first step lists ${JSON.stringify(labels)}, missing ${want}`);
      }
      await shot('picker-identity-center', wb.quickInput());
      await wb.pick('development');
      await wb.quickPickRow('ReadOnlyAccess').first().waitFor({ timeout: 15_000 });
      await shot('picker-identity-center-roles', wb.quickInput());
      await wb.pick('ReadOnlyAccess');
      await wb.waitForRoleItem(new RegExp(`${SSO_ROLE} · ${TIME_LEFT}`), 30_000);
      await wb.roleItem().first().hover();
      const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'IAM Identity Center' });
      await hover.first().waitFor({ state: 'visible', timeout: 15_000 });
      const text = (await hover.first().textContent()) ?? '';
      for (const want of ['corp', 'd-1234567890.awsapps.com/start', 'eu-west-1', 'Sign-in:']) {
        if (!text.includes(want)) throw new Error(`the tooltip lacks "${want}": "${text}"`);
      }
      await shot('sso-statusbar-tooltip', [hover.first(), wb.roleItem().first()]);
      await page.mouse.move(700, 300);
      await wb.runCommand('Notifications: Clear All Notifications');
    },
  },
  {
    name: '"Add Profiles from IAM Identity Center…" previews a diff, writes on "Write", adds no problem',
    needs: ['"Sign In to IAM Identity Center…" shows a code, approved in the browser, signs in', '"Open Config File" opens ~/.aws/config as AWS Config'],
    async run({ wb, page, dirs, shot }) {
      const config = join(dirs.home, '.aws', 'config');
      const before = readFileSync(config, 'utf8');
      const problemsBefore = await problemRows(wb);
      await wb.runCommand('Rolecall (AWS): Add Profiles from IAM Identity Center…');
      const dialog = page.locator('.monaco-dialog-box').filter({ hasText: 'Write 3 profiles of corp' });
      await dialog.waitFor({ state: 'visible', timeout: 30_000 });
      await page.locator('.editor-group-container .tab', { hasText: 'preview' }).first().waitFor({ timeout: 15_000 });
      await page.locator('.monaco-diff-editor').first().waitFor({ timeout: 15_000 });
      await shot('sso-profiles-preview');
      if (readFileSync(config, 'utf8') !== before) throw new Error('the config file changed before "Write"');
      await dialog.locator('.monaco-button', { hasText: 'Write' }).first().click();
      const written = await waitFor('the config file to hold the profiles', () => {
        const text = readFileSync(config, 'utf8');
        return text.includes('# BEGIN rolecall sso-session corp') && text;
      }, { timeoutMs: 15_000 });
      for (const name of ['development-AdministratorAccess', 'development-ReadOnlyAccess', 'production-ReadOnlyAccess']) {
        if (!written.includes(`[profile ${name}]`)) throw new Error(`the written file lacks [profile ${name}]`);
      }
      if (!written.startsWith(before.trimEnd())) throw new Error('the text before the block changed');
      // The CLI the extension ships (the same binary as its server) finds nothing to say in the block.
      const block = blockLines(written, '# BEGIN rolecall sso-session corp', '# END rolecall sso-session corp');
      const check = spawnSync(shippedBinary(dirs), ['check', '--format', 'json'], {
        env: { PATH: process.env.PATH, HOME: dirs.home },
        encoding: 'utf8',
      });
      if (check.status !== 0 && check.status !== 1) throw new Error(`rolecall check exited ${check.status}: ${check.stderr}`);
      const found = JSON.parse(check.stdout).diagnostics ?? [];
      const inBlock = found.filter(
        (d) => d.file.endsWith('config') && d.range.start.line >= block.first && d.range.start.line <= block.last && ['error', 'warning'].includes(d.severity),
      );
      if (inBlock.length > 0) throw new Error(`rolecall check reports in the generated block: ${JSON.stringify(inBlock)}`);
      console.log(`     rolecall check: ${found.length} diagnostics in the files, none an error or warning in the generated block (lines ${block.first + 1}-${block.last + 1})`);
      await page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'Wrote 3 added' }).first().waitFor({ timeout: 15_000 });
      // The server re-reads the file it wrote; the Problems panel must list nothing new for it.
      await wb.runCommand('Rolecall (AWS): Open Config File');
      await waitFor('the editor to show the written file', async () => (await wb.page.locator('.editor-group-container.active .tab.active').textContent())?.includes('config'), { timeoutMs: 15_000 });
      await waitFor('the problems to settle', async () => (await problemRows(wb)).join('\n') === problemsBefore.join('\n'), {
        timeoutMs: 20_000,
        intervalMs: 500,
      }).catch(async () => {
        const now = await problemRows(wb);
        throw new Error(`the Problems panel changed after the write:\nbefore ${JSON.stringify(problemsBefore)}\nafter  ${JSON.stringify(now)}`);
      });
      await shot('sso-profiles-written');
    },
  },
  {
    name: 'a profile from Identity Center has a "Get credentials" code lens, and its hover names the account and role',
    needs: ['"Add Profiles from IAM Identity Center…" previews a diff, writes on "Write", adds no problem'],
    async run({ wb, page, dirs, shot }) {
      const name = 'production-ReadOnlyAccess';
      const text = readFileSync(join(dirs.home, '.aws', 'config'), 'utf8');
      const account = new RegExp(`\\[profile ${name}\\][^[]*?sso_account_id = (\\d{12})`).exec(text)?.[1];
      if (!account) throw new Error(`the written [profile ${name}] has no sso_account_id`);
      await wb.runCommand('Rolecall (AWS): Open Config File');
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
      await page.keyboard.press('Control+End');
      const header = page.locator('.editor-group-container.active .view-line').filter({ hasText: `[profile ${name}]` }).first();
      await header.waitFor({ timeout: 15_000 });
      const lenses = page.locator('.editor-group-container.active .codelens-decoration a').filter({ hasText: /^Get credentials/ });
      await waitFor(`the "Get credentials" code lens right above [profile ${name}]`, async () => {
        const top = (await header.boundingBox())?.y;
        for (const lens of await lenses.all()) {
          const box = await lens.boundingBox();
          if (top !== undefined && box && box.y < top && top - (box.y + box.height) < 12) return true;
        }
        return false;
      }, { timeoutMs: 15_000, intervalMs: 200 });
      const hover = await hoverOver(page, name, `[profile ${name}]`, 'ReadOnlyAccess');
      for (const want of [account, 'ReadOnlyAccess']) {
        if (!hover.includes(want)) throw new Error(`the hover of ${name} does not name ${want}: "${hover.slice(0, 300)}"`);
      }
      await shot('sso-profile-hover', page.locator('.editor-group-container.active'));
      await page.keyboard.press('Escape');
    },
  },
];

/** The Problems panel's rows, as text (opening it). */
async function problemRows(wb) {
  await wb.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
  const rows = wb.page.locator('.markers-panel .monaco-list-row');
  await wb.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 15_000 });
  return (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => !/^config\b/.test(t)).sort();
}

/** The extension's "[sso] picker shown N ms … with N Identity Center accounts" lines with accounts, from VS Code's logs. */
function pickerShownLines(dirs) {
  const found = [];
  const walk = (dir) => {
    let names = [];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.log') && name.includes('Rolecall')) {
        for (const line of readFileSync(path, 'utf8').split('\n')) {
          if (/\[sso\] picker shown \d+ ms .* with [1-9]\d* Identity Center accounts/.test(line)) found.push(line.trim());
        }
      }
    }
  };
  walk(join(dirs.userData, 'logs'));
  return found;
}

/** The 0-based first and last lines of the block between two marker lines. */
function blockLines(text, begin, end) {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.startsWith(begin));
  const last = lines.findIndex((l, i) => i > first && l.startsWith(end));
  if (first < 0 || last < 0) throw new Error(`no block between "${begin}" and "${end}"`);
  return { first, last };
}

/** The rolecall binary inside the installed extension. */
function shippedBinary(dirs) {
  for (const ext of readdirSync(dirs.extensions)) {
    const bin = join(dirs.extensions, ext, 'bin', 'rolecall');
    if (ext.includes('rolecall') && statSync(bin, { throwIfNoEntry: false })?.isFile()) return bin;
  }
  throw new Error(`no bin/rolecall in the extensions under ${dirs.extensions}`);
}
