// MFA code input: exactly six digits, as every virtual and hardware TOTP device shows them.

import { toCommandFailure } from './protocol';

/** The code as the server wants it (spaces a user types between groups are dropped). */
export function normalizeMfaCode(input: string): string {
  return input.replace(/\s+/g, '');
}

/** An error sentence for the input box while the value is not six digits, else undefined. */
export function validateMfaCode(input: string): string | undefined {
  const code = normalizeMfaCode(input);
  if (code === '') {
    return 'Type the six-digit code your MFA device shows now.';
  }
  if (!/^\d+$/.test(code)) {
    return 'An MFA code has digits only: type the six digits your MFA device shows.';
  }
  if (code.length !== 6) {
    return `An MFA code has six digits; this has ${code.length}.`;
  }
  return undefined;
}

/** The input box's prompt. */
export function mfaPrompt(serial: string): string {
  return `MFA code for ${serial}`;
}

/** Asks the user for a code; undefined when they cancel. `problem` says why we ask again. */
export type AskMfaCode = (serial: string, problem: string | undefined) => Promise<string | undefined>;

/** How many codes a user may type for one action before the error is shown instead. */
export const MAX_MFA_CODES = 3;

export const MFA_REFUSED = 'AWS refused that code (wrong, or already used). Wait for the next code and type it.';

/**
 * Runs a server call that may need an MFA code: first without one; when the server answers
 * `mfa-required` (or `mfa-invalid` for a code the user typed), asks for a code and calls again.
 * Returns undefined when the user cancels; any other error, or too many refused codes, is thrown.
 */
export async function callWithMfa<T>(call: (mfaCode?: string) => Promise<T>, ask: AskMfaCode): Promise<T | undefined> {
  let code: string | undefined;
  for (let codesTyped = 0; ; codesTyped++) {
    try {
      return await call(code);
    } catch (err) {
      const failure = toCommandFailure(err);
      const needsCode = failure.reason === 'mfa-required' || failure.reason === 'mfa-invalid';
      if (!needsCode || codesTyped >= MAX_MFA_CODES) {
        throw err;
      }
      const serial = typeof failure.data.mfaSerial === 'string' ? failure.data.mfaSerial : 'your MFA device';
      const problem = failure.reason === 'mfa-invalid' || code !== undefined ? MFA_REFUSED : undefined;
      code = await ask(serial, problem);
      if (code === undefined) {
        return undefined;
      }
      code = normalizeMfaCode(code);
    }
  }
}
