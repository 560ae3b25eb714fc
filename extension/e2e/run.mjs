// End-to-end test of the packaged extension in a real VS Code (code-server 4.100.3 in Chromium),
// against a real STS (moto on loopback). Run by `make ext-e2e`:
//
//   node extension/e2e/run.mjs --vsix dist/rolecall-0.1.0-linux-x64.vsix [--keep] [--only REGEXP]
//
// --only runs the steps whose names match REGEXP, with the steps they need (for work on one step).
//
// Installs code-server, Chromium and playwright-core with ../shared/tools/vscode-web (cached in
// .cache/vscode-web, or $VSCODE_WEB_PREFIX), installs the .vsix into a temporary extensions folder,
// gives VS Code a temporary HOME with test AWS files, and drives the UI as a person would. Screenshots
// and logs go to testresults/e2e/. Everything it starts is stopped, even on failure. The last line is
// "N passed, N failed".

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFederation } from './federation.mjs';
import { writeAwsFiles, writeUserSettings } from './fixtures.mjs';
import { answers, freePort, startGroup, stopGroup, waitFor } from './processes.mjs';
import { startSsoEmulator } from './ssoemu.mjs';
import { STEPS } from './steps.mjs';
import { Workbench } from './workbench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: args } = parseArgs({ options: { vsix: { type: 'string' }, keep: { type: 'boolean' }, only: { type: 'string' } } });
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

async function main() {
  if (!args.vsix || !existsSync(args.vsix)) {
    throw new Error(`--vsix must name a packaged .vsix (got ${args.vsix ?? 'nothing'}); run "make package" first`);
  }
  const prefix = process.env.VSCODE_WEB_PREFIX || join(root, '.cache', 'vscode-web');
  installCodeServer(prefix);
  const dirs = makeDirs();
  const env = testEnvironment(dirs);
  const started = [];
  stopOnSignal(started);
  let browser;
  let federation;
  const results = [];
  try {
    installExtension(prefix, dirs, env);
    const moto = await startMoto(dirs, env, started);
    // The extension's server and the terminals' AWS CLI both reach moto through it.
    env.AWS_ENDPOINT_URL_STS = moto;
    // IAM Identity Center: the emulator, reached as the SDKs reach it; the server inherits these.
    const ssoUrl = await startSsoEmulator(root, dirs, env, started);
    env.AWS_ENDPOINT_URL_SSO = ssoUrl;
    env.AWS_ENDPOINT_URL_SSO_OIDC = ssoUrl;
    federation = await startFederation();
    env.ROLECALL_FEDERATION_ENDPOINT = federation.url;
    const url = await startCodeServer(prefix, dirs, env, started);
    const { chromium } = createRequire(join(prefix, 'node_modules', 'playwright-core', 'package.json'))('playwright-core');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(`${url}/?folder=${encodeURIComponent(dirs.home)}`);
    const wb = new Workbench(page);
    await wb.ready();
    const awsCli = findAwsCli();
    await runSteps({ wb, page, browser, url, ssoUrl, dirs, federation, awsCli, state: {}, shot: screenshotter(page, dirs.out) }, results);
    await page.screenshot({ path: join(dirs.out, 'workbench.png') });
  } catch (err) {
    results.push({ name: 'set up the test VS Code', ok: false, error: err.message });
  } finally {
    await browser?.close().catch(() => {});
    await federation?.close();
    for (const proc of started.reverse()) await stopGroup(proc);
    const logs = join(dirs.userData, 'logs');
    if (existsSync(logs)) cpSync(logs, join(dirs.out, 'vscode-logs'), { recursive: true, force: true });
    if (!args.keep) rmSync(dirs.tmp, { recursive: true, force: true });
    else console.log(`kept ${dirs.tmp}`);
  }
  return report(results);
}

async function runSteps(ctx, results) {
  const passed = new Set();
  for (const step of selectedSteps(args.only)) {
    const missing = (step.needs ?? []).filter((n) => !passed.has(n));
    if (missing.length > 0) {
      results.push({ name: step.name, ok: false, error: `not run: needs "${missing.join('", "')}"` });
      continue;
    }
    const t0 = Date.now();
    try {
      await step.run(ctx);
      passed.add(step.name);
      results.push({ name: step.name, ok: true, ms: Date.now() - t0 });
    } catch (err) {
      results.push({ name: step.name, ok: false, error: err.message, ms: Date.now() - t0 });
      await ctx.page.screenshot({ path: join(ctx.dirs.out, `failed-${results.length}.png`) }).catch(() => {});
      await ctx.page.keyboard.press('Escape').catch(() => {});
    }
  }
}

/** Every step, or with a pattern the steps it matches and, transitively, the steps they need. */
function selectedSteps(only) {
  if (!only) return STEPS;
  const pattern = new RegExp(only);
  const wanted = new Set(STEPS.filter((s) => pattern.test(s.name)).map((s) => s.name));
  for (const step of [...STEPS].reverse()) {
    if (wanted.has(step.name)) for (const n of step.needs ?? []) wanted.add(n);
  }
  return STEPS.filter((s) => wanted.has(s.name));
}

