/**
 * The one validator: shape, then every meaning and cross-file rule, for lint and for the loader behind every
 * other command alike. Lint reports the problems; the commands use what has none (docs/state-files.md, "When a
 * file is broken"): a pipeline with an error is left out; the roster loses only the teams and people its errors
 * are about; overrides.yaml and the lock lose only the entries theirs are about. A file lint passes, every
 * command accepts.
 */
import { dirname } from 'node:path';
import type { Loaded } from '../read/catalog.js';
import { checkFiles, type FileResult } from '../read/check-files.js';
import { listYamlFiles } from '../read/find.js';
import { originalPath } from '../read/salvage.js';
import { indexLocator, positionIndex, readSource, type Locator } from '../read/source.js';
import type { BrokenFile, Catalog, LeftOut, LoadedLock, Numbered, RosterFaults } from '../model/catalog.js';
import type { HolidayCatalog } from '../model/holidays.js';
import type { Override } from '../model/overrides.js';
import type { Pipeline } from '../model/pipeline.js';
import { byPosition, type Problem } from '../model/problem.js';
import { Person, Team, type Roster } from '../model/roster.js';
import { localDateOf } from '../time/local.js';
import { coverageProblems, type CoverageInput } from './coverage.js';
import { CROSS_FILE_RULES, crossFileProblems } from './rules.js';
import { stateEntryProblems } from './state-entries.js';

export type { BrokenFile } from '../model/catalog.js';

export interface ValidateOptions {
  /** Known holiday countries and regions: without it the holiday-calendar rule is skipped. */
  holidays?: HolidayCatalog;
  /** With it, every rotation week from now on (at least 12) is checked to be coverable. */
  coverage?: CoverageInput;
  /** Files loaded only as context for the named ones: only their cross-file problems are reported. */
  contextOnly?: ReadonlySet<string>;
}

/** Errors kept per broken file for the commands (lint reports them all). */
const ERRORS_KEPT = 20;

export interface Validation {
  /** Every problem of the named files (and cross-file problems of the context files), sorted by position. */
  problems: Problem[];
  /** What the commands answer from (the first folder's roster and state files when several are validated). */
  catalog: Catalog;
}

/** Rules whose problems leave a file usable: the file is right, the weeks it asks for cannot be staffed. */
const USABLE_DESPITE = new Set(['rotation-coverage', 'override-rule', 'lock-repair', 'fairness-drift', 'shadow-weeks']);

/** The longest message a problem carries: a value quoted from a file is cut, not repeated whole. */
const MAX_MESSAGE = 400;

