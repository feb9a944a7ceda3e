/**
 * Whether a cache folder or file may be trusted (SECURITY.md): it must belong to the user
 * running the command and be writable by no one else, so another account on the machine cannot put answers or
 * compiled code in it. Absent paths are fine (the command creates them, 0700).
 */
import { lstatSync } from 'node:fs';

/** Why `path` cannot be trusted, in words, or undefined. */
export function distrust(path: string): string | undefined {
  // Windows keeps access in ACLs, not in these bits.
  if (typeof process.getuid !== 'function') return undefined;
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return undefined;
  }
  if (stats.isSymbolicLink()) return 'it is a symbolic link';
  if (stats.uid !== process.getuid()) return `it belongs to another user (uid ${stats.uid})`;
  if ((stats.mode & 0o022) !== 0) return 'other users can write to it';
  return undefined;
}
