/** What a file of a runbooks folder holds, by its name (no schema needed to tell). */
import { basename } from 'node:path';

import { LOCK_FILE, OVERRIDES_FILE, ROSTER_FILE, STATE_FILES, type FileKind } from '../model/files.js';

export { LOCK_FILE, OVERRIDES_FILE, RESERVED_IDS, ROSTER_FILE, STATE_FILES, type FileKind } from '../model/files.js';

/** The roster, overrides, the lock, else a pipeline. Names match exactly: `Overrides.yaml` is no state file. */
export function fileKind(path: string): FileKind {
  const name = basename(path);
  return name === ROSTER_FILE
    ? 'roster'
    : name === OVERRIDES_FILE
      ? 'overrides'
      : name === LOCK_FILE
        ? 'lock'
        : 'pipeline';
}

/**
 * Why a file named like a state file in another case or spelling (`Overrides.yaml`, `roster.yml`) is refused,
 * or undefined: read as a pipeline, its entries would be silently ignored beside the real file.
 */
export function misnamedStateFile(path: string): string | undefined {
  const name = basename(path);
  const meant = STATE_FILES.find((state) => state !== name && name.toLowerCase().replace(/\.yml$/, '.yaml') === state);
  return meant
    ? `${name} is not read: state files are named exactly ${meant} (rename it, or merge it into ${meant})`
    : undefined;
}
