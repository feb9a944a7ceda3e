/** What every command gets from the CLI entry: where to write, how to style, where the runbooks are, what time it is. */
import { findRunbooksDir } from './load/find.js';
import { loadCatalog, requireValid, type Catalog } from './load/catalog.js';
import type { Style } from './render/style.js';
import { rosterCalendar, type WorkCalendar } from './sla/calendar.js';
import { parseAt } from './util/at.js';

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
}

export class Context {
  private loaded?: Catalog;

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

  /** The runbooks folder, loaded and valid; invalid files stop the command with exit 2. */
  catalog(): Catalog {
    this.loaded ??= requireValid(loadCatalog(this.runbooksDir(), this.io.cwd));
    return this.loaded;
  }

  /** The roster's working calendar, with public holidays when the roster names a country. */
  async calendar(): Promise<WorkCalendar> {
    const roster = this.catalog().roster?.value;
    if (!roster?.holidays?.country) return rosterCalendar(roster);
    const { dateHolidaysLookup } = await import('./rotation/holidays.js');
    return rosterCalendar(roster, dateHolidaysLookup());
  }

  /** The time a command answers for: `--at`, else now. */
  at(option: string | undefined, timeZone: string): Date {
    return parseAt(option, this.now, timeZone);
  }

  print(text: string): void {
    this.io.out(text.endsWith('\n') ? text : `${text}\n`);
  }

  printJson(value: unknown): void {
    this.io.out(`${JSON.stringify(value, null, 2)}\n`);
  }
}
