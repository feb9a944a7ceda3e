/**
 * Writes a file atomically: a temporary file beside it, then a rename, so a failure never leaves half a file.
 * The temporary name is random and created exclusively (O_EXCL, which also refuses a symbolic link planted at
 * that name), so another user cannot predict it or make the write land elsewhere. The rename replaces a
 * symbolic link at the target itself, never the file it points to. An existing file keeps its mode; a file
 * that must not exist yet (`create`) is linked into place, which fails rather than replace one that appeared
 * meanwhile. A character device or a named pipe is written to in place. Every failure is a UsageError naming
 * the path and the reason in words.
 */
import {
  closeSync,
  constants,
  fchmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './errors.js';

/** Temporary files this process has open, removed if it is stopped by a signal (see folder-lock.ts). */
export const pendingTemporaries = new Set<string>();

/** The name of a temporary file beside `path`: `.<name>.<16 hex>.tmp`. */
export const TEMPORARY = /^\..+\.[0-9a-f]{16}\.tmp$/;

export function writeAtomically(
  path: string,
  content: string,
  /** `create`: the file must not exist yet; `mode`: a new file's mode (an existing file keeps its own). */
  options: { create?: boolean; mode?: number } = {},
): void {
  // A device or a named pipe (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is written to, never replaced: a rename
  // over it would put a regular file where the device was.
  if (!options.create && writeToSpecial(path, content)) return;
  // Web Crypto's global loads only when a file is written, not at every start.
  const random = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(8))).toString('hex');
  const temporary = join(dirname(path), `.${basename(path)}.${random}.tmp`);
  let created = false;
  try {
    const mode = (options.create ? undefined : modeOf(path)) ?? options.mode;
    const fd = openSync(
      temporary,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0),
      0o644,
    );
    created = true;
    pendingTemporaries.add(temporary);
    try {
      // The file it replaces keeps its mode (a 600 file stays 600); a new one takes the umask's.
      if (mode !== undefined) fchmodSync(fd, mode);
      writeAll(fd, content);
    } finally {
      closeSync(fd);
    }
    if (options.create) {
      linkSync(temporary, path);
      rmSync(temporary, { force: true });
    } else renameSync(temporary, path);
    pendingTemporaries.delete(temporary);
  } catch (error) {
    if (created) rmSync(temporary, { force: true });
    pendingTemporaries.delete(temporary);
    throw writeError(path, error);
  }
}

function writeAll(fd: number, content: string): void {
  const bytes = Buffer.from(content);
  for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
}

/** Writes `content` to `path` when it is a character device or a named pipe (links followed); false otherwise. */
function writeToSpecial(path: string, content: string): boolean {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return false;
  }
  if (stats.isFile() || stats.isDirectory()) return false;
  if (!stats.isCharacterDevice() && !stats.isFIFO())
    throw new UsageError(`cannot write ${path}: it is neither a file nor a character device or pipe`);
  try {
    const fd = openSync(path, constants.O_WRONLY);
    try {
      writeAll(fd, content);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw writeError(path, error);
  }
  return true;
}

/**
 * Makes a folder and those above it, or says in words why it cannot. One level at a time (Node's recursive
 * mkdir loops for ever where a file system refuses with ENOENT, as /proc does).
 */
export function makeFolder(path: string): void {
  const missing: string[] = [];
  for (let at = path; ; at = dirname(at)) {
    let stats;
    try {
      stats = statSync(at);
    } catch {
      stats = undefined;
    }
    if (stats) {
      if (!stats.isDirectory())
        throw new UsageError(
          `cannot create the folder ${path}: ${at === path ? 'a file is in its place' : `${at} is a file, not a folder`}`,
        );
      break;
    }
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError(folder, error, 'create the folder');
    }
  }
}

/**
 * Refuses to write `path` when a folder between `root` (the output folder the user named) and it is a symbolic
 * link: a write never follows a link out of the folder it was given.
 */
export function refuseLinkedFolders(root: string, path: string): void {
  for (let at = dirname(path); at.length > root.length && at.startsWith(root); at = dirname(at)) {
    let linked = false;
    try {
      linked = lstatSync(at).isSymbolicLink();
    } catch {
      linked = false;
    }
    if (linked)
      throw new UsageError(`cannot write ${path}: ${at} is a symbolic link, and runbook never writes through one`);
  }
}

/** The mode of an existing regular file, or undefined when there is none. */
function modeOf(path: string): number | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats.mode & 0o7777 : undefined;
  } catch {
    return undefined;
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'the folder it goes in does not exist',
  EEXIST: 'it already exists',
  ELOOP: 'a symbolic link loop',
  ENAMETOOLONG: 'the name is too long',
  EBUSY: 'it is busy',
  EFBIG: 'the file is too large',
  EIO: 'an input/output error',
};

/** A failed write as the user reads it: the path, and the reason in words (exit 2). */
export function writeError(path: string, error: unknown, verb = 'write'): UsageError {
  if (error instanceof UsageError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  // A target that is a folder fails the rename with EISDIR, or with EEXIST / ENOTEMPTY on some systems.
  const folder = code === 'ENOTEMPTY' || (code === 'EEXIST' && isFolder(path));
  const reason = folder ? 'it is a folder' : ((code && REASONS[code]) ?? code ?? String(error));
  return new UsageError(`cannot ${verb} ${path}: ${reason}`);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
