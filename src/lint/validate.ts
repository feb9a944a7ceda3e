/**
 * The one validator: shape, then every meaning and cross-file rule, for lint and for the loader behind every
 * other command alike. Lint reports the problems; the commands use the files that have none and name the
 * others on stderr. A file lint passes, every command accepts.
 */
import { dirname } from 'node:path';
import type { FileKind, Loaded } from '../load/catalog.js';
import type { Lock } from '../model/lock.js';
import type { Override } from '../model/overrides.js';
import { checkFiles, type FileResult } from '../load/check-files.js';
import { listYamlFiles } from '../load/find.js';
import { originalPath } from '../load/salvage.js';
import { indexLocator, positionIndex, readSource, type Locator } from '../load/source.js';
import type { Pipeline } from '../model/pipeline.js';
import { byPosition, type Problem } from '../model/problem.js';
import type { Roster } from '../model/roster.js';
import type { HolidayCatalog } from '../model/holidays.js';
import { coverageProblems, type CoverageInput } from './coverage.js';
import { localDateOf } from '../sla/local.js';
import { CROSS_FILE_RULES, crossFileProblems } from './rules.js';

export interface ValidateOptions {
  /** Known holiday countries and regions: without it the holiday-calendar rule is skipped. */
  holidays?: HolidayCatalog;
  /** With it, every rotation week from now on (at least 12) is checked to be coverable. */
  coverage?: CoverageInput;
  /** Files loaded only as context for the named ones: only their cross-file problems are reported. */
  contextOnly?: ReadonlySet<string>;
}

export interface BrokenFile {
  file: string;
  kind: FileKind;
  errors: Problem[];
}

/** Errors kept per broken file for the commands (lint reports them all). */
const ERRORS_KEPT = 20;

export interface Validation {
  /** Every problem of the named files (and cross-file problems of the context files), sorted by position. */
  problems: Problem[];
  /** The pipelines with no error of their own: what commands answer about. */
  pipelines: Loaded<Pipeline>[];
  /** The roster, when it has no error. */
  roster?: Loaded<Roster>;
  /** The overrides and the lock, when their shape is right (the plan itself leaves out an override that breaks a rule). */
  overrides?: Loaded<Override[]>;
  lock?: Loaded<Lock>;
  /** Files with errors, in order, each with its errors (the first few, for a command that is asked about one). */
  broken: BrokenFile[];
}

/** Rules whose problems leave a file usable: the file is right, the weeks it asks for cannot be staffed. */
const USABLE_DESPITE = new Set(['rotation-coverage', 'override-rule', 'lock-entry', 'lock-repair']);

/** The longest message a problem carries: a value quoted from a file is cut, not repeated whole. */
const MAX_MESSAGE = 400;