function clipMessage(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 1)}…`;
}

/** An error that spoils its whole file (not only an entry, team or person of it, nor a week it asks for). */
const spoilsFile = (problem: Problem): boolean =>
  problem.severity === 'error' && !problem.scope && !USABLE_DESPITE.has(problem.rule);

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
  const catalogs: Catalog[] = [];
  for (const group of byFolder.values()) {
    const loaded = <T>(result: FileResult): Loaded<T> => ({
      value: result.entry!.value as T,
      file: result.file,
      locate: locatorOf(result),
    });
    const readable = group.filter((result) => result.entry);
    const of = (kind: FileResult['kind']) => readable.find((result) => result.kind === kind);
    const rosterResult = of('roster');
    const overridesResult = of('overrides');
    const lockResult = of('lock');
    const pipelines = readable.filter((result) => result.kind === 'pipeline').map((r) => loaded<Pipeline>(r));
    const roster = rosterResult && loaded<Roster>(rosterResult);
    const overrides = overridesResult && loaded<Numbered<Override>[]>(overridesResult);
    const lock = lockResult && loaded<LoadedLock>(lockResult);
    const today = options.coverage && roster ? todayIn(options.coverage.now, roster.value.timezone) : undefined;
    const found = [
      ...crossFileProblems({ pipelines, roster, holidays: options.holidays, ...(today ? { today } : {}) }),
      ...stateEntryProblems({ pipelines, roster, overrides, lock }),
    ];
    problems.push(...found);
    const errorsOf = (file: string) =>
      [...group.flatMap((result) => result.problems), ...found].filter(
        (problem) => problem.file === file && problem.severity === 'error',
      );
    const spoilt = new Set(
      [...group.flatMap((result) => result.problems), ...found].filter(spoilsFile).map((problem) => problem.file),
    );
    const usable = (result: FileResult | undefined) => result?.entry && !spoilt.has(result.file);

    const usablePipelines = readable
      .filter((result) => result.kind === 'pipeline' && result.entry!.valid && !spoilt.has(result.file))
      .map((result) => loaded<Pipeline>(result));
    const usableOverrides =
      usable(overridesResult) && overrides
        ? withoutLeftOut(overrides, errorsOf(overrides.file), (entry) => String(entry.index), 'override')
        : undefined;
    const usableLock = usable(lockResult) && lock ? lockWithoutLeftOut(lock, errorsOf(lock.file)) : undefined;
    const partialRoster = usable(rosterResult) && roster ? usableRoster(roster, errorsOf(roster.file)) : undefined;

    // Lint's rules that need the plan run on a roster with no error at all.
    const wholeRoster = partialRoster && !partialRoster.faults && rosterResult!.entry!.valid ? roster : undefined;
    if (options.coverage && wholeRoster) {
      problems.push(
        ...coverageProblems(
          {
            pipelines: usablePipelines,
            roster: wholeRoster,
            ...(usableOverrides ? { overrides: { ...overrides!, value: usableOverrides.value } } : {}),
            ...(usableLock ? { lock: { ...lock!, value: usableLock.value } } : {}),
          },
          options.coverage,
        ),
      );
    }
    const entry = <T>({ value, file }: { value: T; file: string }) => ({ value, file });
    catalogs.push({
      pipelines: usablePipelines.map(entry),
      ...(partialRoster ? { roster: partialRoster } : {}),
      ...(usableOverrides ? { overrides: usableOverrides } : {}),
      ...(usableLock ? { lock: usableLock } : {}),
      broken: [],
    });
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
    if (!spoilsFile(problem)) continue;
    const errors = brokenFiles.get(problem.file);
    if (!errors) brokenFiles.set(problem.file, [problem]);
    else if (errors.length < ERRORS_KEPT) errors.push(problem);
  }
  const first = <K extends 'roster' | 'overrides' | 'lock'>(key: K): Partial<Pick<Catalog, K>> => {
    const found = catalogs.find((entry) => entry[key])?.[key];
    return found ? ({ [key]: found } as Partial<Pick<Catalog, K>>) : {};
  };
  const broken: BrokenFile[] = [...brokenFiles].map(([file, errors]) => ({
    file,
    kind: results.find((result) => result.file === file)?.kind ?? 'pipeline',
    errors,
  }));
  return {
    problems: reported,
    catalog: {
      pipelines: catalogs.flatMap((entry) => entry.pipelines),
      ...first('roster'),
      ...first('overrides'),
      ...first('lock'),
      broken,
    },
  };
}

/** The entries without an error of their own, and those left out (each with its first error). */
function withoutLeftOut<T extends { index: number }>(
  file: Loaded<T[]>,
  errors: readonly Problem[],
  key: (entry: T) => string,
  what: string,
  prefix = '',
): { value: T[]; leftOut: LeftOut[]; file: string } {
  const byEntry = new Map<string, Problem>();
  for (const problem of [...errors].sort(byPosition))
    if (problem.scope?.entry !== undefined && !byEntry.has(problem.scope.entry))
      byEntry.set(problem.scope.entry, problem);
  const leftOut: LeftOut[] = [...byEntry]
    .filter(([entry]) => entry.startsWith(prefix))
    .map(([entry, problem]) => ({
      what: `${what} ${Number(entry.slice(prefix.length)) + 1}`,
      line: file.locate.at(prefix ? [prefix.slice(0, -1), Number(entry.slice(prefix.length))] : [Number(entry)]).line,
      problem,
    }));
  return { value: file.value.filter((entry) => !byEntry.has(key(entry))), leftOut, file: file.file };
}

function lockWithoutLeftOut(lock: Loaded<LoadedLock>, errors: readonly Problem[]) {
  const shifts = withoutLeftOut(
    { ...lock, value: lock.value.shifts },
    errors,
    (entry) => `shifts.${entry.index}`,
    'published shift',
    'shifts.',
  );
  const meetings = withoutLeftOut(
    { ...lock, value: lock.value.meetings },
    errors,
    (entry) => `meetings.${entry.index}`,
    'published meeting',
    'meetings.',
  );
  return {
    value: { shifts: shifts.value, meetings: meetings.value },
    leftOut: [...shifts.leftOut, ...meetings.leftOut].sort((x, y) => x.line - y.line),
    file: lock.file,
  };
}

/**
 * The roster the commands use when its errors are all about teams, people or the rotation settings: without
 * the broken teams (and every team sharing a person with one, whose plan depends on it), the broken people, or
 * the rotation settings; the faults say which and why.
 */
function usableRoster(roster: Loaded<Roster>, errors: readonly Problem[]): Catalog['roster'] {
  const { value, file } = roster;
  if (errors.length === 0) return { value, file };
  const sorted = [...errors].sort(byPosition);
  const rotation = sorted.find((problem) => problem.scope?.rotation);
  const brokenPeople = new Map<string, Problem>();
  for (const problem of sorted)
    if (problem.scope?.person && !brokenPeople.has(problem.scope.person))
      brokenPeople.set(problem.scope.person, problem);
  const teams = new Map<string, { problem: Problem; via?: string }>();
  for (const problem of sorted)
    if (problem.scope?.team && !teams.has(problem.scope.team)) teams.set(problem.scope.team, { problem });
  const people = value.people.filter((person) => !brokenPeople.has(person.id) && Person.safeParse(person).success);
  const kept = new Set(people.map((person) => person.id));
  for (const team of value.teams) {
    if (teams.has(team.name)) continue;
    const gone = team.members.find((member) => brokenPeople.has(member));
    if (gone) teams.set(team.name, { problem: brokenPeople.get(gone)! });
    else if (!Team.safeParse(team).success) teams.set(team.name, { problem: sorted[0]! });
  }
  // A team sharing someone with a broken one is planned with it: its answers depend on the broken one too.
  for (let grew = true; grew;) {
    grew = false;
    for (const team of value.teams) {
      if (teams.has(team.name)) continue;
      const other = value.teams.find(
        (candidate) => teams.has(candidate.name) && candidate.members.some((member) => team.members.includes(member)),
      );
      if (other) {
        teams.set(team.name, { ...teams.get(other.name)!, via: other.name });
        grew = true;
      }
    }
  }
  const faults: RosterFaults = {
    ...(rotation ? { rotation } : {}),
    teams: [...teams].map(([team, { problem, via }]) => ({ team, problem, ...(via ? { via } : {}) })),
  };
  const { rotation: settings, ...rest } = value;
  return {
    value: {
      ...rest,
      ...(settings && !rotation ? { rotation: settings } : {}),
      teams: value.teams.filter((team) => !teams.has(team.name) && team.members.every((member) => kept.has(member))),
      people,
    },
    file,
    faults,
  };
}

/** A runbooks folder through the one validator, in this thread: the library's way to load runbooks. */
export function loadCatalog(dir: string, cwd: string, options: ValidateOptions = {}): Validation {
  return validate(checkFiles(listYamlFiles(dir), cwd), options);
}
