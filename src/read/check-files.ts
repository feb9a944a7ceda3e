/**
 * Reading and checking the shape of each file: the part of validation that runs on every core. Each file gives
 * its problems and, when it is a mapping, its value: the whole of it when it passes its schema, else the part
 * that could be salvaged (for the meaning rules only), with where each node is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Pipeline } from '../model/pipeline.js';
import type { Problem } from '../model/problem.js';
import { Roster } from '../model/roster.js';
import { sanitizeStrings } from '../util/sanitize.js';
import { displayPath, fileKind, misnamedStateFile, validateSource, type FileKind } from './catalog.js';
import { Lock, LockedMeeting, LockedShift } from '../model/lock.js';
import { Override, Overrides } from '../model/overrides.js';
import type { z } from 'zod';
import type { ScopeOf } from './schema-issues.js';
import { salvage, type IndexMaps } from './salvage.js';
import { positionIndex, readSource, type PathSegment, type PositionIndex, type Source } from './source.js';

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
  const misnamed = misnamedStateFile(path);
  if (misnamed) {
    // Read as a pipeline it would be a second overrides file that no command writes: refused by its name.
    problems.push({ file, line: 1, column: 1, severity: 'error', rule: 'file-name', message: misnamed });
    return { path, file, kind, problems };
  }
  const read = readSource(path, file);
  problems.push(...read.problems);
  if (!read.source) return { path, file, kind, problems: withConflictMarkers(problems, path) };
  if (kind === 'overrides' || kind === 'lock') return checkStateFile(path, file, kind, read.source, problems);
  const roster = kind === 'roster';
  const schema = SCHEMAS[kind];
  const scopeOf = roster ? rosterScope(read.source.data) : undefined;
  const loaded = validateSource(read.source, schema, problems, undefined, scopeOf);
  if (loaded && !problems.some((problem) => problem.severity === 'error')) {
    return {
      path,
      file,
      kind,
      problems,
      entry: { value: sanitizeStrings(loaded.value), valid: true, maps: new Map() },
    };
  }
  const data = loaded?.value ?? read.source.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { path, file, kind, problems };
  const id = basename(path, extname(path));
  const fallback = roster
    ? { teams: [], people: [] }
    : { id, name: id, owners: { primary: [] }, issues: [], sla: [], oncall: { mode: 'none' } };
  const { value, maps } = loaded ? { value: loaded.value, maps: new Map() } : salvage(schema, data, fallback);
  return {
    path,
    file,
    kind,
    problems,
    entry: { value: sanitizeStrings(value), index: positionIndex(read.source), valid: false, maps },
  };
}

/**
 * `overrides.yaml` and the lock, read entry by entry: an entry with an error is left out (its problems carry
 * its scope), the others apply. Only a file that cannot be read as a whole (YAML syntax, a merge conflict, the
 * wrong shape) is broken as a whole.
 */
function checkStateFile(path: string, file: string, kind: 'overrides' | 'lock', source: Source, problems: Problem[]) {
  // An empty overrides file is an empty list.
  if (kind === 'overrides' && (source.data === null || source.data === undefined)) source = { ...source, data: [] };
  const lists = kind === 'overrides' ? [undefined] : (['shifts', 'meetings'] as const);
  const scopeOf = (path: readonly PathSegment[]) => {
    const [first, second] = path;
    if (kind === 'overrides') return typeof first === 'number' ? { entry: String(first) } : undefined;
    return (first === 'shifts' || first === 'meetings') && typeof second === 'number'
      ? { entry: `${first}.${second}` }
      : undefined;
  };
  const whole = SCHEMAS[kind];
  const loaded = validateSource(source, whole, problems, undefined, scopeOf);
  if (problems.some((problem) => problem.severity === 'error' && !problem.scope)) {
    return { path, file, kind, problems };
  }
  const spoilt = new Set(problems.map((problem) => problem.scope?.entry));
  const data = source.data as Record<string, unknown> | unknown[];
  const pick = (list: 'shifts' | 'meetings' | undefined, item: z.ZodType) => {
    const raw = (list === undefined ? data : ((data as Record<string, unknown>)[list] ?? [])) as unknown[];
    return raw.flatMap((entry, index) => {
      if (spoilt.has(list === undefined ? String(index) : `${list}.${index}`)) return [];
      const parsed = item.safeParse(entry);
      return parsed.success ? [{ ...(sanitizeStrings(parsed.data) as object), index }] : [];
    });
  };
  const value =
    loaded && problems.every((problem) => problem.severity !== 'error')
      ? kind === 'overrides'
        ? (loaded.value as Override[]).map((entry, index) => ({ ...sanitizeStrings(entry), index }))
        : {
            shifts: (loaded.value as Lock).shifts.map((entry, index) => ({ ...sanitizeStrings(entry), index })),
            meetings: ((loaded.value as Lock).meetings ?? []).map((entry, index) => ({
              ...sanitizeStrings(entry),
              index,
            })),
          }
      : kind === 'overrides'
        ? pick(lists[0], Override)
        : { shifts: pick('shifts', LockedShift), meetings: pick('meetings', LockedMeeting) };
  return { path, file, kind, problems, entry: { value, index: positionIndex(source), valid: true, maps: new Map() } };
}

/** Which team, person or part of the roster an issue at a path spoils (the people's ids as written). */
function rosterScope(data: unknown): ScopeOf {
  const raw = (data ?? {}) as { teams?: unknown; people?: unknown };
  const nameAt = (list: unknown, index: number, key: string): string => {
    const item = Array.isArray(list) ? (list[index] as Record<string, unknown> | undefined) : undefined;
    const value = item && typeof item === 'object' ? item[key] : undefined;
    return typeof value === 'string' ? value.trim() : `#${index + 1}`;
  };
  return (path) => {
    const [first, second] = path;
    if (first === 'teams' && typeof second === 'number') return { team: nameAt(raw.teams, second, 'name') };
    if (first === 'people' && typeof second === 'number') return { person: nameAt(raw.people, second, 'id') };
    if (first === 'rotation') return { rotation: true };
    return undefined;
  };
}

const CONFLICT = /^(?:<{7}|={7}|>{7})(?: |$)/m;

/**
 * A file that does not parse because of a merge conflict (the usual result of two branches publishing) says
 * so, at the first marker, rather than quoting the YAML parser.
 */
function withConflictMarkers(problems: Problem[], path: string): Problem[] {
  if (!problems.some((problem) => problem.rule === 'yaml-syntax')) return problems;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return problems;
  }
  const marker = CONFLICT.exec(text);
  if (!marker) return problems;
  const line = text.slice(0, marker.index).split('\n').length;
  const kind = fileKind(path);
  const fix =
    kind === 'lock'
      ? 'keep one side, then publish again (`runbook rotate --weeks N --publish`)'
      : kind === 'overrides'
        ? 'keep the entries of both sides, then `runbook lint`'
        : 'keep the lines you want from each side, then `runbook lint`';
  return [
    ...problems.filter((problem) => problem.rule !== 'yaml-syntax'),
    {
      file: problems[0]!.file,
      line,
      column: 1,
      severity: 'error',
      rule: 'merge-conflict',
      message: `unresolved merge conflict (a ${marker[0].trim().charAt(0).repeat(7)} line): ${fix}`,
    },
  ];
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
