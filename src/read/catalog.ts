/** Loads a set of runbook files into the typed model, collecting every problem rather than stopping at the first. */
import { basename, extname } from 'node:path';
import type { z } from 'zod';
import type { Problem } from '../model/problem.js';
import { displayPath } from './find.js';
import { fileKind } from './file-kinds.js';

export { displayPath };
import { schemaProblems, type ScopeOf } from './schema-issues.js';
import type { Locator, Source } from './source.js';

export interface Loaded<T> {
  value: T;
  file: string;
  locate: Locator;
}

export { fileKind, LOCK_FILE, misnamedStateFile, OVERRIDES_FILE, ROSTER_FILE, type FileKind } from './file-kinds.js';

/** Checks a parsed source against its schema; problems are appended, the typed value returned when valid. */
export function validateSource<S extends z.ZodType>(
  source: Source,
  schema: S,
  problems: Problem[],
  /** What the file holds, for the messages about an empty or non-mapping file. */
  what: string = kindOf(source.file),
  scopeOf?: ScopeOf,
): { value: z.output<S> } | undefined {
  const { data, file } = source;
  if (data === null || data === undefined) {
    problems.push({
      file,
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'file-empty',
      message: `the file is empty: write ${what}`,
    });
    return undefined;
  }
  const list = fileKind(file) === 'overrides';
  if (typeof data !== 'object' || Array.isArray(data) !== list) {
    problems.push({
      file,
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'file-not-mapping',
      message: list
        ? `the file must be a list (${what}), not ${typeof data === 'object' ? 'a mapping' : 'a single value'}`
        : `the file must be a mapping of keys (${what}), not ${Array.isArray(data) ? 'a list' : 'a single value'}`,
    });
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    problems.push(...schemaProblems(source, schema, parsed.error.issues, scopeOf));
    return undefined;
  }
  return { value: parsed.data };
}

function kindOf(path: string): string {
  const kind = fileKind(path);
  return kind === 'roster'
    ? 'a roster'
    : kind === 'overrides'
      ? 'overrides, each with pipeline, role, from, to, person and reason'
      : kind === 'lock'
        ? 'the published shifts, written by runbook rotate --publish'
        : `a pipeline runbook (id: ${basename(path, extname(path))}, name, owners, issues, sla, oncall)`;
}
