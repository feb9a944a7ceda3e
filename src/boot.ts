/**
 * Starts the bundled CLI with V8's code cache: the compiled code of the last run is kept beside the look-up
 * cache, so a command does not compile the bundle again. V8 checks the cache against the source and flags and
 * ignores it when it does not fit; the cache only ever saves time.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

declare const RUNBOOK_BUILD: string | undefined;

type Main = (argv: readonly string[]) => Promise<void>;

export async function boot(argv: readonly string[]): Promise<void> {
  const file = join(dirname(fileURLToPath(import.meta.url)), 'cli.cjs');
  const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'runbook');
  const cacheFile = join(cacheDir, `code-${typeof RUNBOOK_BUILD === 'string' ? RUNBOOK_BUILD : 'source'}.bin`);
  // `--no-cache` means no cache at all: neither the look-up cache nor this one.
  const useCache = !argv.includes('--no-cache');
  let cachedData: Buffer | undefined;
  try {
    cachedData = useCache ? readFileSync(cacheFile) : undefined;
  } catch {
    cachedData = undefined;
  }
  // The same wrapper Node.js puts around a CommonJS module.
  const source = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(file, 'utf8')}\n});`;
  const script = new Script(source, { filename: file, cachedData });
  const module = { exports: {} as { main: Main } };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  await module.exports.main(argv);
  if (!useCache || (cachedData && !script.cachedDataRejected)) return;
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cacheFile);
  } catch {
    // A cache that cannot be written is simply not used.
  }
}
