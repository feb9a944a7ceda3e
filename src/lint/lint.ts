/** Lints runbook files: every problem in every file in one run, shape first, then the cross-file rules. */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { displayPath, isRosterFile, loadFiles, ROSTER_FILE } from '../load/catalog.js';
import { listYamlFiles } from '../load/find.js';
import { byPosition, type Problem } from '../model/problem.js';
import type { HolidayCatalog } from '../rotation/holidays.js';
import { UsageError } from '../util/errors.js';
import { crossFileProblems } from './rules.js';

export interface LintReport {
  files: number;
  errors: number;
  warnings: number;
  problems: Problem[];
}

/** The files named by `paths` (files, or folders of YAML files); an unreadable path is a usage error. */
export function expandPaths(paths: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const given of paths) {
    const path = resolve(cwd, given);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`cannot lint ${given}: no such file or folder`);
    }
    if (isDirectory) for (const file of listYamlFiles(path)) files.add(file);
    else files.add(path);
  }
  return [...files];
}

export function lintFiles(files: readonly string[], cwd: string, holidays?: HolidayCatalog): LintReport {
  const problems: Problem[] = [];
  const byFolder = new Map<string, string[]>();
  for (const file of files) byFolder.set(dirname(file), [...(byFolder.get(dirname(file)) ?? []), file]);
  for (const [folder, group] of byFolder) {
    // A pipeline is checked against the roster beside it, even when only the pipeline was named.
    const roster = join(folder, ROSTER_FILE);
    const withRoster = group.some(isRosterFile) || !existsSync(roster) ? group : [...group, roster];
    const catalog = loadFiles(withRoster, cwd);
    const contextOnly = withRoster === group ? undefined : displayPath(roster, cwd);
    const found = [...catalog.problems, ...crossFileProblems({ pipelines: catalog.pipelines, roster: catalog.roster, holidays })];
    problems.push(...found.filter((problem) => problem.file !== contextOnly));
  }
  problems.sort(byPosition);
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  return { files: files.length, errors, warnings: problems.length - errors, problems };
}