function report(results) {
  for (const r of results) {
    const time = r.ms === undefined ? '' : ` (${(r.ms / 1000).toFixed(1)} s)`;
    console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.name}${time}${r.ok ? '' : `\n     ${r.error}`}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`e2e: ${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

function installCodeServer(prefix) {
  // shared/ sits next to the repository, or next to the folder of its worktrees.
  const candidates = [join(root, '..'), join(root, '..', '..')].map((d) => join(d, 'shared', 'tools', 'vscode-web', 'install-code-server.sh'));
  const script = candidates.find((s) => existsSync(s));
  if (!script) {
    // A checkout elsewhere can use a code-server installed beforehand.
    if (process.env.VSCODE_WEB_PREFIX && existsSync(join(prefix, 'bin', 'code-server'))) return;
    throw new Error(`${candidates[0]} is missing: the repository's parent folder must hold shared/, or set VSCODE_WEB_PREFIX to an installed code-server`);
  }
  execFileSync('bash', [script, prefix], { stdio: 'inherit' });
}

function makeDirs() {
  const tmp = mkdtempSync(join(tmpdir(), 'rolecall-e2e-'));
  const out = join(root, 'testresults', 'e2e');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const dirs = { tmp, out, home: join(tmp, 'home'), userData: join(tmp, 'user-data'), extensions: join(tmp, 'extensions'), run: join(tmp, 'run') };
  for (const d of [dirs.home, dirs.userData, dirs.extensions]) mkdirSync(d, { recursive: true });
  mkdirSync(dirs.run, { mode: 0o700 });
  writeAwsFiles(dirs.home);
  writeUserSettings(dirs.userData);
  return dirs;
}

const pyenvRoot = process.env.PYENV_ROOT || join(homedir(), '.pyenv');

/** The machine's environment without any AWS setting, with HOME and XDG folders in the temp dir. */
function testEnvironment(dirs) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && !k.startsWith('VSCODE_')));
  return {
    ...env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_DATA_HOME: join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: join(dirs.home, '.cache'),
    // The keyring daemon's socket and Rolecall's shared sessions: the test's, never the machine's.
    XDG_RUNTIME_DIR: dirs.run,
    SHELL: '/bin/bash',
    AWS_EC2_METADATA_DISABLED: 'true',
    // Tools installed with pyenv under the real home (the AWS CLI the terminals run) find their
    // versions there, not in the test's HOME.
    ...(existsSync(pyenvRoot) ? { PYENV_ROOT: pyenvRoot } : {}),
  };
}

function installExtension(prefix, dirs, env) {
  execFileSync(
    join(prefix, 'bin', 'code-server'),
    ['--install-extension', resolve(args.vsix), '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData],
    { env, stdio: ['ignore', 'inherit', 'inherit'] },
  );
}

async function startMoto(dirs, env, started) {
  const port = await freePort();
  const proc = startGroup('moto', 'python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    env,
    cwd: dirs.tmp,
    logFile: join(dirs.out, 'moto.log'),
  });
  started.push(proc);
  const url = `http://127.0.0.1:${port}`;
  await waitFor('moto to answer', () => answers(`${url}/moto-api/`), { timeoutMs: 30_000, process: proc });
  return url;
}

async function startCodeServer(prefix, dirs, env, started) {
  const port = await freePort();
  const codeServer = [
    join(prefix, 'bin', 'code-server'),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-workspace-trust',
    dirs.home,
  ];
  // Every language server VS Code starts shares its sessions through the OS keychain: a real Secret
  // Service (gnome-keyring-daemon, unlocked) on a private D-Bus session that lives as long as
  // code-server, with its keyring files in the test's HOME.
  const keyring = `printf %s "$ROLECALL_E2E_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 97
exec "$@"`;
  const proc = startGroup('code-server', 'dbus-run-session', ['--', 'sh', '-c', keyring, 'sh', ...codeServer], {
    env: { ...env, ROLECALL_E2E_KEYRING_PASSWORD: 'e2e-login-password' },
    cwd: dirs.home,
    logFile: join(dirs.out, 'code-server.log'),
  });
  started.push(proc);
  const url = `http://127.0.0.1:${port}`;
  await waitFor('code-server to answer', () => answers(`${url}/healthz`), { timeoutMs: 60_000, process: proc });
  return url;
}

/**
 * The AWS CLI the terminals run, by its full path: a terminal's login shell sets PATH afresh, which
 * can leave out where the CLI is installed (a pyenv shim, say).
 */
function findAwsCli() {
  for (const [cmd, cmdArgs] of [['pyenv', ['which', 'aws']], ['bash', ['-c', 'command -v aws']]]) {
    try {
      const path = execFileSync(cmd, cmdArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (path) return path;
    } catch {
      // try the next way
    }
  }
  return 'aws';
}

/** Ctrl-C or a CI timeout must not leave code-server or moto running. */
function stopOnSignal(started) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, async () => {
      for (const proc of [...started].reverse()) await stopGroup(proc, 2000);
      console.log(`e2e: stopped by ${signal}`);
      console.log('e2e: 0 passed, 1 failed');
      process.exit(1);
    });
  }
}

/** shot(name): the page; shot(name, locator): one element; shot(name, [locators]): the box around them all. */
function screenshotter(page, out) {
  return async (name, target) => {
    const path = join(out, `${name}.png`);
    if (Array.isArray(target)) {
      const boxes = (await Promise.all(target.map((l) => l.boundingBox()))).filter(Boolean);
      const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - 8);
      const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - 8);
      const right = Math.max(...boxes.map((b) => b.x + b.width)) + 8;
      const bottom = Math.max(...boxes.map((b) => b.y + b.height));
      await page.screenshot({ path, clip: { x, y, width: right - x, height: bottom - y } });
    } else if (target) {
      await target.first().screenshot({ path });
    } else {
      await page.screenshot({ path });
    }
  };
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`e2e: ${err.stack ?? err}`);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
