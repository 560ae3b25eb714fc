// The IAM Identity Center emulator (internal/ssotest/cmd/ssoemu) for the end-to-end test: built like
// the server binary, started in its own process group with its stdin held open (it serves until
// stdin closes), its URL read from the JSON line it prints.

import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './processes.mjs';

/** Builds and starts ssoemu; returns its URL. The process is added to `started` to be stopped at the end. */
export async function startSsoEmulator(root, dirs, env, started) {
  const bin = join(dirs.tmp, 'ssoemu');
  execFileSync('go', ['build', '-o', bin, './internal/ssotest/cmd/ssoemu'], {
    cwd: root,
    env: { ...process.env, CGO_ENABLED: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const logFile = join(dirs.out, 'ssoemu.log');
  const log = createWriteStream(logFile);
  const child = spawn(bin, [], { env, cwd: dirs.tmp, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const proc = { name: 'ssoemu', child, exited, logFile };
  started.push(proc);
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    log.write(chunk);
  });
  child.stderr.pipe(log);
  const line = await waitFor('ssoemu to print its URL', () => out.includes('\n') && out.split('\n')[0], {
    timeoutMs: 30_000,
    process: proc,
  });
  const { url } = JSON.parse(line);
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url ?? '')) throw new Error(`ssoemu printed ${line}, expected {"url": "http://127.0.0.1:PORT"}`);
  return url;
}
