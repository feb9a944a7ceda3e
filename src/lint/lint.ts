/** Lints runbook files: every problem in every file in one run, shape first, then the cross-file rules. */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { isRosterFile, ROSTER_FILE, type Loaded } from '../load/catalog.js';
import { displayPath, listYamlFiles } from '../load/find.js';
import { indexLocator } from '../load/source.js';
import type { Pipeline } from '../model/pipeline.js';
import { byPosition, type Problem } from '../model/problem.js';
import type { Roster } from '../model/roster.js';
import type { HolidayCatalog } from '../rotation/holidays.js';
import { UsageError } from '../util/errors.js';
import { loadForLint, type FileResult } from './load-files.js';
import { crossFileProblems } from './rules.js';

export interface LintReport {
  files: number;
  errors: number;
  warnings: number;
  problems: Problem[];
}

export interface LintOptions {
  holidays?: HolidayCatalog;
  /** The built worker script: with it, large runs parse on every core. */
  worker?: URL;
}

/** Below this many files, starting workers costs more than it saves. */
const FILES_PER_WORKER = 400;

/** The files named by `paths` (files, or folders of YAML files); an unreadable path is a usage error. */
export function expandPaths(paths: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const given of paths) {
    const path = resolve(cwd, given);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`cannot lint ${given}: no such file or folder`);
    }
    if (isDirectory) for (const file of listYamlFiles(path)) files.add(file);
    else files.add(path);
  }
  return [...files];
}

export async function lintFiles(files: readonly string[], cwd: string, options: LintOptions = {}): Promise<LintReport> {
  // A pipeline is checked against the roster beside it, even when only the pipeline was named.
  const contextOnly = new Set<string>();
  const toLoad = [...files];
  for (const folder of new Set(files.map((file) => dirname(file)))) {
    const roster = join(folder, ROSTER_FILE);
    if (!files.some((file) => dirname(file) === folder && isRosterFile(file)) && existsSync(roster)) {
      toLoad.push(roster);
      contextOnly.add(displayPath(roster, cwd));
    }
  }
  const results = await load(toLoad, cwd, options.worker);

  const problems: Problem[] = [];
  const byFolder = new Map<string, FileResult[]>();
  for (const result of results) {
    problems.push(...result.problems);
    const folder = dirname(result.path);
    const group = byFolder.get(folder);
    if (group) group.push(result);
    else byFolder.set(folder, [result]);
  }
  for (const group of byFolder.values()) {
    const loaded = (result: FileResult) => ({ value: result.entry!.value, file: result.entry!.file, locate: indexLocator(result.entry!.index) });
    const valid = group.filter((result) => result.entry);
    const roster = valid.find((result) => isRosterFile(result.path));
    const pipelines = valid.filter((result) => result !== roster).map((result) => loaded(result) as Loaded<Pipeline>);
    problems.push(...crossFileProblems({ pipelines, roster: roster && (loaded(roster) as Loaded<Roster>), holidays: options.holidays }));
  }
  const reported = problems.filter((problem) => !contextOnly.has(problem.file)).sort(byPosition);
  const errors = reported.filter((problem) => problem.severity === 'error').length;
  return { files: files.length, errors, warnings: reported.length - errors, problems: reported };
}

/** Parses and checks every file: here for small runs, split across worker threads and this thread for large ones. */
async function load(paths: readonly string[], cwd: string, worker: URL | undefined): Promise<FileResult[]> {
  const threads = Math.min(availableParallelism(), Math.floor(paths.length / FILES_PER_WORKER));
  if (!worker || threads < 2 || !existsSync(worker)) return loadForLint(paths, cwd);
  const shares = Array.from({ length: threads }, (_, share) => paths.filter((_, i) => i % threads === share));
  const running = shares.slice(1).map(
    (share) =>
      new Promise<FileResult[]>((resolvePromise, reject) => {
        const thread = new Worker(worker, { workerData: { paths: share, cwd }, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
        thread.once('message', resolvePromise);
        thread.once('error', reject);
      }),
  );
  const mine = loadForLint(shares[0]!, cwd);
  const theirs = await Promise.all(running);
  return [mine, ...theirs].flat();
}
