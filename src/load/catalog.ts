/** Loads a set of runbook files into the typed model, collecting every problem rather than stopping at the first. */
import { basename, extname } from 'node:path';
import type { z } from 'zod';
import type { Problem } from '../model/problem.js';
import { displayPath } from './find.js';

export { displayPath };
import { schemaProblems } from './schema-issues.js';
import type { Locator, Source } from './source.js';

export interface Loaded<T> {
  value: T;
  file: string;
  locate: Locator;
}

export const ROSTER_FILE = 'roster.yaml';

export function isRosterFile(path: string): boolean {
  return basename(path).toLowerCase() === ROSTER_FILE;
}

/** Checks a parsed source against its schema; problems are appended, the typed value returned when valid. */
export function validateSource<S extends z.ZodType>(
  source: Source,
  schema: S,
  problems: Problem[],
  /** What the file holds, for the messages about an empty or non-mapping file. */
  what: string = kindOf(source.file),
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
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push({
      file,
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'file-not-mapping',
      message: `the file must be a mapping of keys (${what}), not ${Array.isArray(data) ? 'a list' : 'a single value'}`,
    });
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    problems.push(...schemaProblems(source, schema, parsed.error.issues));
    return undefined;
  }
  return { value: parsed.data };
}

function kindOf(path: string): string {
  return isRosterFile(path)
    ? 'a roster'
    : `a pipeline runbook (id: ${basename(path, extname(path))}, name, owners, issues, sla, oncall)`;
}
