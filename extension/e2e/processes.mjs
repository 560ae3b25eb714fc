// Child processes for the end-to-end test: each in its own process group, output to a log file,
// stopped as a group at the end. Waits poll a real condition with a deadline, never a fixed sleep.

import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

/** A free TCP port on loopback (the kernel picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts a command in its own process group, stdout and stderr to logFile. */
export function startGroup(name, command, args, { env, cwd, logFile }) {
  const log = createWriteStream(logFile);
  const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.once('error', (err) => log.write(`\n[e2e] could not start ${name}: ${err.message}\n`));
  return { name, child, exited, logFile };
}

/** Stops a process group: SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stopGroup(proc, graceMs = 5000) {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) {
    return;
  }
  signalGroup(proc.child.pid, 'SIGTERM');
  const timedOut = Symbol('timeout');
  let timer;
  const result = await Promise.race([
    proc.exited,
    new Promise((resolve) => {
      timer = setTimeout(() => resolve(timedOut), graceMs);
    }),
  ]);
  clearTimeout(timer);
  if (result === timedOut) {
    signalGroup(proc.child.pid, 'SIGKILL');
    await proc.exited;
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Polls `check` until it returns a truthy value or the deadline passes; returns that value. */
export async function waitFor(what, check, { timeoutMs = 30_000, intervalMs = 100, process: proc } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (proc && (proc.child.exitCode !== null || proc.child.signalCode !== null)) {
      throw new Error(`${proc.name} exited while waiting for ${what}; see ${proc.logFile}`);
    }
    try {
      const value = await check();
      if (value) {
        return value;
      }
    } catch (err) {
      lastError = err;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
}

/** True when an HTTP GET of url answers at all (any status). */
export async function answers(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.status > 0;
}
