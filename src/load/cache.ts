/**
 * The look-up cache: what validating a runbooks folder produced (the usable runbooks, the broken files) and the
 * holiday dates and zone offsets a command needed. An entry is used only when it was made from exactly the
 * inputs of this run: the tool's version and build (which covers its dependencies), Node's time-zone and ICU
 * data, the folder, and every file's name and full content, compared byte for byte. So a file replaced by
 * another of the same size and time, a `git checkout` or `cp -p` is seen at once. Each entry carries a
 * checksum of itself: a damaged entry, or one edited by hand, is not used. Lint never uses the cache.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { Pipeline } from '../model/pipeline.js';
import type { Problem } from '../model/problem.js';
import type { Roster } from '../model/roster.js';
import type { KnownHolidays } from '../rotation/holidays.js';
import type { ZoneTable } from '../sla/local.js';
import { writeAtomically } from '../util/write.js';
import { BUILD, VERSION } from '../version.js';
import { regularFile } from './regular-file.js';
import { MAX_FILE_BYTES } from './source-limits.js';
import { checksum } from '../util/checksum.js';

export { checksum };

export interface CachedCatalog {
  pipelines: { value: Pipeline; file: string }[];
  roster?: { value: Roster; file: string };
  broken: { file: string; isRoster: boolean; errors: Problem[] }[];
  holidays: KnownHolidays;
  zones: ZoneTable[];
}

/** What an entry holds that does not depend on the runbooks: reusable after any edit, by the same build. */
export type CacheSeed = Pick<CachedCatalog, 'holidays' | 'zones'>;

/**
 * Everything the answer depends on, as one string: the tool, Node's zone data, the folder, and each file's name
 * and content. Only regular files are read: a FIFO or a device is named by what it is, never opened.
 */
export function cacheKey(dir: string, inputs: readonly FileInput[]): string {
  const parts = [buildKey(), dir];
  for (const { name, content } of inputs) parts.push(name, String(content.length), content);
  return parts.join('\0');
}

/** A file of the folder as the cache sees it: its name and its bytes (one character a byte). */
export interface FileInput {
  path: string;
  name: string;
  content: string;
}

export function readInputs(files: readonly string[]): FileInput[] {
  return files.map((path) => {
    const checked = regularFile(path);
    let content: string;
    try {
      content = 'rule' in checked ? `not a file: ${checked.message}` : checked.size > MAX_FILE_BYTES ? `too large: ${checked.size}` : readFileSync(path, 'latin1');
    } catch (error) {
      content = `unreadable: ${(error as NodeJS.ErrnoException).code ?? 'error'}`;
    }
    return { path, name: basename(path), content };
  });
}

/** Per-file results are kept for folders up to this size (beyond it, the side file would outweigh what it saves). */
const MAX_FILES_WITH_RESULTS = 1_000;

/** The side file of an entry: each file's check result, read only after an edit, so unchanged files are not parsed again. */
export function resultsFile(path: string): string {
  return path.replace(/\.json$/, '.files.json');
}

/** The stored results of the files whose bytes are unchanged, by name; written by this build only. */
export function readResults<T>(path: string, inputs: readonly FileInput[]): Map<string, T> {
  const reusable = new Map<string, T>();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return reusable;
  }
  const newline = text.indexOf('\n');
  const body = text.slice(newline + 1);
  if (newline < 0 || text.slice(0, newline) !== checksum(body)) return reusable;
  try {
    const stored = JSON.parse(body) as { build: string; files: [string, string, T][] };
    if (stored.build !== buildKey()) return reusable;
    const byName = new Map(stored.files.map(([name, content, result]) => [name, { content, result }]));
    for (const { name, content } of inputs) {
      const entry = byName.get(name);
      if (entry && entry.content === content) reusable.set(name, entry.result);
    }
  } catch {
    // A damaged side file only costs a full check.
  }
  return reusable;
}

export function writeResults<T>(path: string, inputs: readonly FileInput[], results: readonly T[]): void {
  if (inputs.length > MAX_FILES_WITH_RESULTS) return;
  try {
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    const body = JSON.stringify({ build: buildKey(), files: inputs.map((input, i) => [input.name, input.content, results[i]]) });
    writeAtomically(path, `${checksum(body)}\n${body}`);
  } catch {
    // The cache only saves time.
  }
}

/** The tool and the data it was built and runs with: what holiday dates and zone offsets depend on. */
export function buildKey(): string {
  return [VERSION, BUILD, process.version, process.versions.tz ?? '', process.versions.icu ?? ''].join('\0');
}

export function cacheFolder(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'runbook');
}

/** A stable name for a folder's cache entry: one entry per runbooks folder, replaced when its files change. */
export function cacheFile(dir: string, env: NodeJS.ProcessEnv): string {
  return join(cacheFolder(env), `${basename(dir).replace(/[^\w.-]/g, '_')}-${checksum(dir)}.json`);
}

/**
 * The entry when it is intact: `hit` when it was written for exactly this key; else, when it was written by this
 * build, the `seed` of holiday answers and zone offsets that no runbook edit changes. An entry is three lines: a
 * checksum of the data, the build and key (compared exactly, so they need no checksum), and the data.
 */
export function readCache(path: string, key: string): { hit?: CachedCatalog; seed?: CacheSeed } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  const first = text.indexOf('\n');
  const second = text.indexOf('\n', first + 1);
  if (first < 0 || second < 0) return {};
  const data = text.slice(second + 1);
  try {
    const stored = JSON.parse(text.slice(first + 1, second)) as { build: string; key: string };
    const matches = stored.key === key;
    if (!matches && stored.build !== buildKey()) return {};
    if (text.slice(0, first) !== checksum(data)) return {};
    const catalog = JSON.parse(data) as CachedCatalog;
    return matches ? { hit: catalog } : { seed: { holidays: catalog.holidays, zones: catalog.zones } };
  } catch {
    return {};
  }
}

/** Entries not rewritten for this long belong to folders no longer used, and are removed. */
const UNUSED_MS = 30 * 86_400_000;

/** Best effort: a cache that cannot be written (read-only home, full disk) is simply not used. */
export function writeCache(path: string, key: string, data: CachedCatalog, now: Date): void {
  try {
    const folder = join(path, '..');
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const body = JSON.stringify(data);
    writeAtomically(path, `${checksum(body)}\n${JSON.stringify({ build: buildKey(), key })}\n${body}`);
    pruneCache(folder, now);
  } catch {
    // The cache only saves time.
  }
}

/** Removes entries of folders not used for a month (the code cache prunes its own: src/boot.ts). */
export function pruneCache(folder: string, now: Date): void {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    try {
      if (name.endsWith('.json') && now.getTime() - statSync(path).mtimeMs > UNUSED_MS) rmSync(path, { force: true });
    } catch {
      // Another run may have removed it first.
    }
  }
}
