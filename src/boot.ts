/**
 * Starts the bundled CLI with V8's code cache: the compiled code of the last run is kept beside the look-up
 * cache, so a command does not compile the bundle again (about 12 ms of a 100 ms start, measured). The cache
 * file is named by the digest of the bundle's exact bytes that the build writes beside it (cli.id): V8's own
 * check compares only the source's length, so a rebuilt bundle of the same length would otherwise run the old
 * compiled code. The bundle's size and modification time are part of the name too, so a bundle changed
 * without a build is not matched either. `--no-cache` skips it.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** Runs the CLI; true when the run was a typical one (answered from the look-up cache). */
type Main = (argv: readonly string[]) => Promise<boolean>;

export async function boot(argv: readonly string[]): Promise<void> {
  const file = join(dirname(fileURLToPath(import.meta.url)), 'cli.cjs');
  const bundle = readFileSync(file, 'utf8');
  const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'runbook');
  const name = `code-${bundleId(file)}.bin`;
  const cacheFile = join(cacheDir, name);
  const useCache = !argv.includes('--no-cache') && !name.includes('unknown');
  let cachedData: Buffer | undefined;
  try {
    cachedData = useCache ? readFileSync(cacheFile) : undefined;
  } catch {
    cachedData = undefined;
  }
  // The same wrapper Node.js puts around a CommonJS module.
  const source = `(function (exports, require, module, __filename, __dirname) { ${bundle}\n});`;
  const script = new Script(source, { filename: file, cachedData });
  const module = { exports: {} as { main: Main } };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  const typical = await module.exports.main(argv);
  // Kept from a typical run only: a first run would fill it with the code that parses and validates files.
  if (!useCache || !typical || (cachedData && !script.cachedDataRejected)) return;
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    // A new bundle: the compiled code of any other is of no further use.
    for (const other of readdirSync(cacheDir)) if (other.startsWith('code-') && other.endsWith('.bin') && other !== name) rmSync(join(cacheDir, other), { force: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData(), { flag: 'wx' });
    renameSync(temporary, cacheFile);
  } catch {
    // A cache that cannot be written is simply not used.
  }
}

/** The build's digest of the bundle, with its size and modification time; `unknown` without a build's cli.id. */
function bundleId(file: string): string {
  try {
    const { size, mtimeMs } = statSync(file);
    return `${readFileSync(join(dirname(file), 'cli.id'), 'utf8').trim()}-${size}-${Math.trunc(mtimeMs)}`;
  } catch {
    return 'unknown';
  }
}
