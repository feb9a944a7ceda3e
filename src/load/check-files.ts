/**
 * Reading and checking the shape of each file: the part of validation that runs on every core. Each file gives
 * its problems and, when it is a mapping, its value: the whole of it when it passes its schema, else the part
 * that could be salvaged (for the meaning rules only), with where each node is.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Pipeline } from '../model/pipeline.js';
import type { Problem } from '../model/problem.js';
import { Roster } from '../model/roster.js';
import { sanitizeStrings } from '../util/sanitize.js';
import { displayPath, fileKind, validateSource, type FileKind } from './catalog.js';
import { Lock } from '../model/lock.js';
import { Overrides } from '../model/overrides.js';
import { salvage, type IndexMaps } from './salvage.js';
import { positionIndex, readSource, type PositionIndex } from './source.js';

export interface FileResult {
  path: string;
  file: string;
  kind: FileKind;
  problems: Problem[];
  /** The content and where its nodes are; absent when the file is not a readable mapping. */
  entry?: {
    value: unknown;
    /** Where each node is: for a file with errors; a valid file's positions are looked up again if a rule needs them. */
    index?: PositionIndex;
    /** False when `value` is only the salvaged part of a file that failed its schema. */
    valid: boolean;
    maps: IndexMaps;
  };
}

export function checkFiles(paths: readonly string[], cwd: string): FileResult[] {
  return paths.map((path) => checkFile(path, cwd));
}

function checkFile(path: string, cwd: string): FileResult {
  const file = displayPath(path, cwd);
  const problems: Problem[] = [];
  const kind = fileKind(path);
  const read = readSource(path, file);
  problems.push(...read.problems);
  if (!read.source) return { path, file, kind, problems };
  const roster = kind === 'roster';
  // Overrides and the lock are read whole or not at all (a partial schedule would be a wrong one), and their rules
  // need every entry's line.
  const whole = kind === 'overrides' || kind === 'lock';
  const schema = SCHEMAS[kind];
  const loaded = validateSource(read.source, schema, problems);
  const index = (): PositionIndex => positionIndex(read.source!);
  if (loaded && !problems.some((problem) => problem.severity === 'error')) {
    const entry = { value: sanitizeStrings(loaded.value), valid: true, maps: new Map() };
    return {
      path,
      file,
      kind,
      problems,
      entry: whole ? { ...entry, index: index() } : entry,
    };
  }
  const data = loaded?.value ?? read.source.data;
  if (whole) return { path, file, kind, problems };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { path, file, kind, problems };
  const id = basename(path, extname(path));
  const fallback = roster
    ? { teams: [], people: [] }
    : { id, name: id, owners: { primary: [] }, issues: [], sla: [], oncall: { mode: 'none' } };
  const { value, maps } = loaded ? { value: loaded.value, maps: new Map() } : salvage(schema, data, fallback);
  return { path, file, kind, problems, entry: { value, index: index(), valid: false, maps } };
}

const SCHEMAS = { pipeline: Pipeline, roster: Roster, overrides: Overrides, lock: Lock } as const;

/** Below this many files, starting workers costs more than it saves. */
const FILES_PER_WORKER = 400;

/**
 * Checks every file: here for small runs, split across worker threads and this thread for large ones. `worker`
 * is the built worker script (absent when running from source, which then uses one thread). Results keep the
 * order of `paths`.
 */
export async function checkFilesInParallel(paths: readonly string[], cwd: string, worker?: URL): Promise<FileResult[]> {
  const threads = Math.min(availableParallelism(), Math.floor(paths.length / FILES_PER_WORKER));
  if (!worker || threads < 2 || !existsSync(worker)) return checkFiles(paths, cwd);
  const size = Math.ceil(paths.length / threads);
  const shares = Array.from({ length: threads }, (_, share) => paths.slice(share * size, (share + 1) * size));
  const running = shares.slice(1).map(
    (share) =>
      new Promise<FileResult[]>((resolvePromise, reject) => {
        const thread = new Worker(worker, {
          workerData: { paths: share, cwd },
          resourceLimits: { maxYoungGenerationSizeMb: 64 },
        });
        thread.once('message', resolvePromise);
        thread.once('error', reject);
      }),
  );
  const mine = checkFiles(shares[0]!, cwd);
  const theirs = await Promise.all(running);
  return [mine, ...theirs].flat();
}
