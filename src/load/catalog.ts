/** Loads a set of runbook files into the typed model, collecting every problem rather than stopping at the first. */
import { basename, extname } from 'node:path';
import type { z } from 'zod';
import { Pipeline } from '../model/pipeline.js';
import type { Problem } from '../model/problem.js';
import { Roster } from '../model/roster.js';
import { InputError } from '../util/errors.js';
import { displayPath, listYamlFiles } from './find.js';

export { displayPath };
import { schemaProblems } from './schema-issues.js';
import { readSource, sourceLocator, type Locator, type Source } from './source.js';

export interface Loaded<T> {
  value: T;
  file: string;
  locate: Locator;
}

export interface Catalog {
  pipelines: Loaded<Pipeline>[];
  roster?: Loaded<Roster>;
  problems: Problem[];
}

export const ROSTER_FILE = 'roster.yaml';

export function isRosterFile(path: string): boolean {
  return basename(path).toLowerCase() === ROSTER_FILE;
}

export function loadCatalog(dir: string, cwd: string): Catalog {
  return loadFiles(listYamlFiles(dir), cwd);
}

export function loadFiles(paths: readonly string[], cwd: string): Catalog {
  const catalog: Catalog = { pipelines: [], problems: [] };
  for (const path of paths) {
    const roster = isRosterFile(path);
    const loaded = loadFile(path, displayPath(path, cwd), roster ? Roster : Pipeline, catalog.problems);
    if (!loaded) continue;
    if (roster) catalog.roster = loaded as Loaded<Roster>;
    else catalog.pipelines.push(loaded as Loaded<Pipeline>);
  }
  return catalog;
}

function loadFile<S extends z.ZodType>(path: string, file: string, schema: S, problems: Problem[]): Loaded<z.output<S>> | undefined {
  const read = readSource(path, file);
  problems.push(...read.problems);
  return read.source && validateSource(read.source, schema, problems);
}

/** Checks a parsed source against its schema; problems are appended, the typed value returned when valid. */
export function validateSource<S extends z.ZodType>(
  source: Source,
  schema: S,
  problems: Problem[],
  /** What the file holds, for the messages about an empty or non-mapping file. */
  what: string = kindOf(source.file),
): Loaded<z.output<S>> | undefined {
  const { data, file } = source;
  if (data === null || data === undefined) {
    problems.push({ file, line: 1, column: 1, severity: 'error', rule: 'file-empty', message: `the file is empty: write ${what}` });
    return undefined;
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ file, line: 1, column: 1, severity: 'error', rule: 'file-not-mapping', message: `the file must be a mapping of keys (${what}), not ${Array.isArray(data) ? 'a list' : 'a single value'}` });
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    problems.push(...schemaProblems(source, schema, parsed.error.issues));
    return undefined;
  }
  return { value: parsed.data, file: source.file, locate: sourceLocator(source) };
}

function kindOf(path: string): string {
  return isRosterFile(path) ? 'a roster' : `a pipeline runbook (id: ${basename(path, extname(path))}, name, owners, issues, sla, oncall)`;
}

/** Commands other than lint refuse to run on invalid files: exit 2 with every problem, one per line. */
export function requireValid(catalog: Catalog): Catalog {
  const errors = catalog.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) throw new InputError(errors);
  return catalog;
}
