// The TextMate grammar, tokenized by the same engine VS Code uses (vscode-textmate + oniguruma).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = path.resolve(__dirname, '..', '..', '..');
const syntaxes = path.join(root, 'extension', 'syntaxes');
let config: textmate.IGrammar;
let credentials: textmate.IGrammar;

before(async () => {
  const wasm = fs.readFileSync(path.join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      const file = { 'source.aws-config': 'aws-config', 'source.aws-credentials': 'aws-credentials' }[scope];
      if (!file) return null;
      const p = path.join(syntaxes, `${file}.tmLanguage.json`);
      return textmate.parseRawGrammar(fs.readFileSync(p, 'utf8'), p);
    },
  });
  config = (await registry.loadGrammar('source.aws-config'))!;
  credentials = (await registry.loadGrammar('source.aws-credentials'))!;
});

/** The scopes of the first token that covers `text` on `line`. */
function scopesOf(grammar: textmate.IGrammar, line: string, text: string): string[] {
  const at = line.indexOf(text);
  assert.ok(at >= 0, `${text} not in ${line}`);
  const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
  const token = tokens.find((t) => t.startIndex <= at && at < t.endIndex);
  return token?.scopes ?? [];
}

function hasScope(scopes: string[], prefix: string): boolean {
  return scopes.some((s) => s.split(' ').some((part) => part.startsWith(prefix)));
}

describe('aws-config grammar', () => {
  it('marks profile headers: brackets, the profile keyword and the name', () => {
    const line = '[profile dev-admin]';
    assert.ok(hasScope(scopesOf(config, line, 'profile'), 'storage.type.section'));
    assert.ok(hasScope(scopesOf(config, line, 'dev-admin'), 'entity.name.section'));
    assert.ok(hasScope(scopesOf(config, line, '['), 'punctuation.definition.section.begin'));
  });

  it('marks [default] and [sso-session x] headers', () => {
    assert.ok(hasScope(scopesOf(config, '[default]', 'default'), 'entity.name.section'));
    assert.ok(hasScope(scopesOf(config, '[sso-session corp]', 'sso-session'), 'storage.type.section'));
  });

  it('marks text after a header as invalid', () => {
    assert.ok(hasScope(scopesOf(config, '[dev] extra', 'extra'), 'invalid.illegal'));
  });

  it('marks keys, the = and values', () => {
    const line = 'region = eu-west-1';
    assert.ok(hasScope(scopesOf(config, line, 'region'), 'variable.other.key'));
    assert.ok(hasScope(scopesOf(config, line, '='), 'keyword.operator.assignment'));
    assert.ok(hasScope(scopesOf(config, line, 'eu-west-1'), 'constant.other.region'));
    assert.ok(hasScope(scopesOf(config, 'source_profile = base', 'base'), 'string.unquoted.value'));
  });

  it('marks comments with # and ;', () => {
    assert.ok(hasScope(scopesOf(config, '# team roles', 'team'), 'comment.line'));
    assert.ok(hasScope(scopesOf(config, '  ; old', 'old'), 'comment.line'));
  });

  it('splits ARNs into partition, service, account and resource', () => {
    const line = 'role_arn = arn:aws:iam::111122223333:role/Admin';
    assert.ok(hasScope(scopesOf(config, line, 'arn:'), 'keyword.other.arn'));
    assert.ok(hasScope(scopesOf(config, line, 'iam'), 'entity.name.type.service'));
    assert.ok(hasScope(scopesOf(config, line, '111122223333'), 'constant.numeric.account-id'));
    assert.ok(hasScope(scopesOf(config, line, 'role/Admin'), 'entity.name.function.resource'));
  });

  it('marks indented sub-keys of a nested block', () => {
    assert.ok(hasScope(scopesOf(config, '  max_concurrent_requests = 20', 'max_concurrent'), 'variable.other.key'));
  });

  it('marks the secret keys apart (themes may dim them)', () => {
    assert.ok(hasScope(scopesOf(config, 'aws_secret_access_key = x', 'aws_secret'), 'variable.other.key.secret'));
  });
});

describe('aws-credentials grammar', () => {
  it('uses the config grammar', () => {
    assert.ok(hasScope(scopesOf(credentials, '[base]', 'base'), 'entity.name.section'));
    assert.ok(hasScope(scopesOf(credentials, 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'aws_access'), 'variable.other.key'));
  });
});

describe('aws-config grammar edge cases', () => {
  it('treats a comment after a header as a comment, other text as invalid', () => {
    assert.ok(hasScope(scopesOf(config, '[dev]  # note', 'note'), 'comment.line'));
    assert.ok(!hasScope(scopesOf(config, '[dev]   ', ']'), 'invalid'));
  });
  it('accepts key: value, as the AWS CLI does', () => {
    assert.ok(hasScope(scopesOf(config, 'output: json', 'output'), 'variable.other.key'));
    assert.ok(hasScope(scopesOf(config, 'output: json', ':'), 'keyword.operator.assignment'));
  });
});
