// Which server binary to run, making it runnable, and what to say when it does not start.

import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ServerBinary {
  path: string;
  /** True for the binary inside the extension, false for the rolecall.server.path setting. */
  bundled: boolean;
}

/** The setting wins; otherwise the binary the .vsix carries at bin/rolecall (bin/rolecall.exe on Windows). */
export function chooseServerBinary(settingPath: string, extensionPath: string, platform: NodeJS.Platform): ServerBinary {
  if (settingPath.trim() !== '') {
    return { path: settingPath.trim(), bundled: false };
  }
  const name = platform === 'win32' ? 'rolecall.exe' : 'rolecall';
  return { path: path.join(extensionPath, 'bin', name), bundled: true };
}

/**
 * Makes sure the binary can be run: it exists, and on Unix has its execute bit (a .vsix is a zip,
 * and some unzip paths drop the bit). Returns a sentence saying what is wrong, or undefined when fine.
 */
export function prepareServerBinary(binary: ServerBinary, platform: NodeJS.Platform): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(binary.path);
  } catch {
    return `${binary.path} does not exist`;
  }
  if (!stat.isFile()) {
    return `${binary.path} is not a file`;
  }
  if (platform === 'win32' || (stat.mode & 0o111) !== 0) {
    return undefined;
  }
  try {
    fs.chmodSync(binary.path, stat.mode | 0o755);
    return undefined;
  } catch (err) {
    return `${binary.path} is not executable and could not be made so (${(err as Error).message})`;
  }
}

/** The error shown when the server does not start: what failed and what to check. */
export function startFailureMessage(binary: ServerBinary, problem: string): string {
  const fix = binary.bundled
    ? 'Reinstall the Rolecall extension for this platform, or set "rolecall.server.path" to a rolecall binary (built with `go build -o bin/rolecall .`).'
    : 'Check the "rolecall.server.path" setting: it must name a rolecall binary that runs `rolecall serve`, or be empty to use the bundled one.';
  return `Rolecall could not start its language server: ${problem}. ${fix} The log has the details.`;
}
