/** What a file of a runbooks folder holds, by its name (no schema needed to tell). */
import { basename } from 'node:path';

export const ROSTER_FILE = 'roster.yaml';
export const OVERRIDES_FILE = 'overrides.yaml';
export const LOCK_FILE = 'rotation.lock.yaml';

/** The roster, overrides, the lock, else a pipeline. */
export type FileKind = 'pipeline' | 'roster' | 'overrides' | 'lock';

export function fileKind(path: string): FileKind {
  const name = basename(path).toLowerCase();
  return name === ROSTER_FILE
    ? 'roster'
    : name === OVERRIDES_FILE
      ? 'overrides'
      : name === LOCK_FILE
        ? 'lock'
        : 'pipeline';
}
