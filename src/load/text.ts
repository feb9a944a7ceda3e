/** Reads a text file that is not a runbook (a Markdown document to import). */
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../util/errors.js';
import { MAX_FILE_BYTES } from './source-limits.js';

/** Reads a text file for commands that take one (not YAML): unreadable, too large or binary is an input error. */
export function readText(path: string, file: string): string {
  let bytes: Buffer;
  try {
    if (statSync(path).size > MAX_FILE_BYTES)
      throw new InputError([
        {
          file,
          line: 1,
          column: 1,
          severity: 'error',
          rule: 'file-too-large',
          message: 'the file is larger than 1 MiB',
        },
      ]);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError([
      {
        file,
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'file-unreadable',
        message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      },
    ]);
  }
  if (bytes.includes(0))
    throw new InputError([
      {
        file,
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'file-binary',
        message: 'the file holds NUL bytes: it is binary, not text',
      },
    ]);
  const text = bytes.toString('utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
