/** What the cross-file rules see: the valid files of one runbooks folder, with positions. */
import type { RuleId } from '../model/rule-ids.js';
import { basename, extname } from 'node:path';
import type { Loaded } from '../read/catalog.js';
import type { PathSegment } from '../read/source.js';
import type { Pipeline } from '../model/pipeline.js';
import type { Problem, Scope, Severity } from '../model/problem.js';
import type { Roster } from '../model/roster.js';
import type { HolidayCatalog } from '../model/holidays.js';

export interface RuleContext {
  pipelines: readonly Loaded<Pipeline>[];
  roster?: Loaded<Roster>;
  holidays?: HolidayCatalog;
  /** Today in the roster's zone: the rules about dates (review due, people who left) run only with it. */
  today?: string;
}

export type Rule = (context: RuleContext) => Problem[];

/** A problem at a node of a loaded file. */
export function problemAt(
  loaded: Loaded<unknown>,
  path: readonly PathSegment[],
  rule: RuleId,
  message: string,
  options: { key?: boolean; severity?: Severity; scope?: Scope | undefined } = {},
): Problem {
  return {
    file: loaded.file,
    ...loaded.locate.at(path, options.key ?? false),
    severity: options.severity ?? 'error',
    rule,
    message,
    ...(options.scope ? { scope: options.scope } : {}),
  };
}

/** The file name without its extension: what a pipeline's id must equal. */
export function fileId(loaded: Loaded<unknown>): string {
  return basename(loaded.file, extname(loaded.file));
}

/**
 * Paths to each team named under `path` in the raw file: `[...path, i]` for a list,
 * `path` itself for a single team written as a string.
 */
export function teamPaths(
  loaded: Loaded<unknown>,
  path: readonly PathSegment[],
  teams: readonly string[],
): [string, () => PathSegment[]][] {
  // Asked only for a team that needs a problem: where a file's nodes are is looked up only then.
  return teams.map((team, index) => [team, () => (loaded.locate.has([...path, 0]) ? [...path, index] : [...path])]);
}
