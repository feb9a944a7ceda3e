/**
 * A runbooks folder as the commands other than lint see it: its usable runbooks through the one validator,
 * from the look-up cache when every input is unchanged, with the holidays and zone offsets the answers need,
 * and what to keep for the next run.
 */
import { basename, dirname, join } from 'node:path';
import { distrust } from '../util/trust.js';
import {
  cacheFile,
  cacheKey,
  type Lookahead,
  openCache,
  readCache,
  readInputs,
  readResults,
  resultsFile,
  stampOf,
  statFiles,
  writeCache,
  writeResults,
  type FileInput,
} from './cache.js';
import type { FileResult } from '../read/check-files.js';
import { displayPath, listYamlFiles } from '../read/find.js';
import { HolidayStore } from './holidays.js';
import { findPipeline } from '../lookup/match.js';
import type { Catalog, Entry } from '../model/catalog.js';
import type { Pipeline } from '../model/pipeline.js';
import { rosterCalendar, type WorkCalendar } from '../time/calendar.js';
import { tableOffsets, zoneTable, type ZoneTable } from '../time/local.js';
import { InputError } from '../model/errors.js';

const YEAR = 365 * 86_400_000;

export type { Catalog, Entry } from '../model/catalog.js';

/** The built checking worker, beside the bundled CLI (absent when running from source, which then uses one thread). */
export const CHECK_WORKER = new URL('./check-worker.cjs', import.meta.url);

export class Runbooks {
  private view?: Catalog;
  private store?: HolidayStore;
  private cache?: { path: string; key: string; stamp: string; hit: boolean };
  private workCalendar?: WorkCalendar;
  /** Uncoverable weeks ahead, from the cache or found by this run (then written back). */
  private lookahead?: { value: Lookahead; changed: boolean };
  /** Zone offset tables from the cache, reused while they span the year around now. */
  private knownZones: ZoneTable[] = [];
  /** Cache writes done once the command has answered. */
  private readonly afterAnswer: (() => void)[] = [];

  constructor(
    /** The runbooks folder. */
    readonly dir: string,
    private readonly options: {
      cwd: string;
      env: NodeJS.ProcessEnv;
      cache: boolean;
      now: Date;
      /** One line on stderr (a cache folder that cannot be trusted, say). */
      note?: (line: string) => void;
    },
  ) {}

  /** Whether the runbooks came from the look-up cache. */
  get answeredFromCache(): boolean {
    return this.cache?.hit === true;
  }

  /**
   * The runbooks folder through the one validator lint uses (from the look-up cache when every input is
   * unchanged). Files with errors are left out and named in one line on stderr; what they spoil is for each
   * answer to say (a roster broken as a whole stops the answers that need its zone: see calendar()).
   */
  async catalog(): Promise<Catalog> {
    if (this.view) return this.view;
    const dir = this.dir;
    const files = listYamlFiles(dir);
    const named = <T extends { file: string }>(entry: T): T => ({
      ...entry,
      file: displayPath(join(dir, entry.file), this.options.cwd),
    });
    let view: Catalog | undefined;
    let inputs: FileInput[] | undefined;
    const path = this.options.cache ? cacheFile(dir, this.options.env) : undefined;
    // A cache another user could write is not read or written: its answers could be anyone's.
    const why = path && (distrust(dirname(path)) ?? distrust(path) ?? distrust(resultsFile(path)));
    if (why) this.options.note?.(`not using the cache in ${dirname(path)}: ${why}; answering without it`);
    if (path && !why) {
      const stats = statFiles(files);
      const stamp = stampOf(stats);
      const opened = openCache(path);
      inputs = readInputs(stats);
      const key = cacheKey(dir, inputs);
      const { hit, seed } = readCache(opened, key);
      this.cache = { path, key, stamp, hit: hit !== undefined };
      // After an edit the runbooks are read afresh, but holiday answers and zone offsets carry over.
      const known = hit ?? seed;
      if (known) {
        this.store = new HolidayStore(known.holidays);
        this.knownZones = known.zones;
      }
      if (hit) {
        if (hit.lookahead) this.lookahead = { value: hit.lookahead, changed: false };
        view = renamed(hit, named);
      }
    }
    if (!view) {
      // Only a cache miss pays for YAML parsing, the schemas and the rules.
      const { validate } = await import('../validate/validate.js');
      const results = await this.checkFiles(dir, files, inputs);
      view = validate(results, { holidays: this.holidays().catalog }).catalog;
    }
    this.view = view;
    return view;
  }

