// The end-to-end steps, in order: what a person does with the extension, and what they must see.
// Each step throws when what it expects does not appear in time. `needs` names earlier steps
// without which a step cannot mean anything (it is then reported as failed, not run).

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EXPECTED_PROBLEMS, MFA_SERIAL } from './fixtures.mjs';
import { waitFor } from './processes.mjs';
import { SSO_STEPS } from './ssoSteps.mjs';

const TIME_LEFT = '(\\d+h \\d\\dm|\\d+m|\\d+m \\d\\ds|\\d+s)';
const EXPIRES_UTC = /Expires \(UTC\):\s+(\S+)/;

export const STEPS = [
  {
    name: 'the extension activates: the status bar shows "AWS: no role"',
    async run({ wb }) {
      await wb.waitForRoleItem(/AWS: no role/, 90_000);
    },
  },
  {
    name: '"AWS: Open Config File" opens ~/.aws/config as AWS Config',
    async run({ wb, page }) {
      await wb.runCommand('AWS: Open Config File');
      await page.locator('.tab.active', { hasText: 'config' }).waitFor({ timeout: 15_000 });
      await waitFor('the language indicator to say AWS Config', async () => (await wb.editorLanguage()) === 'AWS Config', {
        timeoutMs: 15_000,
      });
    },
  },
  {
    name: "the Problems panel lists the broken config's diagnostics",
    needs: ['"AWS: Open Config File" opens ~/.aws/config as AWS Config'],
    async run({ wb, shot }) {
      const text = await wb.problems(EXPECTED_PROBLEMS, 60_000);
      await shot('problems', wb.page.locator('.part.panel'));
      if (!/\bconfig\b/.test(text)) {
        throw new Error(`the problems are not listed under the config file: "${text.slice(0, 300)}"`);
      }
    },
  },
  {
    name: '"AWS: Assume Role…" picks an account, then a role',
    needs: ['the extension activates: the status bar shows "AWS: no role"'],
    async run({ wb, shot, state }) {
      await wb.runCommand('AWS: Assume Role…');
      await wb.quickPickRow('base').first().waitFor({ timeout: 30_000 });
      const accounts = await wb.quickPickLabels();
      if (!accounts.includes('base') || !accounts.includes('sandbox')) {
        throw new Error(`the account step lists ${JSON.stringify(accounts)}, expected base and sandbox`);
      }
      await shot('picker-accounts', wb.quickInput());
      await wb.pick('base');
      await wb.quickPickRow('dev-admin').first().waitFor({ timeout: 15_000 });
      const roles = await wb.quickPickLabels();
      if (!roles.includes('prod-mfa') || roles.includes('sandbox-dev')) {
        throw new Error(`the role step for base lists ${JSON.stringify(roles)}, expected dev-admin and prod-mfa only`);
      }
      await shot('picker-roles', wb.quickInput());
      await wb.pick('dev-admin');
      state.assumedAt = Date.now();
    },
  },
  {
    name: 'the status bar shows the role and its time left',
    needs: ['"AWS: Assume Role…" picks an account, then a role'],
    async run({ wb, shot }) {
      await wb.waitForRoleItem(new RegExp(`dev-admin · ${TIME_LEFT}`), 30_000);
      await shot('statusbar', wb.page.locator('.part.statusbar'));
    },
  },
  {
    name: 'the tooltip shows role ARN, identity, expiry, chain and "Click to refresh"',
    needs: ['the status bar shows the role and its time left'],
    async run({ wb, page, shot }) {
      await wb.roleItem().first().hover();
      const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Click to refresh' });
      await hover.first().waitFor({ state: 'visible', timeout: 15_000 });
      const text = (await hover.first().textContent()) ?? '';
      for (const want of ['arn:aws:iam::111122223333:role/Admin', 'Assumed identity', 'Expires', 'Source chain']) {
        if (!text.includes(want)) throw new Error(`the tooltip lacks "${want}": "${text}"`);
      }
      await shot('statusbar-tooltip');
      await shot('statusbar-tooltip-crop', [hover.first(), wb.roleItem().first()]);
      await page.mouse.move(700, 300);
    },
  },
  {
    name: 'an MFA role asks for a six-digit code and is assumed with it',
    needs: ['the status bar shows the role and its time left'],
    async run({ wb, page, shot, state }) {
      await wb.runCommand('AWS: Assume Role…');
      await wb.pick('base');
      await wb.pick('prod-mfa');
      const box = wb.quickInput().filter({ hasText: `MFA code for ${MFA_SERIAL}` });
      await box.waitFor({ state: 'visible', timeout: 30_000 });
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.fill('12345');
      await wb.quickInput().filter({ hasText: 'six digits' }).waitFor({ timeout: 5000 });
      await shot('mfa-input', wb.quickInput());
      await input.fill('123456');
      await page.keyboard.press('Enter');
      await wb.waitForRoleItem(new RegExp(`prod-mfa · ${TIME_LEFT}`), 30_000);
      state.assumedAt = Date.now();
    },
  },
  {
    name: 'a new terminal has the session in AWS_ACCESS_KEY_ID and friends',
    needs: ['an MFA role asks for a six-digit code and is assumed with it'],
    async run({ wb, dirs, state }) {
      const envFile = join(dirs.tmp, 'terminal-env.txt');
      const secretFile = join(dirs.tmp, 'terminal-secret.txt');
      await wb.runInNewTerminal(
        `printf '%s\\n' "$AWS_ACCESS_KEY_ID" "\${#AWS_SECRET_ACCESS_KEY}" "\${#AWS_SESSION_TOKEN}" ` +
          `"$AWS_REGION" "$AWS_CREDENTIAL_EXPIRATION" > ${envFile}.part && mv ${envFile}.part ${envFile}; ` +
          `printf '%s' "$AWS_SECRET_ACCESS_KEY" > ${secretFile}`,
      );
      const lines = await waitFor('the terminal to write its environment', () => readLines(envFile), { timeoutMs: 30_000 });
      const [keyId, secretLength, tokenLength, region, expiration] = lines;
      if (!/^(ASIA|AKIA)[A-Z0-9]{8,}$/.test(keyId ?? '') || keyId === 'AKIAIOSFODNN7EXAMPLE') {
        throw new Error(`AWS_ACCESS_KEY_ID in a new terminal is "${keyId}", expected the session's key`);
      }
      if (!(Number(secretLength) > 0) || !(Number(tokenLength) > 0)) {
        throw new Error(`secret key length ${secretLength}, session token length ${tokenLength}: expected both set`);
      }
      if (region !== 'us-west-2' || !(Date.parse(expiration ?? '') > Date.now())) {
        throw new Error(`AWS_REGION "${region}" (want us-west-2), AWS_CREDENTIAL_EXPIRATION "${expiration}" (want a future time)`);
      }
      state.secretFile = secretFile;
    },
  },
  {
    name: 'a click on the status bar refreshes: the expiry moves',
    needs: ['an MFA role asks for a six-digit code and is assumed with it'],
    async run({ wb, page, state }) {
      await wb.runCommand('AWS: Show Active Role Details');
      const before = await waitFor('the details view to show the expiry', async () => EXPIRES_UTC.exec(await wb.activeEditorText())?.[1], {
        timeoutMs: 15_000,
      });
      // STS expiry times have one-second steps: let the wall clock pass the second of the last assume.
      await waitFor('a new second on the clock', () => Date.now() - state.assumedAt > 1500, { timeoutMs: 5000 });
      await wb.roleItem().first().click();
      // The active session comes first in the details view; a refresh that needs MFA asks for a code.
      const mfa = wb.quickInput().filter({ hasText: 'MFA code for' });
      let after;
      await waitFor('the expiry in the details view to move', async () => {
        if (await mfa.isVisible()) {
          await page.locator('.quick-input-widget .quick-input-box input').fill('123456');
          await page.keyboard.press('Enter');
        }
        after = EXPIRES_UTC.exec(await wb.activeEditorText())?.[1];
        return after !== undefined && after !== before;
      }, { timeoutMs: 30_000, intervalMs: 200 });
      if (!(Date.parse(after ?? '') > Date.parse(before))) {
        throw new Error(`the expiry went from ${before} to ${after}; expected a later time`);
      }
    },
  },
  {
    name: 'with auto-refresh off, a wide warning window turns the status bar yellow and offers "Refresh"',
    needs: ['an MFA role asks for a six-digit code and is assumed with it'],
    async run({ wb, page, shot }) {
      // The session has about an hour left: a two-hour window puts it in the window now, and with
      // auto-refresh off nothing will renew it, so the user is told.
      await wb.changeSettings([
        { id: 'rolecall.autoRefresh', title: 'Auto Refresh', value: false },
        { id: 'rolecall.expiryWarningMinutes', title: 'Expiry Warning Minutes', value: 120 },
      ]);
      const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'prod-mfa expires in' });
      await toast.first().waitFor({ state: 'visible', timeout: 30_000 });
      const text = (await toast.first().textContent()) ?? '';
      if (!text.includes('auto-refresh is off')) throw new Error(`the warning does not say why: "${text}"`);
      await wb.roleItem().and(page.locator('.warning-kind')).first().waitFor({ timeout: 10_000 });
      await shot('expiring', toast.first());
      await shot('statusbar-expiring', [wb.roleItem().first()]);
      await toast.first().getByRole('button', { name: 'Refresh' }).click();
      const mfa = wb.quickInput().filter({ hasText: 'MFA code for' });
      await waitFor('the refresh to finish', async () => {
        if (await mfa.isVisible()) {
          await page.locator('.quick-input-widget .quick-input-box input').fill('123456');
          await page.keyboard.press('Enter');
        }
        return page.locator('.statusbar-item').filter({ hasText: /Refreshed prod-mfa/ }).first().isVisible();
      }, { timeoutMs: 30_000, intervalMs: 200 });
      await wb.changeSettings([
        { id: 'rolecall.autoRefresh', title: 'Auto Refresh', value: true },
        { id: 'rolecall.expiryWarningMinutes', title: 'Expiry Warning Minutes', value: 10 },
      ]);
      await wb.roleItem().and(page.locator('.warning-kind')).first().waitFor({ state: 'detached', timeout: 15_000 });
      await wb.runCommand('Notifications: Clear All Notifications');
    },
  },
  {
    name: '"AWS: Forget Role Credentials" clears the status bar and new terminals',
    needs: ['an MFA role asks for a six-digit code and is assumed with it'],
    async run({ wb, dirs }) {
      await wb.runCommand('AWS: Forget Role Credentials');
      await wb.waitForRoleItem(/AWS: no role/, 15_000);
      const envFile = join(dirs.tmp, 'terminal-env-after-forget.txt');
      await wb.runInNewTerminal(`printf '%s\\n' "\${AWS_ACCESS_KEY_ID:-unset}" > ${envFile}.part && mv ${envFile}.part ${envFile}`);
      const [keyId] = await waitFor('the terminal to write its environment', () => readLines(envFile), { timeoutMs: 30_000 });
      if (keyId !== 'unset') {
        throw new Error(`AWS_ACCESS_KEY_ID is "${keyId}" in a terminal opened after Forget; expected it unset`);
      }
    },
  },
  {
    name: 'the code lens above [profile sandbox-dev] assumes that profile',
    needs: ['the status bar shows the role and its time left'],
    async run({ wb, page }) {
      await wb.runCommand('AWS: Open Config File');
      const header = page.locator('.editor-group-container.active .view-line').filter({ hasText: '[profile sandbox-dev]' });
      await header.first().waitFor({ timeout: 15_000 });
      const lenses = page.locator('.editor-group-container.active .codelens-decoration a').filter({ hasText: /^Assume role/ });
      await lenses.first().waitFor({ timeout: 30_000 });
      const lineTop = (await header.first().boundingBox()).y;
      let best;
      for (const lens of await lenses.all()) {
        const box = await lens.boundingBox();
        if (box && box.y < lineTop && (!best || box.y > best.y)) best = { lens, y: box.y };
      }
      if (!best) throw new Error('no "Assume role" code lens above [profile sandbox-dev]');
      await best.lens.click();
      await wb.waitForRoleItem(new RegExp(`sandbox-dev · ${TIME_LEFT}`), 30_000);
    },
  },
  ...SSO_STEPS,
  {
    name: 'no file VS Code wrote (logs, state, storage) holds the session secret key',
    needs: ['a new terminal has the session in AWS_ACCESS_KEY_ID and friends'],
    async run({ dirs, state }) {
      const secret = readFileSync(state.secretFile);
      if (secret.length < 16) throw new Error('the terminal wrote no secret key to compare against');
      const leaks = [];
      const ssoToken = state.ssoAccessToken; // set when the IAM Identity Center steps ran
      for (const root of [dirs.userData, dirs.home, dirs.out]) {
        for (const file of walk(root, [join(dirs.home, '.aws')])) {
          const data = readFileSync(file);
          if (data.includes(secret) || (ssoToken && data.includes(ssoToken))) leaks.push(relative(dirs.tmp, file));
        }
      }
      if (leaks.length > 0) throw new Error(`the secret key was written to: ${leaks.join(', ')}`);
    },
  },
];

/** The lines of a file once it exists (written whole by `mv`), else undefined. */
function readLines(file) {
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8').split('\n');
}

/** Every regular file below `dir`, skipping the folders in `skip` (the AWS CLI cache holds keys by design). */
function* walk(dir, skip) {
  if (!existsSync(dir) || skip.includes(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* walk(p, skip);
    } else if (entry.isFile() && statSync(p).size < 64 * 1024 * 1024) {
      yield p;
    }
  }
}
