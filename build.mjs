// Builds the CLI into one ESM bundle with a chunk per lazily loaded part, so a command loads only what it uses.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

rmSync('dist/cli', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts', 'lint-worker': 'src/lint/worker.ts' },
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS packages call require(); give them one.
  banner: { js: "import { createRequire as __runbookRequire } from 'node:module'; const require = __runbookRequire(import.meta.url);" },
  define: { RUNBOOK_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});