function clipMessage(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 1)}…`;
}

/**
 * Positions for the rules. A valid file was sent without them (most have no problem, and building and passing
 * every node's position cost lint and list a tenth of their time): they are found again, by reading the file,
 * the first time a rule asks.
 */
function locatorOf(result: FileResult): Locator {
  const { index } = result.entry!;
  let base: Locator;
  if (index) base = indexLocator(index);
  else {
    let found: Locator | undefined;
    const locate = (): Locator => {
      if (!found) {
        const { source } = readSource(result.path, result.file);
        found = source ? indexLocator(positionIndex(source)) : { at: () => ({ line: 1, column: 1 }), has: () => false };
      }
      return found;
    };
    base = { at: (path, key) => locate().at(path, key), has: (path) => locate().has(path) };
  }
  const { maps } = result.entry!;
  if (maps.size === 0) return base;
  return {
    at: (path, key) => base.at(originalPath(maps, path), key),
    has: (path) => base.has(originalPath(maps, path)),
  };
}

/** Today's date in a zone; in UTC when the roster's zone is itself wrong (lint reports that on its own). */
function todayIn(now: Date, zone: string): string {
  try {
    return localDateOf(now, zone);
  } catch {
    return localDateOf(now, 'UTC');
  }
}

/** Validates checked files (one folder or several): the meaning rules run per folder, on valid and salvaged files. */
export function validate(results: readonly FileResult[], options: ValidateOptions = {}): Validation {
  const problems: Problem[] = [];
  const byFolder = new Map<string, FileResult[]>();
  for (const result of results) {
    problems.push(...result.problems);
    const folder = dirname(result.path);
    const group = byFolder.get(folder);
    if (group) group.push(result);
    else byFolder.set(folder, [result]);
  }
  const usableIn = new Map<
    string,
    { pipelines: Loaded<Pipeline>[]; roster?: Loaded<Roster>; overrides?: Loaded<Override[]>; lock?: Loaded<Lock> }
  >();
  for (const group of byFolder.values()) {
    const loaded = (result: FileResult) => ({
      value: result.entry!.value,
      file: result.file,
      locate: locatorOf(result),
    });
    const readable = group.filter((result) => result.entry);
    const rosterResult = readable.find((result) => result.kind === 'roster');
    const overridesResult = readable.find((result) => result.kind === 'overrides');
    const lockResult = readable.find((result) => result.kind === 'lock');
    const pipelines = readable
      .filter((result) => result.kind === 'pipeline')
      .map((result) => loaded(result) as Loaded<Pipeline>);
    const roster = rosterResult && (loaded(rosterResult) as Loaded<Roster>);
    const overrides = overridesResult && (loaded(overridesResult) as Loaded<Override[]>);
    const lock = lockResult && (loaded(lockResult) as Loaded<Lock>);
    const today = options.coverage && roster ? todayIn(options.coverage.now, roster.value.timezone) : undefined;
    const found = crossFileProblems({ pipelines, roster, holidays: options.holidays, ...(today ? { today } : {}) });
    problems.push(...found);

    // What a command may use: files valid in shape with no error of meaning either.
    const failed = new Set(
      [...group.flatMap((result) => result.problems), ...found]
        .filter((problem) => problem.severity === 'error')
        .map((problem) => problem.file),
    );
    const usable = (result: FileResult) => result.entry?.valid === true && !failed.has(result.file);
    const usablePipelines = readable
      .filter((result) => result.kind === 'pipeline' && usable(result))
      .map((result) => loaded(result) as Loaded<Pipeline>);
    const usableRoster = rosterResult && usable(rosterResult) ? roster : undefined;
    const usableOverrides = overridesResult && usable(overridesResult) ? overrides : undefined;
    const usableLock = lockResult && usable(lockResult) ? lock : undefined;
    const inputs = {
      pipelines: usablePipelines,
      ...(usableOverrides ? { overrides: usableOverrides } : {}),
      ...(usableLock ? { lock: usableLock } : {}),
    };
    if (options.coverage && usableRoster) {
      problems.push(...coverageProblems({ ...inputs, roster: usableRoster }, options.coverage));
    }
    usableIn.set(group[0]!.path, { ...inputs, ...(usableRoster ? { roster: usableRoster } : {}) });
  }

  const contextOnly = options.contextOnly ?? new Set<string>();
  const reported = problems
    .filter((problem) => !contextOnly.has(problem.file) || CROSS_FILE_RULES.has(problem.rule))
    .map((problem) =>
      problem.message.length > MAX_MESSAGE ? { ...problem, message: clipMessage(problem.message) } : problem,
    )
    .sort(byPosition);

  const brokenFiles = new Map<string, Problem[]>();
  for (const problem of reported) {
    if (problem.severity !== 'error' || USABLE_DESPITE.has(problem.rule)) continue;
    const errors = brokenFiles.get(problem.file);
    if (!errors) brokenFiles.set(problem.file, [problem]);
    else if (errors.length < ERRORS_KEPT) errors.push(problem);
  }
  const all = [...usableIn.values()];
  const first = <K extends 'roster' | 'overrides' | 'lock'>(key: K) => {
    const found = all.find((entry) => entry[key])?.[key];
    return found ? { [key]: found } : {};
  };
  return {
    problems: reported,
    pipelines: all.flatMap((entry) => entry.pipelines),
    ...first('roster'),
    ...first('overrides'),
    ...first('lock'),
    broken: [...brokenFiles].map(([file, errors]) => ({
      file,
      kind: results.find((result) => result.file === file)?.kind ?? 'pipeline',
      errors,
    })),
  };
}

/** A runbooks folder through the one validator, in this thread: the library's way to load runbooks. */
export function loadCatalog(dir: string, cwd: string, options: ValidateOptions = {}): Validation {
  return validate(checkFiles(listYamlFiles(dir), cwd), options);
}
