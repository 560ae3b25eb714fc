// Bundles the extension with esbuild into extension/out/extension.js.
//   node extension/scripts/build.mjs            the extension bundle (minified unless --dev)
//   node extension/scripts/build.mjs --tests    also each extension/test/*.test.ts into extension/out/test/
// The unit tests import only modules without `vscode`, so Node's own test runner runs them as they are.

import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const extDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(extDir, 'out');
const args = new Set(process.argv.slice(2));

await build({
  entryPoints: [join(extDir, 'src', 'extension.ts')],
  outfile: join(outDir, 'extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  minify: !args.has('--dev'),
  sourcemap: args.has('--dev') ? 'inline' : false,
  logLevel: 'warning',
});
console.log('built extension/out/extension.js');

if (args.has('--tests')) {
  const testDir = join(extDir, 'test');
  const tests = readdirSync(testDir).filter((f) => f.endsWith('.test.ts'));
  rmSync(join(outDir, 'test'), { recursive: true, force: true });
  await build({
    entryPoints: tests.map((f) => join(testDir, f)),
    outdir: join(outDir, 'test'),
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // A test that pulls in `vscode` by mistake fails loudly at run time instead of silently.
    external: ['vscode', 'node:test', 'node:assert'],
    logLevel: 'warning',
  });
  console.log(`built ${tests.length} test files into extension/out/test/`);
}
