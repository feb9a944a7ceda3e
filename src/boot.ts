/**
 * Starts the bundled CLI with V8's code cache: the compiled code of earlier runs is kept beside the look-up
 * cache, so a command does not compile the bundle again, nor the large libraries it loads after a runbook
 * changed. V8's own check compares only a source's length, so each cache file starts with the exact source it
 * was compiled from (its length, then its bytes), and is used only when the source read now is byte for byte
 * the same: a rebuilt bundle, or a library file of the same length planted by someone else, never runs old or
 * foreign code. (Comparing bytes costs less than loading a hashing library, which would be most of the start.)
 * The folder and the file must be this user's and writable by no one else (util/trust.ts). `--no-cache` skips it.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { sanitizeLine } from './util/sanitize.js';
import { distrust } from './util/trust.js';

/** Runs the CLI; true when the run was a typical one (answered from the look-up cache). */
type Main = (argv: readonly string[], said?: string) => Promise<boolean>;

interface Loaded {
  exports: unknown;
  /** Writes the compiled code when the cache had none that fit. */
  keep(): void;
}

export async function boot(argv: readonly string[]): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const useCache = !argv.includes('--no-cache');
  const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'runbook');
  const build = buildId(here);
  // A folder another user could write is not used, and stderr says so once: main() leaves out the same line
  // when the look-up cache comes to say it.
  const refused = useCache && build !== undefined ? distrust(cacheDir) : undefined;
  const cached = useCache && build !== undefined && refused === undefined;
  const said =
    refused === undefined
      ? undefined
      : `runbook: ${sanitizeLine(`not using the cache in ${cacheDir}: ${refused}; answering without it`)}\n`;
  if (said) process.stderr.write(said);
  // A coverage run (`npm run coverage`) runs the compiled modules beside the bundle (dist/*.js, with source
  // maps), whose coverage maps back to src/ line by line; the minified bundle's would not.
  if (process.env.NODE_V8_COVERAGE && process.env.RUNBOOK_COVERAGE) {
    const { main } = (await import(pathToFileURL(join(here, '..', 'cli.js')).href)) as { main: Main };
    await main(argv);
    return;
  }

  /** Loads a CommonJS file of the build through the code cache. */
  const load = (file: string, require: NodeJS.Require): Loaded => {
    const bytes = readFileSync(file);
    const source = bytes.toString('utf8');
    const name = cached ? `code-${build}-${basename(file, '.cjs')}.bin` : undefined;
    // The cache file: the source's length (4 bytes), the source, then V8's compiled code.
    const head = Buffer.alloc(4);
    head.writeUInt32BE(bytes.length);
    let cachedData: Buffer | undefined;
    try {
      const path = name ? join(cacheDir, name) : undefined;
      const stored = path && distrust(path) === undefined ? readFileSync(path) : undefined;
      // Used only when compiled from exactly this source.
      const same =
        stored !== undefined &&
        stored.length > 4 + bytes.length &&
        stored.readUInt32BE(0) === bytes.length &&
        stored.subarray(4, 4 + bytes.length).equals(bytes);
      cachedData = same ? stored.subarray(4 + bytes.length) : undefined;
    } catch {
      cachedData = undefined;
    }
    // The same wrapper Node.js puts around a CommonJS module.
    const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n});`, {
      filename: file,
      cachedData,
    });
    const module = { exports: {} as unknown };
    (script.runInThisContext() as (...args: unknown[]) => void).call(
      module.exports,
      module.exports,
      require,
      module,
      file,
      dirname(file),
    );
    return {
      exports: module.exports,
      keep: () => {
        if (name && (!cachedData || script.cachedDataRejected))
          write(cacheDir, name, build!, Buffer.concat([head, bytes, script.createCachedData()]));
      },
    };
  };

  // The bundle requires its large libraries (./vendor/*.cjs) only when a command needs them: through the cache too.
  const base = createRequire(join(here, 'cli.cjs'));
  const vendors = new Map<string, Loaded>();
  const require = ((id: string) => {
    if (!id.startsWith('./vendor/')) return base(id) as unknown;
    const file = join(here, id);
    let vendor = vendors.get(file);
    if (!vendor) {
      vendor = load(file, createRequire(file));
      vendors.set(file, vendor);
    }
    return vendor.exports;
  }) as NodeJS.Require;
  Object.assign(require, { resolve: base.resolve, cache: base.cache, main: base.main });

  const cli = load(join(here, 'cli.cjs'), require);
  const typical = await (cli.exports as { main: Main }).main(argv, said);
  // The bundle's code is kept from a typical run only: a first run would fill it with the code that parses and
  // validates files. A library's is kept from whichever run first loaded it.
  if (typical) cli.keep();
  for (const vendor of vendors.values()) vendor.keep();
}

/** The build's digest of its files (cli.id, written by build.mjs); undefined when running from source. */
function buildId(here: string): string | undefined {
  try {
    return readFileSync(join(here, 'cli.id'), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Best effort: writes one compiled file, removing those of other builds. */
function write(cacheDir: string, name: string, build: string, data: Buffer): void {
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    for (const other of readdirSync(cacheDir))
      if (other.startsWith('code-') && other.endsWith('.bin') && !other.startsWith(`code-${build}-`))
        rmSync(join(cacheDir, other), { force: true });
    const temporary = join(cacheDir, `${name}.${process.pid}.tmp`);
    writeFileSync(temporary, data, { flag: 'wx', mode: 0o600 });
    renameSync(temporary, join(cacheDir, name));
  } catch {
    // A cache that cannot be written is simply not used.
  }
}
