/**
 * The look-up cache: what validating a runbooks folder produced (the usable runbooks, the names of broken
 * files) and the holiday dates and zone offsets a command needed. It is keyed by the content of every input
 * (each file's name and bytes, the tool's build, which covers its dependencies, and the time-zone and ICU data
 * of this Node.js), so a file replaced by another of the same size and time, a `git checkout` or `cp -p` is
 * seen at once. The entry carries a digest of itself: an entry edited or damaged by hand is not used.
 * Lint never uses it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { Pipeline } from '../model/pipeline.js';
import type { Problem } from '../model/problem.js';
import type { Roster } from '../model/roster.js';
import type { ZoneTable } from '../sla/local.js';
import { writeAtomically } from '../util/write.js';
import { BUILD, VERSION } from '../version.js';
import { MAX_FILE_BYTES } from './source-limits.js';
import { regularFile } from './source.js';

export interface CachedCatalog {
  pipelines: { value: Pipeline; file: string }[];
  roster?: { value: Roster; file: string };
  broken: { file: string; isRoster: boolean; errors: Problem[] }[];
  holidays: Record<string, readonly string[]>;
  zones: ZoneTable[];
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** What the answer depends on, hashed: the tool, Node's zone data, the folder, and every file's name and bytes. */
export function cacheKey(dir: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update([VERSION, BUILD, process.version, process.versions.tz ?? '', process.versions.icu ?? '', dir].join('\0'));
  for (const file of files) {
    hash.update(`\0${basename(file)}\0`);
    // Only regular files are read: a FIFO or a device is keyed by what it is, never opened.
    const checked = regularFile(file);
    if ('rule' in checked) hash.update(`not a file: ${checked.message}`);
    else if (checked.size > MAX_FILE_BYTES) hash.update(`too large: ${checked.size}`);
    else hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

export function cacheFolder(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'runbook');
}

/** A stable name for a folder's cache entry: one entry per runbooks folder, replaced when its files change. */
export function cacheFile(dir: string, env: NodeJS.ProcessEnv): string {
  return join(cacheFolder(env), `${basename(dir).replace(/[^\w.-]/g, '_')}-${sha256(dir).slice(0, 12)}.json`);
}

/** The entry when it was written for exactly this key and is intact; else undefined. */
export function readCache(path: string, key: string): CachedCatalog | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  const [storedKey, digest] = text.slice(0, newline).split(' ');
  if (storedKey !== key) return undefined;
  const body = text.slice(newline + 1);
  if (sha256(body) !== digest) return undefined;
  try {
    return JSON.parse(body) as CachedCatalog;
  } catch {
    return undefined;
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
    writeAtomically(path, `${key} ${sha256(body)}\n${body}`);
    pruneCache(folder, now);
  } catch {
    // The cache only saves time.
  }
}

/** Removes entries of folders not used for a month, and code caches of earlier versions. */
export function pruneCache(folder: string, now: Date): void {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    try {
      const legacy = name.startsWith('code-') && name.endsWith('.bin');
      if (legacy || (name.endsWith('.json') && now.getTime() - statSync(path).mtimeMs > UNUSED_MS)) rmSync(path, { force: true });
    } catch {
      // Another run may have removed it first.
    }
  }
}