  /**
   * Each file checked (shape, positions): after an edit, the unchanged files' results come from the cache's side
   * file, and only the changed files are parsed.
   */
  private async checkFiles(
    dir: string,
    files: readonly string[],
    inputs: readonly FileInput[] | undefined,
  ): Promise<FileResult[]> {
    const { checkFilesInParallel: check } = await import('../read/check-files.js');
    if (!inputs || !this.cache) return check(files, this.options.cwd, CHECK_WORKER);
    const side = resultsFile(this.cache.path);
    const reusable = readResults<FileResult>(side, inputs);
    const changed = files.filter((_, i) => !reusable.has(inputs[i]!.name));
    const fresh = new Map(
      (await check(changed, this.options.cwd, CHECK_WORKER)).map((result) => [result.path, result]),
    );
    const here = (name: string): string => displayPath(join(dir, name), this.options.cwd);
    const results = inputs.map(({ path, name }) => {
      const stored = reusable.get(name);
      if (!stored) return fresh.get(path)!;
      const file = here(name);
      // A Map does not survive JSON: the salvage index maps are stored as entry lists.
      const entry = stored.entry && {
        ...stored.entry,
        maps: new Map(stored.entry.maps),
      };
      return {
        ...stored,
        path,
        file,
        problems: stored.problems.map((problem) => ({ ...problem, file })),
        ...(entry ? { entry } : {}),
      };
    });
    if (changed.length > 0) {
      const portable = results.map((result, i) => ({
        ...result,
        path: inputs[i]!.name,
        file: inputs[i]!.name,
        problems: result.problems.map((problem) => ({ ...problem, file: inputs[i]!.name })),
        ...(result.entry ? { entry: { ...result.entry, maps: [...result.entry.maps] } } : {}),
      }));
      this.afterAnswer.push(() => writeResults(side, inputs, portable));
    }
    return results;
  }

  /**
   * The pipeline a query names (id, name, alias or unique prefix). A query naming a file that was left out
   * for its errors says so, with the first error, rather than "unknown pipeline".
   */
  async pipeline(query: string): Promise<Entry<Pipeline>> {
    const view = await this.catalog();
    try {
      return findPipeline(view.pipelines, query);
    } catch (error) {
      const needle = query.trim().toLowerCase();
      const broken = view.broken.find(
        (entry) =>
          entry.kind === 'pipeline' &&
          basename(entry.file)
            .replace(/\.ya?ml$/i, '')
            .toLowerCase() === needle,
      );
      if (broken) throw new InputError(broken.errors);
      throw error;
    }
  }

  /** The uncoverable weeks from `week` through the look-ahead, when this run or the cache already knows them. */
  knownLookahead(week: number): Lookahead['gaps'] | undefined {
    return this.lookahead?.value.week === week ? this.lookahead.value.gaps : undefined;
  }

  rememberLookahead(value: Lookahead): void {
    this.lookahead = { value, changed: true };
  }

  /** Public holidays: from the cache when known, else from date-holidays. */
  holidays(): HolidayStore {
    return (this.store ??= new HolidayStore());
  }

  /**
   * The roster's working calendar, with its public holidays and company days. A roster broken as a whole (its
   * zone, working week or holidays wrong, or unreadable) stops the answer: every deadline depends on them.
   */
  async calendar(): Promise<WorkCalendar> {
    const catalog = await this.catalog();
    const broken = catalog.broken.find((entry) => entry.kind === 'roster');
    if (broken) throw new InputError(broken.errors);
    const roster = catalog.roster?.value;
    // The roster zone's offsets from the table the look-up cache kept, so no Intl time zone has to be loaded.
    const table = roster && this.knownZones.find((entry) => entry.zone === roster.timezone);
    this.workCalendar ??= rosterCalendar(roster, this.holidays().lookup, table && tableOffsets(table));
    return this.workCalendar;
  }

  /** After a command answered: keep what was loaded and looked up for the next run. */
  persist(): void {
    for (const write of this.afterAnswer.splice(0)) write();
    if (!this.cache || !this.view || (this.cache.hit && !this.store?.changed && !this.lookahead?.changed)) return;
    const base = <T extends { file: string }>(entry: T): T => ({ ...entry, file: basename(entry.file) });
    writeCache(this.cache.path, this.cache.key, this.cache.stamp, {
      ...renamed(this.view, base),
      ...(this.lookahead ? { lookahead: this.lookahead.value } : {}),
      holidays: this.holidays().entries(),
      // The roster zone's offsets (UTC's are known without a table: the default calendar's are 0).
      zones: (this.view.roster ? [this.view.roster.value.timezone] : []).map((zone) => {
        const now = this.options.now.getTime();
        const known = this.knownZones.find(
          (table) => table.zone === zone && table.from <= now - YEAR / 2 && table.to >= now + YEAR,
        );
        return known ?? zoneTable(zone, now - YEAR, now + 2 * YEAR);
      }),
    });
  }
  /** The catalog, once a command has read it. */
  get loadedCatalog(): Catalog | undefined {
    return this.view;
  }
}

/** The catalog with every file name (of entries, problems, left-out entries) passed through `name`. */
function renamed(catalog: Catalog, name: <T extends { file: string }>(entry: T) => T): Catalog {
  const problem = name;
  const { pipelines, roster, overrides, lock, broken } = catalog;
  return {
    pipelines: pipelines.map(name),
    ...(roster
      ? {
          roster: {
            ...name(roster),
            ...(roster.faults
              ? {
                  faults: {
                    ...(roster.faults.rotation ? { rotation: problem(roster.faults.rotation) } : {}),
                    teams: roster.faults.teams.map((fault) => ({ ...fault, problem: problem(fault.problem) })),
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(overrides
      ? {
          overrides: {
            ...name(overrides),
            leftOut: overrides.leftOut.map((e) => ({ ...e, problem: problem(e.problem) })),
          },
        }
      : {}),
    ...(lock
      ? { lock: { ...name(lock), leftOut: lock.leftOut.map((e) => ({ ...e, problem: problem(e.problem) })) } }
      : {}),
    broken: broken.map((entry) => ({ ...name(entry), errors: entry.errors.map(problem) })),
  };
}
