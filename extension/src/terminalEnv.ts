// New integrated terminals get the active session through the extension's environment variable
// collection, which VS Code keeps in memory only (persistent = false), so no secret reaches disk. What
// the variables are is endpointEnv.ts's business; nothing here logs a value.

import type * as vscode from 'vscode';
import { TERMINAL_VARIABLES } from './endpointEnv';

export { credentialVariables, TERMINAL_VARIABLES } from './endpointEnv';

export class TerminalEnvironment {
  constructor(private readonly collection: vscode.GlobalEnvironmentVariableCollection) {
    collection.persistent = false;
    collection.clear();
  }

  /** Replaces whatever Rolecall set before with these variables. */
  set(vars: ReadonlyMap<string, string>, description: string): void {
    for (const name of TERMINAL_VARIABLES) {
      const value = vars.get(name);
      if (value === undefined) {
        this.collection.delete(name);
      } else {
        this.collection.replace(name, value);
      }
    }
    this.collection.description = description;
  }

  clear(): void {
    this.collection.clear();
    this.collection.description = undefined;
  }
}
