/** Lints runbook files: every problem in every file in one run, from the one validator every command uses. */
import { dirname } from 'node:path';
import { checkFilesInParallel } from '../read/check-files.js';
import { displayPath, listYamlFiles } from '../read/find.js';

export { expandPaths } from '../read/find.js';
import type { Problem } from '../model/problem.js';
import type { HolidayCatalog } from '../model/holidays.js';
import type { CoverageInput } from '../validate/coverage.js';
import { validate } from '../validate/validate.js';

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
