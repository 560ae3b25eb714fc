// MFA code input: exactly six digits, as every virtual and hardware TOTP device shows them.

import { labelText } from './display';
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

/** What the MFA input box needs to say: whose code, for which device, and why it asks (again). */
export interface MfaRequest {
  serial: string;
  /** The profile being assumed or refreshed, when the server named it. */
  profile: string | undefined;
  /** Why it asks again after a code was typed (AWS refused it). */
  problem: string | undefined;
  /** Why this action needs a code at all, when that is not obvious (a refresh that always asks). */
  why: string | undefined;
}

/** The input box's prompt: "MFA code for dev-admin (arn:…:mfa/jo)", then the problem or the reason. */
export function mfaPrompt(request: Pick<MfaRequest, 'serial' | 'profile'> & Partial<MfaRequest>): string {
  const who = request.profile ? `MFA code for ${labelText(request.profile)} (${labelText(request.serial)})` : `MFA code for ${labelText(request.serial)}`;
  const after = request.problem ?? request.why;
  return after ? `${who}. ${after}` : who;
}

/** Asks the user for a code; undefined when they cancel. */
export type AskMfaCode = (request: MfaRequest) => Promise<string | undefined>;

/** How many codes a user may type for one action before the error is shown instead. */
export const MAX_MFA_CODES = 3;

export const MFA_REFUSED = 'AWS refused that code (wrong, or already used). Wait for the next code and type it.';

/**
 * Runs a server call that may need an MFA code: first without one; when the server answers
 * `mfa-required` (or `mfa-invalid` for a code the user typed), asks for a code and calls again.
 * Returns undefined when the user cancels; any other error, or too many refused codes, is thrown.
 * `why` goes into the prompt of the first ask (e.g. why a refresh needs a code every time).
 */
export async function callWithMfa<T>(
  call: (mfaCode?: string) => Promise<T>,
  ask: AskMfaCode,
  why?: string,
): Promise<T | undefined> {
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
      const profile = typeof failure.data.profile === 'string' ? failure.data.profile : undefined;
      const problem = failure.reason === 'mfa-invalid' || code !== undefined ? MFA_REFUSED : undefined;
      code = await ask({ serial, profile, problem, why });
      if (code === undefined) {
        return undefined;
      }
      code = normalizeMfaCode(code);
    }
  }
}
