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
import type { Catalog } from '../model/catalog.js';
import type { KnownHolidays } from './holidays.js';
import type { ZoneTable } from '../time/local.js';
import { writeAtomically } from '../util/write.js';
import { BUILD, VERSION } from '../util/version.js';
import { regularFile } from '../read/regular-file.js';
import { MAX_FILE_BYTES } from '../read/source-limits.js';
import { checksum } from '../util/checksum.js';

/** An entry: the catalog (file names without their folder), and what it needed looked up. */
export interface CachedCatalog extends Catalog {
  holidays: KnownHolidays;
  zones: ZoneTable[];
  /** The weeks no one can take from a given week through the look-ahead (they depend on the files and the week only). */
  lookahead?: Lookahead;
}

export interface Lookahead {
  week: number;
  gaps: { pipeline: string; week: number; day: string }[];
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
  const key = parts.join('\0');
  // A large folder is keyed by a SHA-256 digest of the same text (crypto is worth loading only there), so its
  // entry does not carry every file again.
  if (key.length <= MAX_EXACT_KEY) return key;
  const { createHash } = process.getBuiltinModule('node:crypto');
  return `sha256:${createHash('sha256').update(key, 'latin1').digest('hex')}`;
}

/** Up to this length the key is the inputs themselves, compared exactly. */
const MAX_EXACT_KEY = 1024 * 1024;

/** A file of the folder as the cache sees it: its name and its bytes (one character a byte). */
export interface FileInput {
  path: string;
  name: string;
  content: string;
}

/** Each file's kind or size, time and inode: a hint of change, never the key. */
export type FileStat = { path: string } & ReturnType<typeof regularFile>;

export function statFiles(files: readonly string[]): FileStat[] {
  return files.map((path) => ({ path, ...regularFile(path) }));
}

/** The folder's stat stamp: when it equals the entry's, a cache hit is likely (the key still decides). */
export function stampOf(stats: readonly FileStat[]): string {
  return checksum(
    stats.map((stat) => `${basename(stat.path)}\0${'stamp' in stat ? stat.stamp : stat.rule}`).join('\0'),
  );
}

export function readInputs(stats: readonly FileStat[]): FileInput[] {
  return stats.map((stat) => {
    const { path } = stat;
    let content: string;
    try {
      content =
        'rule' in stat
          ? `not a file: ${stat.message}`
          : stat.size > MAX_FILE_BYTES
            ? `too large: ${stat.size}`
            : readFileSync(path, 'latin1');
    } catch (error) {
      content = `unreadable: ${(error as NodeJS.ErrnoException).code ?? 'error'}`;
    }
    return { path, name: basename(path), content };
  });
}

/**
 * Per-file results are kept for folders up to this size. A valid file's result is its value (its positions are
 * found again only if a rule needs them), so 10,000 files make a side file of about 20 MB that reads in a
 * fraction of the time that parsing them takes.
 */
const MAX_FILES_WITH_RESULTS = 100_000;

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
    const body = JSON.stringify({
      build: buildKey(),
      files: inputs.map((input, i) => [input.name, input.content, results[i]]),
    });
    writeAtomically(path, `${checksum(body)}\n${body}`, { mode: 0o600 });
  } catch {
    // The cache only saves time.
  }
}

/** The tool and the data it was built and runs with: what holiday dates and zone offsets depend on. */
function buildKey(): string {
  return [VERSION, BUILD, process.version, process.versions.tz ?? '', process.versions.icu ?? ''].join('\0');
}

function cacheFolder(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'runbook');
}

/** A stable name for a folder's cache entry: one entry per runbooks folder, replaced when its files change. */
export function cacheFile(dir: string, env: NodeJS.ProcessEnv): string {
  return join(cacheFolder(env), `${basename(dir).replace(/[^\w.-]/g, '_')}-${checksum(dir)}.json`);
}

/** An entry as read: its text and its header (the build, the key, and the stat stamp of the files it was made from). */
export interface OpenedEntry {
  text: string;
  ends: [number, number, number];
  header: { build: string; key: string; stamp?: string };
}

/** Reads an entry's header; undefined when there is none or it is damaged. */
export function openCache(path: string): OpenedEntry | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const ends = [text.indexOf('\n')];
  for (let i = 0; i < 2 && ends[i]! >= 0; i++) ends.push(text.indexOf('\n', ends[i]! + 1));
  if (ends.length < 3 || ends.some((end) => end < 0)) return undefined;
  try {
    const header = JSON.parse(text.slice(ends[0]! + 1, ends[1])) as OpenedEntry['header'];
    return typeof header.key === 'string' && typeof header.build === 'string'
      ? { text, ends: ends as OpenedEntry['ends'], header }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The entry's answer: `hit` when it was written for exactly this key; else, when it was written by this build,
 * the `seed` of holiday answers and zone offsets that no runbook edit changes. An entry is four lines: the
 * checksums of the seed and of the data, the header (compared exactly, so it needs no checksum), the seed, and
 * the data; a miss reads the seed without parsing the data.
 */
export function readCache(entry: OpenedEntry | undefined, key: string): { hit?: CachedCatalog; seed?: CacheSeed } {
  if (!entry) return {};
  const { text, ends, header } = entry;
  const [first, second, third] = ends;
  const [seedSum, dataSum] = text.slice(0, first).split(' ');
  try {
    const matches = header.key === key;
    if (!matches && header.build !== buildKey()) return {};
    const seedText = text.slice(second + 1, third);
    if (checksum(seedText) !== seedSum) return {};
    const seed = JSON.parse(seedText) as CacheSeed;
    if (!matches) return { seed };
    const data = text.slice(third + 1);
    if (checksum(data) !== dataSum) return {};
    return { hit: { ...(JSON.parse(data) as Omit<CachedCatalog, keyof CacheSeed>), ...seed } };
  } catch {
    return {};
  }
}

/** Entries not rewritten for this long belong to folders no longer used, and are removed. */
const UNUSED_MS = 30 * 86_400_000;

/** Best effort: a cache that cannot be written (read-only home, full disk) is simply not used. */
export function writeCache(path: string, key: string, stamp: string, data: CachedCatalog): void {
  try {
    const folder = join(path, '..');
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const { holidays, zones, ...rest } = data;
    const seed = JSON.stringify({ holidays, zones });
    const body = JSON.stringify(rest);
    writeAtomically(
      path,
      `${checksum(seed)} ${checksum(body)}\n${JSON.stringify({ build: buildKey(), key, stamp })}\n${seed}\n${body}`,
      { mode: 0o600 },
    );
    // Age is told by the file system's clock, as the entries' times are: the written entry's time is "now".
    pruneCache(folder, statSync(path).mtimeMs);
  } catch {
    // The cache only saves time.
  }
}

/** Removes entries of folders not used for a month (the code cache prunes its own: src/boot.ts). */
function pruneCache(folder: string, now: number): void {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    try {
      if (name.endsWith('.json') && now - statSync(path).mtimeMs > UNUSED_MS) rmSync(path, { force: true });
    } catch {
      // Another run may have removed it first.
    }
  }
}
