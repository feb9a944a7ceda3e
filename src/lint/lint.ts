/** Lints runbook files: every problem in every file in one run, from the one validator every command uses. */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isRosterFile } from '../load/catalog.js';
import { checkFilesInParallel } from '../load/check-files.js';
import { displayPath, listYamlFiles } from '../load/find.js';
import type { Problem } from '../model/problem.js';
import type { HolidayCatalog } from '../rotation/holidays.js';
import { UsageError } from '../util/errors.js';
import type { CoverageInput } from './coverage.js';
import { validate } from './validate.js';

export interface LintReport {
  files: number;
  errors: number;
  warnings: number;
  problems: Problem[];
}

export interface LintOptions {
  holidays?: HolidayCatalog;
  coverage?: CoverageInput;
  /** The built worker script: with it, large runs parse on every core. */
  worker?: URL;
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
    if (stats.isDirectory()) for (const file of listYamlFiles(path)) files.add(file);
    else if (stats.isFile()) files.add(path);
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

export async function lintFiles(files: readonly string[], cwd: string, options: LintOptions = {}): Promise<LintReport> {
  // A file is checked against the other files of its folder, even when only it was named (as pre-commit does).
  const named = new Set(files);
  const toCheck = [...files];
  for (const folder of new Set(files.map((file) => dirname(file)))) {
    for (const file of listYamlFiles(folder)) if (!named.has(file)) toCheck.push(file);
  }
  const contextOnly = new Set(toCheck.filter((file) => !named.has(file)).map((file) => displayPath(file, cwd)));
  const results = await checkFilesInParallel(toCheck, cwd, options.worker);
  const { problems } = validate(results, { holidays: options.holidays, coverage: options.coverage, contextOnly });
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  return { files: files.length, errors, warnings: problems.length - errors, problems };
}

export { isRosterFile };
