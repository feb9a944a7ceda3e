/**
 * What every command gets from the CLI entry: where to write and how to style it, what time it is, and the
 * runbooks folder (loaded, validated and cached by load/runbooks.ts).
 */
import type { Lookahead } from '../load/cache.js';
import type { HolidayStore } from '../load/holidays.js';
import { findRunbooksDir } from '../read/find.js';
import { Runbooks, type Catalog, type Entry } from '../load/runbooks.js';
import type { Pipeline } from '../model/pipeline.js';
import type { Style } from '../render/style.js';
import type { WorkCalendar } from '../time/calendar.js';
import type { ZoneLike } from '../time/local.js';
import { parseAt } from '../time/at.js';
import { withFolderLock } from '../util/folder-lock.js';
import { onCallTrouble } from '../lookup/trouble.js';
import { sanitizeLine, terminalSafeJson } from '../util/sanitize.js';

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

export class Context {
  private loaded?: Runbooks;
  /** Lines already said on stderr: each is said once. */
  private readonly noted = new Set<string>();
  /** Set by an answer that said itself why on-call is unknown, so finish() does not say it again. */
  onCallTold = false;

  constructor(
    readonly io: Io,
    readonly options: GlobalOptions,
    readonly style: Style,
    readonly now: Date,
  ) {}

  /** Whether the runbooks came from the look-up cache. */
  get answeredFromCache(): boolean {
    return this.loaded?.answeredFromCache === true;
  }

  get json(): boolean {
    return this.options.json === true;
  }

  /** Columns to lay prose out in: the terminal's width up to 100 (longer lines read badly), else 80. */
  get width(): number {
    return Math.max(60, Math.min(this.io.columns ?? 80, 100));
  }

  /**
   * Columns a table may use: the whole terminal; unlimited when the output is not a terminal, so each row stays
   * on one line for grep, cut and awk (as `git` and `gh` do).
   */
  get tableWidth(): number {
    return this.io.isTTY ? Math.max(40, this.io.columns ?? 80) : Infinity;
  }

  runbooksDir(): string {
    return findRunbooksDir({ dir: this.options.dir, env: this.io.env.RUNBOOK_DIR, cwd: this.io.cwd });
  }

  /** The runbooks folder, found and opened on first use. */
  private runbooks(): Runbooks {
    return (this.loaded ??= new Runbooks(this.runbooksDir(), {
      cwd: this.io.cwd,
      env: this.io.env,
      cache: this.options.cache !== false,
      now: this.now,
      note: (line) => this.note(line),
    }));
  }

  /**
   * Runs a command's read-check-write holding the runbooks folder's lock (`dir`, the folder written, when it is
   * not the runbooks folder found): everything the command reads is read under it, so a writer that waited
   * reads what the one before it wrote.
   */
  async writing<T>(command: string, work: () => Promise<T> | T, dir?: string): Promise<T> {
    if (this.loaded) throw new Error(`${command}: the runbooks were read before the folder was locked`);
    return withFolderLock(dir ?? this.runbooksDir(), command, this.now, work);
  }

  /** The usable runbooks (see Runbooks.catalog). */
  catalog(): Promise<Catalog> {
    return this.runbooks().catalog();
  }

  /** The pipeline a query names (see Runbooks.pipeline). */
  pipeline(query: string): Promise<Entry<Pipeline>> {
    return this.runbooks().pipeline(query);
  }

  knownLookahead(week: number): Lookahead['gaps'] | undefined {
    return this.runbooks().knownLookahead(week);
  }

  rememberLookahead(value: Lookahead): void {
    this.runbooks().rememberLookahead(value);
  }

  holidays(): HolidayStore {
    return this.runbooks().holidays();
  }

  calendar(): Promise<WorkCalendar> {
    return this.runbooks().calendar();
  }

  /** The time a command answers for: `--at`, else now. */
  at(option: string | undefined, zone: ZoneLike): Date {
    return parseAt(option, this.now, zone);
  }

  /** The same in the roster's zone, the runbooks read only when `--at` is given. */
  async asOf(option: string | undefined): Promise<Date> {
    return option === undefined ? this.now : this.at(option, await this.calendar());
  }

  /** One line on stderr, `runbook: ` first, said once however often it is asked for. */
  note(line: string): void {
    const text = `runbook: ${sanitizeLine(line)}\n`;
    if (this.noted.has(text)) return;
    this.noted.add(text);
    this.io.err(text);
  }

  /**
   * After a command answered: one line on stderr naming the pipeline files its answer left out, and one saying
   * why on-call is unknown when a state file or the roster's teams are broken (unless the answer said so).
   */
  finish(): void {
    const view = this.loaded?.loadedCatalog;
    if (!view) return;
    const files = view.broken.filter((entry) => entry.kind === 'pipeline').map((entry) => entry.file);
    if (files.length) {
      const shown =
        files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
      this.note(
        `left out ${shown}: ${files.length === 1 ? 'it has' : 'they have'} errors (\`runbook lint\` lists them)`,
      );
    }
    if (this.onCallTold) return;
    const trouble = onCallTrouble(view);
    if (trouble.all) this.note(`on-call unknown: ${trouble.all.reason}; \`runbook lint\` lists the errors`);
    else if (trouble.teams.size)
      this.note(
        `on-call unknown for ${[...trouble.teams.keys()].join(', ')}: ${[...new Set(trouble.teams.values())][0]}`,
      );
  }

  /** After a command answered: keep what was loaded and looked up for the next run. */
  persist(): void {
    this.loaded?.persist();
  }

  print(text: string): void {
    this.io.out(text.endsWith('\n') ? text : `${text}\n`);
  }

  printJson(value: unknown): void {
    this.io.out(`${terminalSafeJson(value)}\n`);
  }
}
