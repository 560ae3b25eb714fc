// The end-to-end steps, in order: what a person does with the extension, and what they must see.
// Each step throws when what it expects does not appear in time. `needs` names earlier steps
// without which a step cannot mean anything (it is then reported as failed, not run).

import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SIGNIN_TOKEN } from './federation.mjs';
import { EDITOR_STEPS } from './editorSteps.mjs';
import { CONFIG, DEV_ADMIN_LINE, EXPECTED_PROBLEMS, MFA_SERIAL } from './fixtures.mjs';
import { waitFor } from './processes.mjs';
import { Workbench } from './workbench.mjs';
import { SSO_STEPS } from './ssoSteps.mjs';

const TIME_LEFT = '(\\d+h \\d\\dm|\\d+m|\\d+m \\d\\ds|\\d+s)';
const EXPIRES_UTC = /Expires \(UTC\)\s+(\d{4}-\d\d-\d\dT[\d:.]+Z)/;
/** The palette category of every Rolecall command: typing "rolecall" or "aws" finds them. */
const CAT = 'Rolecall (AWS)';
const SOURCE_STEP = 'Where do the credentials come from?';

export const STEPS = [
  {
    name: 'the extension activates: the status bar shows "AWS: no role"',
    async run({ wb }) {
      await wb.waitForRoleItem(/AWS: no role/, 90_000);
    },
  },
  {
    name: 'first run: with no config file, the first message offers "Create It", which writes a commented config and opens it',
    needs: ['the extension activates: the status bar shows "AWS: no role"'],
    async run({ wb, page, dirs, shot }) {
      // Before any editor holds the config (VS Code keeps a closed document, and the server its text, for
      // minutes), move it away, as on a first run. Put back at the end.
      const config = join(dirs.home, '.aws', 'config');
      renameSync(config, `${config}.moved`);
      try {
        // The server reads the files again when a command finds them changed on disk, so the first
        // "Assume Role…" after the move already finds no config file.
        await wb.runCommand(`${CAT}: Assume Role…`);
        const toast = await wb.visibleToast('does not exist yet', 15_000);
        const said = (await toast.textContent()) ?? '';
        if (!said.includes(`${config} does not exist yet`)) throw new Error(`the first message does not say the file is missing: "${said}"`);
        await shot('first-run', toast);
        await toast.getByRole('button', { name: 'Create It' }).click();
        await page.locator('.tab.active', { hasText: 'config' }).waitFor({ timeout: 15_000 });
        await waitFor('the new config in the editor', async () => (await wb.activeEditorText()).includes('# AWS config file (created by Rolecall)'), {
          timeoutMs: 15_000,
        });
        const written = readFileSync(config, 'utf8');
        if (!written.includes('# [profile dev-admin]') || /AKIA|aws_secret_access_key/.test(written)) {
          throw new Error(`the created config is not the commented template: ${JSON.stringify(written.slice(0, 200))}`);
        }
        const mode = statSync(config).mode & 0o777;
        if (mode !== 0o600) throw new Error(`the created config has mode ${mode.toString(8)}, want 600`);
        await shot('first-run-created', page.locator('.editor-group-container.active'));
      } finally {
        // The test's own config replaces the template on disk; the unmodified editor reloads it.
        writeFileSync(config, CONFIG, { mode: 0o600 });
        rmSync(`${config}.moved`, { force: true });
      }
      await waitFor('the editor to show the test config again', async () => (await wb.activeEditorText()).includes('[profile dev-admin]'), {
        timeoutMs: 15_000,
      });
      await wb.runCommand('View: Close All Editors');
    },
  },
  {
    name: 'the palette finds the commands by "rolecall" and by "assume role"',
    needs: ['the extension activates: the status bar shows "AWS: no role"'],
    async run({ wb, page, shot }) {
      const input = page.locator('.quick-input-widget .quick-input-box input');
      for (const query of ['rolecall', 'assume role']) {
        await wb.closeQuickInput();
        await page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 15_000 });
        await input.fill(`>${query}`);
        const row = wb.quickPickRow(`${CAT}: Assume Role…`);
        try {
          await row.first().waitFor({ state: 'visible', timeout: 15_000 });
        } catch {
          throw new Error(`typing "${query}" in the palette does not find "${CAT}: Assume Role…"; it lists ${JSON.stringify(await wb.quickPickLabels())}`);
        }
        if (query === 'rolecall') {
          const labels = await wb.quickPickLabels();
          for (const title of ['Assume Role…', 'Forget Role Credentials…', 'Show Active Role Details']) {
            if (!labels.includes(`${CAT}: ${title}`)) throw new Error(`"rolecall" does not list "${CAT}: ${title}": ${JSON.stringify(labels)}`);
          }
          await shot('palette-rolecall', wb.quickInput());
        }
      }
      await wb.closeQuickInput();
    },
  },
  {
    name: '"Open Config File" opens ~/.aws/config as AWS Config',
    needs: ['the extension activates: the status bar shows "AWS: no role"'],
    async run({ wb, page }) {
      await wb.runCommand(`${CAT}: Open Config File`);
      await page.locator('.tab.active', { hasText: 'config' }).waitFor({ timeout: 15_000 });
      await waitFor('the language indicator to say AWS Config', async () => (await wb.editorLanguage()) === 'AWS Config', {
        timeoutMs: 15_000,
      });
    },
  },
  {
    name: "the Problems panel lists the broken config's diagnostics",
    needs: ['"Open Config File" opens ~/.aws/config as AWS Config'],
    async run({ wb, shot }) {
      const text = await wb.problems(EXPECTED_PROBLEMS, 60_000);
      await shot('problems', wb.page.locator('.part.panel'));
      if (!/\bconfig\b/.test(text)) {
        throw new Error(`the problems are not listed under the config file: "${text.slice(0, 300)}"`);
      }
    },
  },
  ...EDITOR_STEPS,
  {
    name: '"Assume Role…" asks where the credentials come from, then the role, with Back',
    needs: ['the extension activates: the status bar shows "AWS: no role"'],
    async run({ wb, shot, state }) {
      await wb.runCommand(`${CAT}: Assume Role…`);
      await wb.quickPickRow('base').first().waitFor({ timeout: 30_000 });
      const accounts = await wb.quickPickLabels();
      if (!accounts.includes('base') || !accounts.includes('sandbox')) {
        throw new Error(`the account step lists ${JSON.stringify(accounts)}, expected base and sandbox`);
      }
      const first = await wb.quickInputTitle();
      if (!first.includes(SOURCE_STEP)) throw new Error(`the first step is titled "${first}", expected "${SOURCE_STEP}"`);
      if (((await wb.quickInput().textContent()) ?? '').includes('account ID unknown')) {
        throw new Error('the first step still says "account ID unknown"');
      }
      await shot('picker-accounts', wb.quickInput());
      await wb.pick('base');
      await wb.quickPickRow('dev-admin').first().waitFor({ timeout: 15_000 });
      const roles = await wb.quickPickLabels();
      for (const want of ['dev-admin', 'prod-mfa', 'prod-long', 'ops']) {
        if (!roles.includes(want) || roles.includes('sandbox-dev')) {
          throw new Error(`the role step for base lists ${JSON.stringify(roles)}, expected ${want} and no sandbox-dev`);
        }
      }
      const opsRow = ((await wb.quickPickRow('ops').first().textContent()) ?? '');
      if (!opsRow.includes('via dev-admin')) throw new Error(`the chained role ops does not say "via dev-admin": "${opsRow}"`);
      await wb.backButton().waitFor({ state: 'visible', timeout: 10_000 });
      await shot('picker-roles', wb.quickInput());
      // Back returns to the first step; "Other roles" shows the broken role with its lock and errors.
      await wb.backButton().click();
      await waitFor('the first step again after Back', async () => (await wb.quickInputTitle()).includes(SOURCE_STEP), { timeoutMs: 10_000 });
      await wb.pick('Other roles');
      const broken = wb.quickPickRow('broken').first();
      await broken.waitFor({ timeout: 15_000 });
      const brokenText = (await broken.textContent()) ?? '';
      if (!(await broken.locator('.codicon-lock').count()) || !/\d+ errors?/.test(brokenText)) {
        throw new Error(`the broken MFA role lacks its lock or its error count: "${brokenText}"`);
      }
      await shot('picker-errors', wb.quickInput());
      await wb.backButton().click();
      await waitFor('the first step again after Back', async () => (await wb.quickInputTitle()).includes(SOURCE_STEP), { timeoutMs: 10_000 });
      await wb.pick('base');
      await wb.pick('dev-admin');
      state.assumedAt = Date.now();
    },
  },
  {
    name: 'a role that cannot be assumed: the error names the profile first, then what to fix',
    needs: ['"Assume Role…" asks where the credentials come from, then the role, with Back'],
    async run({ wb, page, shot }) {
      await wb.runCommand(`${CAT}: Assume Role…`);
      await wb.pick('Other roles');
      await wb.pick('broken');
      const toast = await wb.notification('Could not assume broken', 15_000);
      const said = ((await toast.locator('.notification-list-item-message').first().textContent()) ?? '').trim();
      if (!/^Could not assume broken: source_profile "nowhere" does not exist; create it or name an existing profile \(config line 28\)$/.test(said)) {
        throw new Error(`the error does not name the profile first, then the fix: "${said}"`);
      }
      await shot('assume-error', toast);
      await wb.closeNotificationCenter();
    },
  },
  {
    name: 'the status bar shows the role and its time left',
    needs: ['"Assume Role…" asks where the credentials come from, then the role, with Back'],
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
      for (const link of ['Open Console', 'Choose Region']) {
        const a = hover.first().locator('a', { hasText: link });
        if ((await a.count()) === 0) throw new Error(`the tooltip has no "${link}" command link: "${text}"`);
      }
      await shot('statusbar-tooltip');
      await shot('statusbar-tooltip-crop', [hover.first(), wb.roleItem().first()]);
      await page.mouse.move(700, 300);
    },
  },
  {
    name: 'a second window on the same folder shows the role the first one holds',
    needs: ['the status bar shows the role and its time left'],
    async run({ browser, url, dirs, state }) {
      // Another VS Code window: its own extension host and language server, which finds the first
      // window's session in the user's shared sessions (as a reloaded window does).
      const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
      await page.goto(`${url}/?folder=${encodeURIComponent(dirs.home)}`);
      state.second = new Workbench(page);
      await state.second.ready();
      await state.second.waitForRoleItem(new RegExp(`dev-admin · ${TIME_LEFT}`), 90_000);
    },
  },
  {
    name: 'an MFA role asks for a six-digit code and is assumed with it',
    needs: ['the status bar shows the role and its time left'],
    async run({ wb, page, shot, state }) {
      await wb.runCommand(`${CAT}: Assume Role…`);
      await wb.pick('base');
      await wb.pick('prod-mfa');
      const box = wb.quickInput().filter({ hasText: `MFA code for prod-mfa (${MFA_SERIAL})` });
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
    name: 'the second window shows the MFA role at once, and asked for no code',
    needs: ['an MFA role asks for a six-digit code and is assumed with it', 'a second window on the same folder shows the role the first one holds'],
    async run({ state, shot }) {
      const second = state.second;
      try {
        await second.waitForRoleItem(new RegExp(`prod-mfa · ${TIME_LEFT}`), 10_000);
        // Measured, not asserted (a speed target is a benchmark's): the closing note reports it.
        console.log(`[e2e] the second window showed the role ${Date.now() - state.assumedAt} ms after the first`);
        if (await second.quickInput().isVisible()) throw new Error('the second window shows an input box: it asked for something');
        await shot('second-window', second.page.locator('.part.statusbar'));
      } finally {
        await second.page.close();
        state.second = undefined;
      }
    },
  },
  {
    name: 'a new terminal gets the credential endpoint, the region and ROLECALL_PROFILE, and no keys',
    needs: ['an MFA role asks for a six-digit code and is assumed with it'],
    async run({ wb, dirs, state }) {
      state.probe = writeProbe(dirs.tmp);
      const envFile = join(dirs.tmp, 'terminal-env.txt');
      state.keyBefore = join(dirs.tmp, 'key-before.txt');
      await wb.runInNewTerminal(
        `printf '%s\\n' "\${AWS_ACCESS_KEY_ID:-unset}" "$AWS_CONTAINER_CREDENTIALS_FULL_URI" ` +
          `"\${#AWS_CONTAINER_AUTHORIZATION_TOKEN}" "$AWS_REGION" "$ROLECALL_PROFILE" > ${envFile}.part && mv ${envFile}.part ${envFile}; ` +
          `python3 ${state.probe} ${state.keyBefore}`,
      );
      const lines = await waitFor('the terminal to write its environment', () => readLines(envFile), { timeoutMs: 30_000 });
      const [keyId, uri, tokenLength, region, profile] = lines;
      if (keyId !== 'unset' || !/^http:\/\/127\.0\.0\.1:\d+\/credentials$/.test(uri ?? '') || Number(tokenLength) < 43) {
        throw new Error(`a new terminal has AWS_ACCESS_KEY_ID "${keyId}", endpoint "${uri}", a ${tokenLength}-character token; ` +
          'want no key, the loopback endpoint and a 256-bit token');
      }
      if (region !== 'us-west-2' || profile !== 'prod-mfa') {
        throw new Error(`AWS_REGION "${region}" (want us-west-2), ROLECALL_PROFILE "${profile}" (want prod-mfa)`);
      }
      const [key] = await waitFor('the endpoint to answer the terminal', () => readLines(state.keyBefore), { timeoutMs: 30_000 });
      if (!/^ASIA[A-Z0-9]{8,}$/.test(key ?? '')) throw new Error(`the endpoint gave the terminal the key "${key}"`);
      state.secretFile = `${state.keyBefore}.secret`;
      state.tokenFile = `${state.keyBefore}.token`;
    },
  },
  {
    name: 'a click on the status bar refreshes: the expiry moves',
    needs: ['an MFA role asks for a six-digit code and is assumed with it'],
    async run({ wb, page, state }) {
      await wb.runCommand(`${CAT}: Show Active Role Details`);
      const before = await waitFor('the details view to show the expiry', async () => EXPIRES_UTC.exec(await wb.detailsText())?.[1], {
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
        after = EXPIRES_UTC.exec(await wb.detailsText().catch(() => ''))?.[1];
        return after !== undefined && after !== before;
      }, { timeoutMs: 30_000, intervalMs: 200 });
      if (!(Date.parse(after ?? '') > Date.parse(before))) {
        throw new Error(`the expiry went from ${before} to ${after}; expected a later time`);
      }
    },
  },
  {
    name: 'the terminal opened before the refresh still runs `aws sts get-caller-identity` after it',
    needs: [
      'a new terminal gets the credential endpoint, the region and ROLECALL_PROFILE, and no keys',
      'a click on the status bar refreshes: the expiry moves',
    ],
    async run({ wb, dirs, state, shot, awsCli }) {
      const out = join(dirs.tmp, 'identity-after-refresh');
      const keyAfter = join(dirs.tmp, 'key-after.txt');
      // The AWS CLI reaches moto through AWS_ENDPOINT_URL_STS, which the terminal has from code-server.
      await wb.runInActiveTerminal(
        `${awsCli} sts get-caller-identity --output json > ${out}.json 2> ${out}.err; echo $? > ${out}.rc; python3 ${state.probe} ${keyAfter}`,
      );
      const [rc] = await waitFor('the AWS CLI to finish', () => readLines(`${out}.rc`), { timeoutMs: 60_000 });
      await shot('terminal-after-refresh', wb.page.locator('.part.panel'));
      if (rc !== '0') {
        throw new Error(`aws sts get-caller-identity failed (exit ${rc}) in the terminal opened before the refresh: ${readFileSync(`${out}.err`, 'utf8')}`);
      }
      const arn = JSON.parse(readFileSync(`${out}.json`, 'utf8')).Arn;
      if (!/:assumed-role\/ReadOnly\//.test(arn)) throw new Error(`the AWS CLI ran as ${arn}, want the prod-mfa role`);
      const [before] = readLines(state.keyBefore);
      const [after] = await waitFor('the endpoint to answer again', () => readLines(keyAfter), { timeoutMs: 30_000 });
      if (!after || after === before) {
        throw new Error(`the endpoint still serves ${after} after the refresh (before: ${before}); want the renewed key`);
      }
    },
  },
  {
    name: 'the details view is rendered: headings, a live time left, chain links that open the line',
    needs: ['a click on the status bar refreshes: the expiry moves'],
    async run({ wb, page, shot }) {
      const frame = wb.detailsFrame();
      await frame.locator('h1', { hasText: 'AWS role details' }).waitFor({ timeout: 15_000 });
      await frame.locator('h2', { hasText: 'Active session: prod-mfa' }).waitFor({ timeout: 15_000 });
      await frame.locator('h2', { hasText: 'Background session: dev-admin' }).waitFor({ timeout: 15_000 });
      const live = frame.locator('#live-0');
      const first = (await live.textContent()) ?? '';
      if (!/^active, \d+m \d\ds left$/.test(first)) throw new Error(`the active session's state reads "${first}"`);
      await waitFor('the time left to tick', async () => ((await live.textContent()) ?? '') !== first, { timeoutMs: 5000, intervalMs: 200 });
      const text = await wb.detailsText();
      if (/wJalrXUtnFEMI|secretAccessKey/.test(text)) throw new Error('the details view shows a secret');
      await shot('details', page.locator('.editor-group-container.active'));
      await frame.locator('a', { hasText: /^dev-admin$/ }).first().click();
      await page.locator('.tab.active', { hasText: 'config' }).waitFor({ timeout: 15_000 });
      await waitFor(`the cursor on line ${DEV_ADMIN_LINE}`, async () => (await wb.cursorPosition()).startsWith(`Ln ${DEV_ADMIN_LINE},`), {
        timeoutMs: 10_000,
      });
    },
  },
  {
    name: '"Open Console" opens the sign-in URL in the browser, through the federation endpoint',
    needs: ['an MFA role asks for a six-digit code and is assumed with it'],
    async run({ wb, page, dirs, federation, shot }) {
      const popups = [];
      const onPage = (p) => popups.push(p);
      page.context().on('page', onPage);
      try {
        await wb.runCommand(`${CAT}: Open Console`);
        const dialog = page.locator('.monaco-dialog-box');
        await waitFor('the browser to open the console', async () => {
          if (await dialog.isVisible()) {
            await dialog.getByRole('button', { name: /^Open$/ }).click();
          }
          return popups.length > 0;
        }, { timeoutMs: 30_000, intervalMs: 200 });
        const popup = popups[0];
        await popup.waitForLoadState('domcontentloaded', { timeout: 15_000 });
        const url = new URL(popup.url());
        if (`${url.origin}${url.pathname}` !== federation.url || url.searchParams.get('Action') !== 'login' ||
          url.searchParams.get('SigninToken') !== SIGNIN_TOKEN) {
          throw new Error(`the browser opened ${url.origin}${url.pathname} with Action=${url.searchParams.get('Action')}; ` +
            'want the federation stand-in\'s login with the sign-in token');
        }
        const destination = url.searchParams.get('Destination');
        if (destination !== 'https://us-west-2.console.aws.amazon.com/console/home?region=us-west-2') {
          throw new Error(`the console destination is ${destination}, want the home of us-west-2`);
        }
        const tokenCall = federation.asked.find((q) => q.Action === 'getSigninToken');
        if (!tokenCall || !/"sessionId":"ASIA/.test(tokenCall.Session ?? '')) {
          throw new Error('the federation stand-in was not asked for a sign-in token with the session');
        }
        await popup.locator('#destination').waitFor({ timeout: 10_000 });
        await shot('console-opened');
        await popup.screenshot({ path: join(dirs.out, 'console-page.png') });
        await popup.close();
      } finally {
        page.context().off('page', onPage);
      }
    },
  },
  {
    name: '"Choose Region…" moves the session to another region: details view and new terminals follow',
    needs: ['an MFA role asks for a six-digit code and is assumed with it'],
    async run({ wb, page, dirs, shot }) {
      await wb.runCommand(`${CAT}: Choose Region…`);
      await wb.quickPickRow('us-west-2').first().waitFor({ timeout: 15_000 });
      await page.locator('.quick-input-widget .quick-input-box input').fill('ap-southeast-2');
      await shot('region-picker', wb.quickInput());
      await wb.pick('ap-southeast-2');
      await wb.runCommand(`${CAT}: Show Active Role Details`);
      await waitFor('the details view to show the new region', async () => /Region\s+ap-southeast-2/.test(await wb.detailsText().catch(() => '')), {
        timeoutMs: 15_000,
      });
      await shot('details-region');
      const envFile = join(dirs.tmp, 'terminal-region.txt');
      await wb.runInNewTerminal(`printf '%s\\n' "$AWS_REGION" "$AWS_DEFAULT_REGION" > ${envFile}.part && mv ${envFile}.part ${envFile}`);
      const [region, defaultRegion] = await waitFor('the terminal to write its region', () => readLines(envFile), { timeoutMs: 30_000 });
      if (region !== 'ap-southeast-2' || defaultRegion !== 'ap-southeast-2') {
        throw new Error(`a terminal opened after choosing ap-southeast-2 has AWS_REGION "${region}", AWS_DEFAULT_REGION "${defaultRegion}"`);
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
      // dev-admin is held in the background: its warning says so and offers Forget.
      const background = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'Background session dev-admin' });
      await background.first().waitFor({ state: 'visible', timeout: 30_000 });
      await background.first().getByRole('button', { name: 'Forget' }).waitFor({ timeout: 5000 });
      await shot('background-warning', background.first());
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
    name: 'a two-hour MFA role says after assuming, in the tooltip and in the refresh prompt that each refresh asks for a code',
    needs: ['an MFA role asks for a six-digit code and is assumed with it'],
    async run({ wb, page, shot }) {
      await wb.runCommand(`${CAT}: Assume Role…`);
      await wb.pick('base');
      await wb.pick('prod-long');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await wb.quickInput().filter({ hasText: `MFA code for prod-long (${MFA_SERIAL})` }).waitFor({ timeout: 30_000 });
      await input.fill('123456');
      await page.keyboard.press('Enter');
      const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'Assumed prod-long' });
      await toast.first().waitFor({ state: 'visible', timeout: 30_000 });
      const said = (await toast.first().textContent()) ?? '';
      if (!said.includes('Each refresh of prod-long asks for a new MFA code')) throw new Error(`the notification does not say so: "${said}"`);
      await shot('mfa-each-refresh', toast.first());
      await wb.waitForRoleItem(new RegExp(`prod-long · ${TIME_LEFT}`), 30_000);
      await wb.runCommand('Notifications: Clear All Notifications');
      await wb.roleItem().first().hover();
      const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Click to refresh' });
      await hover.first().waitFor({ state: 'visible', timeout: 15_000 });
      const tip = ((await hover.first().textContent()) ?? '').replace(/\s+/g, ' ');
      for (const want of ['Each refresh of prod-long asks for a new MFA code', '3 sessions held: 2 background sessions (dev-admin, prod-mfa)']) {
        if (!tip.includes(want)) throw new Error(`the tooltip lacks "${want}": "${tip}"`);
      }
      await shot('statusbar-tooltip-held', [hover.first(), wb.roleItem().first()]);
      await page.mouse.move(700, 300);
      // A refresh asks for a code again, and the prompt says why.
      await wb.runCommand(`${CAT}: Refresh Role Credentials`);
      const prompt = wb.quickInput().filter({ hasText: 'Each refresh of prod-long asks for a new MFA code' });
      await prompt.waitFor({ state: 'visible', timeout: 30_000 });
      await shot('mfa-refresh-prompt', wb.quickInput());
      await input.fill('123456');
      await page.keyboard.press('Enter');
      await page.locator('.statusbar-item').filter({ hasText: /Refreshed prod-long/ }).first().waitFor({ timeout: 30_000 });
    },
  },
  {
    name: '"Forget Role Credentials…" offers every session held, and "All sessions" clears the status bar and new terminals',
    needs: ['an MFA role asks for a six-digit code and is assumed with it'],
    async run({ wb, dirs, shot, awsCli }) {
      await wb.runCommand(`${CAT}: Forget Role Credentials…`);
      await wb.quickPickRow('All sessions').first().waitFor({ timeout: 15_000 });
      const labels = await wb.quickPickLabels();
      for (const want of ['dev-admin', 'prod-mfa', 'All sessions']) {
        if (!labels.includes(want)) throw new Error(`Forget offers ${JSON.stringify(labels)}, expected ${want} among them`);
      }
      const text = (await wb.quickInput().textContent()) ?? '';
      if (!text.includes('background session')) throw new Error(`Forget does not say which sessions are in the background: "${text}"`);
      await shot('forget-pick', wb.quickInput());
      await wb.pick('All sessions');
      await wb.waitForRoleItem(/AWS: no role/, 15_000);
      await wb.roleItem().first().hover();
      const hover = wb.page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Click to assume a role' });
      await hover.first().waitFor({ state: 'visible', timeout: 15_000 });
      if (((await hover.first().textContent()) ?? '').includes('held')) throw new Error('sessions are still held after forgetting all');
      await wb.page.mouse.move(700, 300);
      // A terminal opened before now gets the endpoint's clear refusal.
      const refused = join(dirs.tmp, 'identity-after-forget');
      await wb.runInActiveTerminal(`${awsCli} sts get-caller-identity > /dev/null 2> ${refused}.err; echo $? > ${refused}.rc`);
      const [rc] = await waitFor('the AWS CLI to give up', () => readLines(`${refused}.rc`), { timeoutMs: 60_000 });
      const err = readFileSync(`${refused}.err`, 'utf8');
      if (rc === '0' || !/no Rolecall session is active/.test(err)) {
        throw new Error(`after Forget, the AWS CLI in an open terminal exited ${rc} with "${err.trim()}"; want the endpoint's refusal`);
      }
      const envFile = join(dirs.tmp, 'terminal-env-after-forget.txt');
      await wb.runInNewTerminal(`printf '%s\\n' "\${AWS_ACCESS_KEY_ID:-unset}" > ${envFile}.part && mv ${envFile}.part ${envFile}`);
      const [keyId] = await waitFor('the terminal to write its environment', () => readLines(envFile), { timeoutMs: 30_000 });
      if (keyId !== 'unset') {
        throw new Error(`AWS_ACCESS_KEY_ID is "${keyId}" in a terminal opened after Forget; expected it unset`);
      }
    },
  },
  {
    name: 'the code lens above [profile sandbox-dev] assumes that profile, then shows "Active · 59m · Refresh"',
    needs: ['the status bar shows the role and its time left'],
    async run({ wb, page, shot }) {
      await wb.runCommand(`${CAT}: Open Config File`);
      const header = page.locator('.editor-group-container.active .view-line').filter({ hasText: '[profile sandbox-dev]' });
      await header.first().waitFor({ timeout: 15_000 });
      const lenses = page.locator('.editor-group-container.active .codelens-decoration a').filter({ hasText: /^Assume role/ });
      await lenses.first().waitFor({ timeout: 30_000 });
      // The lens of a profile sits in the line just above its header; lenses are redrawn after every
      // status change, so wait until that one is there (the next one up belongs to another profile).
      const best = await waitFor('the code lens right above [profile sandbox-dev]', async () => {
        const lineTop = (await header.first().boundingBox())?.y;
        if (lineTop === undefined) return undefined;
        for (const lens of await lenses.all()) {
          const box = await lens.boundingBox();
          if (box && box.y < lineTop && lineTop - (box.y + box.height) < 12) return { lens };
        }
        return undefined;
      }, { timeoutMs: 15_000, intervalMs: 200 });
      await best.lens.click();
      await wb.waitForRoleItem(new RegExp(`sandbox-dev · ${TIME_LEFT}`), 30_000);
      // Now the lens of the active profile shows its state, and clicking it refreshes.
      // The lenses are redrawn after the status change: wait for the one right above the header.
      const active = page.locator('.editor-group-container.active .codelens-decoration a').filter({ hasText: /^Active · \d+m · Refresh$/ });
      await waitFor('"Active · 59m · Refresh" right above [profile sandbox-dev]', async () => {
        const headerBox = await header.first().boundingBox();
        for (const lens of await active.all()) {
          const box = await lens.boundingBox();
          if (box && headerBox && box.y < headerBox.y && headerBox.y - (box.y + box.height) < 12) return true;
        }
        return false;
      }, { timeoutMs: 15_000, intervalMs: 200 });
      await shot('codelens-active', page.locator('.editor-group-container.active'));
    },
  },
  ...SSO_STEPS,
  {
    name: 'no file VS Code wrote (logs, state, storage) holds the session secret key',
    needs: ['a new terminal gets the credential endpoint, the region and ROLECALL_PROFILE, and no keys'],
    async run({ dirs, state }) {
      const secrets = {
        'the secret key': readFileSync(state.secretFile),
        "the endpoint's token": readFileSync(state.tokenFile),
        'the console sign-in token': Buffer.from(SIGNIN_TOKEN),
      };
      if (secrets['the secret key'].length < 16 || secrets["the endpoint's token"].length < 43) {
        throw new Error('the terminal wrote no secret key or token to compare against');
      }
      const leaks = [];
      const ssoToken = state.ssoAccessToken; // set when the IAM Identity Center steps ran
      for (const root of [dirs.userData, dirs.home, dirs.out]) {
        for (const file of walk(root, [join(dirs.home, '.aws')])) {
          const text = readFileSync(file);
          for (const [what, secret] of Object.entries(secrets)) {
            if (text.includes(secret)) leaks.push(`${what} in ${relative(dirs.tmp, file)}`);
          }
          if (ssoToken && text.includes(ssoToken)) leaks.push(`the IAM Identity Center token in ${relative(dirs.tmp, file)}`);
        }
      }
      if (leaks.length > 0) throw new Error(`secrets were written to disk: ${leaks.join(', ')}`);
    },
  },
];

/**
 * Writes a small program a terminal runs to ask the credential endpoint as an SDK does: it writes the
 * access key ID to OUT (whole, by rename), the secret key to OUT.secret and the token to OUT.token (for
 * the check that none of them reached VS Code's files).
 */
function writeProbe(dir) {
  const probe = join(dir, 'endpoint-probe.py');
  writeFileSync(
    probe,
    [
      'import json, os, sys, urllib.request',
      'out = sys.argv[1]',
      "token = os.environ['AWS_CONTAINER_AUTHORIZATION_TOKEN']",
      "req = urllib.request.Request(os.environ['AWS_CONTAINER_CREDENTIALS_FULL_URI'], headers={'Authorization': token})",
      'creds = json.load(urllib.request.urlopen(req, timeout=20))',
      "open(out + '.secret', 'w').write(creds['SecretAccessKey'])",
      "open(out + '.token', 'w').write(token)",
      "open(out + '.part', 'w').write(creds['AccessKeyId'] + '\\n')",
      "os.rename(out + '.part', out)",
      '',
    ].join('\n'),
  );
  return probe;
}

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
