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
  it('prompts with the profile and the device, or the device alone when no profile is known', () => {
    assert.equal(
      mfaPrompt({ serial: 'arn:aws:iam::111122223333:mfa/jo', profile: 'dev-admin' }),
      'MFA code for dev-admin (arn:aws:iam::111122223333:mfa/jo)',
    );
    assert.equal(mfaPrompt({ serial: 'arn:aws:iam::111122223333:mfa/jo', profile: undefined }), 'MFA code for arn:aws:iam::111122223333:mfa/jo');
  });
  it('says why it asks: the refused code first, else the reason given', () => {
    const base = { serial: 'arn:aws:iam::111122223333:mfa/jo', profile: 'prod' };
    assert.match(mfaPrompt({ ...base, why: 'Each refresh asks for a new MFA code.' }), /\(arn:aws:iam::111122223333:mfa\/jo\)\. Each refresh asks/);
    assert.match(mfaPrompt({ ...base, problem: MFA_REFUSED, why: 'Each refresh…' }), /AWS refused that code/);
  });
  it('shows a hostile profile name as escapes', () => {
    assert.equal(mfaPrompt({ serial: 's', profile: 'a\u202eb$(x)' }), 'MFA code for a\\u202eb\\$(x) (s)');
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
    const asked: Array<[string, string | undefined, string | undefined]> = [];
    const result = await callWithMfa(
      async (code) => {
        codes.push(code);
        if (code === undefined) throw rpcError('mfa-required', { mfaSerial: SERIAL, profile: 'prod' });
        return 'assumed';
      },
      async (request) => {
        asked.push([request.serial, request.profile, request.problem]);
        return '123 456';
      },
    );
    assert.equal(result, 'assumed');
    assert.deepEqual(codes, [undefined, '123456']);
    assert.deepEqual(asked, [[SERIAL, 'prod', undefined]]);
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
      async ({ problem }) => {
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
      async ({ serial }) => {
        serialSeen = serial;
        return '123456';
      },
    );
    assert.equal(serialSeen, 'your MFA device');
  });

  it('passes the reason it was given to the ask (a refresh that always needs a code)', async () => {
    const whys: Array<string | undefined> = [];
    await callWithMfa(
      async (code) => {
        if (code === undefined) throw rpcError('mfa-required', { mfaSerial: SERIAL, profile: 'prod' });
        return 1;
      },
      async ({ why }) => {
        whys.push(why);
        return '123456';
      },
      'Each refresh of prod asks for a new MFA code.',
    );
    assert.deepEqual(whys, ['Each refresh of prod asks for a new MFA code.']);
  });
});
