// Builds the CLI as one CommonJS bundle of runbook's own code plus commander and chalk. The large libraries
// (zod, yaml, ical-generator, date-holidays, cli-table3) stay outside it and are required only by the
// commands that use them, so `runbook show` loads none of them. CommonJS loads faster than ES module chunks.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

/**
 * commander loads node:child_process at start-up for executable subcommands, which runbook has none of;
 * loading it costs every command a few milliseconds, so commander gets a stand-in that says so if ever used.
 */
const withoutChildProcess = {
  name: 'without-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander/') ? { path: 'child_process', namespace: 'stand-in' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'stand-in' }, () => ({
      contents: "const unused = () => { throw new Error('runbook has no executable subcommands'); };\nmodule.exports = { spawn: unused, execFileSync: unused };",
      loader: 'js',
    }));
  },
};

rmSync('dist/cli', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts', 'lint-worker': 'src/lint/worker.ts' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  external: ['zod', 'yaml', 'ical-generator', 'date-holidays', 'cli-table3'],
  define: { RUNBOOK_VERSION: JSON.stringify(version), 'import.meta.url': '__runbookModuleUrl' },
  banner: { js: "const __runbookModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [withoutChildProcess],
  logLevel: 'warning',
});
