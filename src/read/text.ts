/** Reads a text file that is not a runbook (a Markdown document to import), with the checks every input gets. */
import { InputError } from '../model/errors.js';
import { readTextFile } from './source.js';

/** Reads a text file for commands that take one (not YAML): not a file, too large, binary or not UTF-8 is an input error. */
export function readText(path: string, file: string): string {
  const read = readTextFile(path, file);
  if ('problems' in read) throw new InputError(read.problems);
  return read.text;
}
