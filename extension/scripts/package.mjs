// Builds one target-specific .vsix: dist/rolecall-<version>-<target>.vsix, holding the extension bundle
// and the Go server cross-compiled for that target at bin/rolecall (bin/rolecall.exe on Windows).
//
//   node extension/scripts/package.mjs --target linux-x64 [--server-binary PATH]
//
// Targets: linux-x64, linux-arm64, darwin-x64, darwin-arm64, win32-x64. --server-binary packs an
// existing binary instead of building one (it must be for the target). Files are staged in
// .cache/vsix/<target>/ so that a cross-compiled binary never replaces the developer's bin/rolecall.

import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const TARGETS = {
  'linux-x64': { goos: 'linux', goarch: 'amd64', exe: 'rolecall' },
  'linux-arm64': { goos: 'linux', goarch: 'arm64', exe: 'rolecall' },
  'darwin-x64': { goos: 'darwin', goarch: 'amd64', exe: 'rolecall' },
  'darwin-arm64': { goos: 'darwin', goarch: 'arm64', exe: 'rolecall' },
  'win32-x64': { goos: 'windows', goarch: 'amd64', exe: 'rolecall.exe' },
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: { target: { type: 'string' }, 'server-binary': { type: 'string' } } });
const target = TARGETS[values.target ?? ''];
if (!target) {
  fail(`--target must be one of ${Object.keys(TARGETS).join(', ')} (got ${values.target ?? 'nothing'})`);
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const stage = join(root, '.cache', 'vsix', values.target);
const out = join(root, 'dist', `rolecall-${manifest.version}-${values.target}.vsix`);

run(process.execPath, [join(root, 'extension', 'scripts', 'build.mjs')], root);
rmSync(stage, { recursive: true, force: true });
for (const file of stagedFiles()) {
  mkdirSync(dirname(join(stage, file)), { recursive: true });
  copyFileSync(join(root, file), join(stage, file));
}
placeServer(join(stage, 'bin', target.exe));
mkdirSync(dirname(out), { recursive: true });
rmSync(out, { force: true });
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const licensed = ['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => existsSync(join(stage, f)));
run(
  process.execPath,
  [vsce, 'package', '--target', values.target, '--no-dependencies', '--out', out, ...(licensed ? [] : ['--skip-license'])],
  stage,
);
console.log(`packaged ${out.slice(root.length + 1)} (${(statSync(out).size / 1e6).toFixed(1)} MB)`);

/** The files the .vsix needs, relative to the repository root (the same list as .vscodeignore). */
function stagedFiles() {
  const files = ['package.json', '.vscodeignore', 'extension/out/extension.js', 'extension/language-configuration.json',
    'extension/images/icon.png'];
  for (const f of readdirSync(join(root, 'extension', 'syntaxes'))) {
    if (f.endsWith('.tmLanguage.json')) files.push(`extension/syntaxes/${f}`);
  }
  for (const f of ['README.md', 'CHANGELOG.md', 'LICENSE', 'LICENSE.md', 'LICENSE.txt']) {
    if (existsSync(join(root, f))) files.push(f);
  }
  return files;
}

/** Cross-compiles the server for the target (static, no cgo), or copies the binary given. */
function placeServer(dest) {
  mkdirSync(dirname(dest), { recursive: true });
  if (values['server-binary']) {
    copyFileSync(values['server-binary'], dest);
  } else {
    const env = { ...process.env, GOOS: target.goos, GOARCH: target.goarch, CGO_ENABLED: '0' };
    // Same flags as the root Makefile's build, so `rolecall --version` names the extension's version.
    const ldflags = `-s -w -X github.com/rolecall/rolecall/internal/cli.Version=${manifest.version}`;
    run('go', ['build', '-trimpath', `-ldflags=${ldflags}`, '-o', dest, '.'], root, env);
  }
  chmodSync(dest, 0o755);
}

function run(cmd, args, cwd, env = process.env) {
  try {
    execFileSync(cmd, args, { cwd, env, stdio: 'inherit' });
  } catch {
    fail(`${[cmd, ...args].join(' ')} failed (in ${cwd}); its output is above`);
  }
}

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}
