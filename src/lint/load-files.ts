/** Parsing and checking the shape of each file: the part of lint that runs on every core. */
import { displayPath, isRosterFile, validateSource } from '../load/catalog.js';
import { positionIndex, readSource, type PositionIndex } from '../load/source.js';
import { Pipeline } from '../model/pipeline.js';
import type { Problem } from '../model/problem.js';
import { Roster } from '../model/roster.js';

export interface FileResult {
  path: string;
  problems: Problem[];
  /** The valid content and where its nodes are; absent when the file has errors of shape. */
  entry?: { value: unknown; file: string; index: PositionIndex };
}

export function loadForLint(paths: readonly string[], cwd: string): FileResult[] {
  return paths.map((path) => {
    const file = displayPath(path, cwd);
    const problems: Problem[] = [];
    const read = readSource(path, file);
    problems.push(...read.problems);
    if (!read.source) return { path, problems };
    const loaded = validateSource(read.source, isRosterFile(path) ? Roster : Pipeline, problems);
    return loaded ? { path, problems, entry: { value: loaded.value, file, index: positionIndex(read.source) } } : { path, problems };
  });
}
