/** Where runbooks live: `--dir`, then RUNBOOK_DIR, then the nearest `runbooks/` walking up (README, "Where the runbooks are"). */
import { readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError } from '../util/errors.js';

export interface FindOptions {
  dir?: string;
  env?: string;
  cwd: string;
}

export function findRunbooksDir({ dir, env, cwd }: FindOptions): string {
  const given = dir ?? (env ? env : undefined);
  if (given !== undefined) {
    const path = resolve(cwd, given);
    if (!isDirectory(path)) {
      const origin = dir !== undefined ? '--dir' : 'RUNBOOK_DIR';
      throw new UsageError(
        `${origin} ${given}: no such folder; point it at the folder holding your runbook YAML files`,
      );
    }
    return path;
  }
  for (let here = resolve(cwd); ; here = dirname(here)) {
    const candidate = join(here, 'runbooks');
    if (isDirectory(candidate)) return candidate;
    if (dirname(here) === here) break;
  }
  throw new UsageError(
    'no runbooks folder found here or above; run inside a project with a runbooks/ folder, or pass --dir <path> or set RUNBOOK_DIR',
  );
}

/**
 * The YAML files of a runbooks folder, sorted by name: every entry named *.yaml or *.yml (but hidden ones, such
 * as an editor's or pre-commit's), so a symbolic link is followed and a folder, FIFO or device of that name is
 * reported by name (the reader refuses to open it).
 */
export function listYamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => /\.ya?ml$/i.test(entry.name) && !entry.name.startsWith('.'))
    .map((entry) => join(dir, entry.name))
    .sort();
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** How a file is named in messages: relative to the working folder when below it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * The files named by `paths` (files, or folders of YAML files). A path that does not exist, or is a FIFO or a
 * device, is a usage error; so is finding no files at all, which would otherwise pass with nothing checked.
 */
export function expandPaths(paths: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const given of paths) {
    const path = resolve(cwd, given);
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        `cannot lint ${given}: ${code === 'ELOOP' ? 'a symbolic link loop' : 'no such file or folder'}`,
      );
    }
    if (stats.isDirectory()) {
      // A project root (no runbook files of its own, a runbooks/ folder below): its runbooks.
      const own = listYamlFiles(path);
      const below = join(path, 'runbooks');
      for (const file of own.length === 0 && safeIsDirectory(below) ? listYamlFiles(below) : own) files.add(file);
    } else if (stats.isFile()) files.add(path);
    else
      throw new UsageError(
        `cannot lint ${given}: it is ${stats.isFIFO() ? 'a named pipe (FIFO)' : 'a device or socket'}, not a file; name a runbook file or folder`,
      );
  }
  if (files.size === 0) {
    const folder = paths.find((given) => statSync(resolve(cwd, given)).isDirectory());
    const hint =
      folder !== undefined && safeIsDirectory(resolve(cwd, folder, 'runbooks'))
        ? `; did you mean ${displayPath(resolve(cwd, folder, 'runbooks'), cwd)}?`
        : '';
    throw new UsageError(`no runbook files (*.yaml, *.yml) in ${paths.join(', ')}: nothing to lint${hint}`);
  }
  return [...files];
}

function safeIsDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
