import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callWithMfa, MAX_MFA_CODES, MFA_REFUSED, mfaPrompt, normalizeMfaCode, validateMfaCode } from '../src/mfa';

describe('validateMfaCode', () => {
  it('accepts exactly six digits', () => {
    assert.equal(validateMfaCode('123456'), undefined);
    assert.equal(validateMfaCode('123 456'), undefined, 'a space between the groups is fine');
  });
  it('refuses anything else with a sentence that says what to type', () => {
    assert.match(validateMfaCode('') ?? '', /six-digit/);
    assert.match(validateMfaCode('12345') ?? '', /six digits; this has 5/);
    assert.match(validateMfaCode('1234567') ?? '', /this has 7/);
    assert.match(validateMfaCode('12345a') ?? '', /digits only/);
    assert.match(validateMfaCode('１２３４５６') ?? '', /digits only/, 'full-width digits are not ASCII digits');
  });
  it('normalizes by dropping spaces', () => {
    assert.equal(normalizeMfaCode(' 123 456 '), '123456');
  });
  it('prompts with the serial', () => {
    assert.equal(mfaPrompt('arn:aws:iam::111122223333:mfa/jo'), 'MFA code for arn:aws:iam::111122223333:mfa/jo');
  });
});

/** A JSON-RPC error as vscode-languageclient rejects with it. */
function rpcError(reason: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`server says ${reason}`), { code: -32803, data: { reason, ...extra } });
}

const SERIAL = 'arn:aws:iam::111122223333:mfa/jo';

describe('callWithMfa', () => {
  it('calls once without a code when none is needed', async () => {
    const codes: Array<string | undefined> = [];
    const result = await callWithMfa(
      async (code) => {
        codes.push(code);
        return 'ok';
      },
      async () => assert.fail('must not ask'),
    );
    assert.equal(result, 'ok');
    assert.deepEqual(codes, [undefined]);
  });

  it('asks for a code on mfa-required and retries with it', async () => {
    const codes: Array<string | undefined> = [];
    const asked: Array<[string, string | undefined]> = [];
    const result = await callWithMfa(
      async (code) => {
        codes.push(code);
        if (code === undefined) throw rpcError('mfa-required', { mfaSerial: SERIAL, profile: 'prod' });
        return 'assumed';
      },
      async (serial, problem) => {
        asked.push([serial, problem]);
        return '123 456';
      },
    );
    assert.equal(result, 'assumed');
    assert.deepEqual(codes, [undefined, '123456']);
    assert.deepEqual(asked, [[SERIAL, undefined]]);
  });

  it('asks again, saying why, when AWS refuses the code', async () => {
    const typed = ['111111', '222222'];
    const problems: Array<string | undefined> = [];
    const result = await callWithMfa(
      async (code) => {
        if (code === undefined) throw rpcError('mfa-required', { mfaSerial: SERIAL });
        if (code === '111111') throw rpcError('mfa-invalid', { mfaSerial: SERIAL });
        return `ok with ${code}`;
      },
      async (_serial, problem) => {
        problems.push(problem);
        return typed.shift();
      },
    );
    assert.equal(result, 'ok with 222222');
    assert.deepEqual(problems, [undefined, MFA_REFUSED]);
  });

  it('returns undefined when the user cancels the input box', async () => {
    let calls = 0;
    const result = await callWithMfa(
      async () => {
        calls++;
        throw rpcError('mfa-required', { mfaSerial: SERIAL });
      },
      async () => undefined,
    );
    assert.equal(result, undefined);
    assert.equal(calls, 1);
  });

  it(`gives up after ${MAX_MFA_CODES} refused codes and throws the last error`, async () => {
    let asks = 0;
    await assert.rejects(
      callWithMfa(
        async () => {
          throw rpcError('mfa-invalid', { mfaSerial: SERIAL });
        },
        async () => {
          asks++;
          return '000000';
        },
      ),
      /server says mfa-invalid/,
    );
    assert.equal(asks, MAX_MFA_CODES);
  });

  it('throws any other error at once', async () => {
    await assert.rejects(
      callWithMfa(
        async () => {
          throw rpcError('access-denied');
        },
        async () => assert.fail('must not ask'),
      ),
      /access-denied/,
    );
  });

  it('names "your MFA device" when the server sent no serial', async () => {
    let serialSeen = '';
    await callWithMfa(
      async (code) => {
        if (code === undefined) throw rpcError('mfa-required');
        return 1;
      },
      async (serial) => {
        serialSeen = serial;
        return '123456';
      },
    );
    assert.equal(serialSeen, 'your MFA device');
  });
});
