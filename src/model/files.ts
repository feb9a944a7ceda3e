/** The state files a runbooks folder holds besides its pipelines (docs/state-files.md); no zod here. */
export const ROSTER_FILE = 'roster.yaml';
export const OVERRIDES_FILE = 'overrides.yaml';
export const LOCK_FILE = 'rotation.lock.yaml';

/** Every state file: no pipeline may be named like one of them, now or when one is added. */
export const STATE_FILES = [ROSTER_FILE, OVERRIDES_FILE, LOCK_FILE] as const;

/** Pipeline ids that would name a state file (`roster`, `overrides`, `rotation.lock`). */
export const RESERVED_IDS: readonly string[] = STATE_FILES.map((name) => name.replace(/\.yaml$/, ''));

/** What a file of a runbooks folder holds: the roster, overrides, the lock, else a pipeline. */
export type FileKind = 'pipeline' | 'roster' | 'overrides' | 'lock';
