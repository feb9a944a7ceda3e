/**
 * Writes a file atomically: a temporary file beside it, then a rename, so a failure never leaves half a file.
 * The temporary name is random and created exclusively (O_EXCL, which also refuses a symbolic link planted at
 * that name), so another user cannot predict it or make the write land elsewhere. The rename replaces a
 * symbolic link at the target itself, never the file it points to.
 */
import { closeSync, constants, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './errors.js';

export function writeAtomically(path: string, content: string): void {
  // Web Crypto's global loads only when a file is written, not at every start.
  const random = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(8))).toString('hex');
  const temporary = join(dirname(path), `.${basename(path)}.${random}.tmp`);
  let created = false;
  try {
    const fd = openSync(
      temporary,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0),
      0o644,
    );
    created = true;
    try {
      const bytes = Buffer.from(content);
      for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    if (created) rmSync(temporary, { force: true });
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
