/**
 * The look-up cache: the validated runbooks and the holiday dates a command needed, keyed by the files'
 * exact contents and the tool's version. A command run again on unchanged files skips YAML parsing,
 * schema checks and the holiday library. Lint never uses it.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { Pipeline } from '../model/pipeline.js';
import type { Roster } from '../model/roster.js';
import type { ZoneTable } from '../sla/local.js';
import { writeAtomically } from '../util/write.js';
import { BUILD, VERSION } from '../version.js';

export interface CachedCatalog {
  key: string;
  pipelines: { value: Pipeline; file: string }[];
  roster?: { value: Roster; file: string };
  holidays: Record<string, readonly string[]>;
  zones: ZoneTable[];
}

/**
 * What identifies the files' state, as build tools do: the tool's version and build, the folder, and each file's
 * name, size, modification time and inode. An edit, a replacement or a new file changes it.
 */
export function cacheKey(dir: string, files: readonly string[]): string {
  const parts = [VERSION, BUILD, dir];
  for (const file of files) {
    const { size, mtimeMs, ino } = statSync(file);
    parts.push(`${basename(file)}:${size}:${mtimeMs}:${ino}`);
  }
  return parts.join('\n');
}

/** FNV-1a: a short, stable name for a folder's cache file (the key inside decides whether it is used). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

export function cacheFile(dir: string, env: NodeJS.ProcessEnv): string {
  const root = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(root, 'runbook', `${basename(dir).replace(/[^\w.-]/g, '_')}-${fnv1a(dir)}.json`);
}

export function readCache(path: string, key: string): CachedCatalog | undefined {
  try {
    const cached = JSON.parse(readFileSync(path, 'utf8')) as CachedCatalog;
    return cached.key === key ? cached : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort: a cache that cannot be written (read-only home, full disk) is simply not used. */
export function writeCache(path: string, data: CachedCatalog): void {
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    writeAtomically(path, JSON.stringify(data));
  } catch {
    // The cache only saves time.
  }
}
