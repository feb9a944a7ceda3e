/** What every command gets from the CLI entry: where to write, how to style, where the runbooks are, what time it is. */
import { join } from 'node:path';
import { cacheFile, cacheKey, readCache, writeCache } from './load/cache.js';
import { displayPath, findRunbooksDir, listYamlFiles } from './load/find.js';
import type { Pipeline } from './model/pipeline.js';
import type { Roster } from './model/roster.js';
import type { Style } from './render/style.js';
import { HolidayStore } from './rotation/holidays.js';
import { rosterCalendar, type WorkCalendar } from './sla/calendar.js';
import { useZoneTable, zoneTable } from './sla/local.js';
import { parseAt } from './util/at.js';

const YEAR = 365 * 86_400_000;

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  isTTY: boolean;
  columns?: number;
}

export interface GlobalOptions {
  dir?: string;
  json?: boolean;
  color?: boolean;
  cache?: boolean;
}

export interface Entry<T> {
  value: T;
  /** The file it came from, as named in messages. */
  file: string;
}

/** The valid runbooks of a folder, as the commands other than lint see them. */
export interface CatalogView {
  pipelines: Entry<Pipeline>[];
  roster?: Entry<Roster>;
}

export class Context {
  private view?: CatalogView;
  private store?: HolidayStore;
  private cache?: { path: string; key: string; hit: boolean };
  private workCalendar?: WorkCalendar;

  constructor(
    readonly io: Io,
    readonly options: GlobalOptions,
    readonly style: Style,
    readonly now: Date,
  ) {}

  get json(): boolean {
    return this.options.json === true;
  }

  /** Columns to lay text out in: the terminal's width up to 100, else 80. */
  get width(): number {
    return Math.max(60, Math.min(this.io.columns ?? 80, 100));
  }

  runbooksDir(): string {
    return findRunbooksDir({ dir: this.options.dir, env: this.io.env.RUNBOOK_DIR, cwd: this.io.cwd });
  }

  /** The runbooks folder, loaded and valid (from the look-up cache when the files are unchanged); invalid files stop the command with exit 2. */
  async catalog(): Promise<CatalogView> {
    if (this.view) return this.view;
    const dir = this.runbooksDir();
    const files = listYamlFiles(dir);
    if (this.options.cache !== false) {
      const key = cacheKey(dir, files);
      const path = cacheFile(dir, this.io.env);
      const cached = readCache(path, key);
      this.cache = { path, key, hit: cached !== undefined };
      if (cached) {
        const named = <T>(entry: Entry<T>): Entry<T> => ({ value: entry.value, file: displayPath(join(dir, entry.file), this.io.cwd) });
        this.store = new HolidayStore(cached.holidays);
        for (const table of cached.zones) useZoneTable(table);
        this.view = { pipelines: cached.pipelines.map(named), ...(cached.roster ? { roster: named(cached.roster) } : {}) };
        return this.view;
      }
    }
    // Only a cache miss pays for YAML parsing and the schemas.
    const { loadFiles, requireValid } = await import('./load/catalog.js');
    const catalog = requireValid(loadFiles(files, this.io.cwd));
    const entry = <T>({ value, file }: Entry<T>): Entry<T> => ({ value, file });
    this.view = { pipelines: catalog.pipelines.map(entry), ...(catalog.roster ? { roster: entry(catalog.roster) } : {}) };
    return this.view;
  }

  /** Public holidays: from the cache when known, else from date-holidays. */
  holidays(): HolidayStore {
    return (this.store ??= new HolidayStore());
  }

  /** The roster's working calendar, with its public holidays and company days. */
  async calendar(): Promise<WorkCalendar> {
    this.workCalendar ??= rosterCalendar((await this.catalog()).roster?.value, this.holidays().lookup);
    return this.workCalendar;
  }

  /** The time a command answers for: `--at`, else now. */
  at(option: string | undefined, timeZone: string): Date {
    return parseAt(option, this.now, timeZone);
  }

  /** After a command succeeded: keep what was loaded and looked up for the next run. */
  persist(): void {
    if (!this.cache || !this.view || (this.cache.hit && !this.store?.changed)) return;
    const base = <T>({ value, file }: Entry<T>): Entry<T> => ({ value, file: file.split(/[\\/]/).pop()! });
    writeCache(this.cache.path, {
      key: this.cache.key,
      pipelines: this.view.pipelines.map(base),
      ...(this.view.roster ? { roster: base(this.view.roster) } : {}),
      holidays: this.holidays().entries(),
      zones: [...new Set(['UTC', this.view.roster?.value.timezone ?? 'UTC'])].map((zone) => zoneTable(zone, this.now.getTime() - YEAR, this.now.getTime() + 2 * YEAR)),
    });
  }

  print(text: string): void {
    this.io.out(text.endsWith('\n') ? text : `${text}\n`);
  }

  printJson(value: unknown): void {
    this.io.out(`${JSON.stringify(value, null, 2)}\n`);
  }
}
