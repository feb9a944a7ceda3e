// Builds the CLI as one CommonJS bundle of runbook's own code plus commander and chalk. The large libraries
// (zod, yaml, ical-generator, date-holidays, commonmark) are bundled one file each under vendor/ and
// required only by the commands that use them, so `runbook show` loads none of them, and a command that
// does loads one file instead of a package's dozens. CommonJS loads faster than ES module chunks.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

/**
 * A digest of what the bundle is made of: the sources, the locked dependency versions and this build script.
 * The look-up cache is keyed by it, so a rebuilt CLI, or one with upgraded libraries, never reads what an
 * older one kept.
 */
function buildDigest(dir) {
  const hash = createHash('sha256');
  hash.update(readFileSync('package-lock.json')).update(readFileSync('build.mjs'));
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(path).update(readFileSync(path));
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 16);
}

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
      contents:
        "const unused = () => { throw new Error('runbook has no executable subcommands'); };\nmodule.exports = { spawn: unused, execFileSync: unused };",
      loader: 'js',
    }));
  },
};

/**
 * chalk asks node:tty at import whether stdout is a terminal, for its default instance; runbook makes its
 * own instance with an explicit colour level (src/render/style.ts), and loading tty brings in Node's whole
 * socket and stream machinery. chalk gets a stand-in that answers "not a terminal".
 */
const withoutTtyForChalk = {
  name: 'without-tty-for-chalk',
  setup(build) {
    build.onResolve({ filter: /^(node:)?tty$/ }, (args) =>
      args.importer.includes('node_modules/chalk/') ? { path: 'tty', namespace: 'tty-stand-in' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'tty-stand-in' }, () => ({
      contents: 'export default { isatty: () => false }; export const isatty = () => false;',
      loader: 'js',
    }));
  },
};

const VENDORED = ['zod', 'yaml', 'ical-generator', 'date-holidays', 'commonmark'];
const vendorFile = (name) => `./vendor/${name}.cjs`;

/** Imports of a vendored library become requires of its bundle, resolved beside the CLI at run time. */
const fromVendor = {
  name: 'from-vendor',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${VENDORED.join('|')})$`) }, (args) => ({
      path: vendorFile(args.path),
      external: true,
    }));
  },
};

/** What both builds share: one minified CommonJS file per entry, for Node.js 20, under dist/cli. */
const common = {
  outdir: 'dist/cli',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: process.env.RUNBOOK_NO_MINIFY !== '1',
  legalComments: 'linked',
  logLevel: 'warning',
};

rmSync('dist/cli', { recursive: true, force: true });
await build({ ...common, entryPoints: Object.fromEntries(VENDORED.map((name) => [`vendor/${name}`, name])) });
await build({
  ...common,
  entryPoints: { boot: 'src/boot.ts', cli: 'src/cli.ts', 'check-worker': 'src/read/check-worker.ts' },
  define: {
    RUNBOOK_VERSION: JSON.stringify(version),
    RUNBOOK_BUILD: JSON.stringify(buildDigest('src')),
    RUNBOOK_DATE_HOLIDAYS: JSON.stringify(vendorFile('date-holidays')),
    'import.meta.url': '__runbookModuleUrl',
  },
  banner: { js: "const __runbookModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [withoutChildProcess, withoutTtyForChalk, fromVendor],
});

// The build's identity for V8's code cache (src/boot.ts): a digest of the exact bytes of the bundle and its
// libraries, computed once here rather than at every start. V8's own check compares only a source's length.
const built = createHash('sha256');
for (const file of ['dist/cli/cli.cjs', ...VENDORED.map((name) => `dist/cli/vendor/${name}.cjs`)])
  built.update(file).update(readFileSync(file));
writeFileSync('dist/cli/cli.id', built.digest('hex').slice(0, 24));
