/**
 * A runbooks folder as the one validator leaves it for the commands: the usable runbooks, the state files entry
 * by entry, and what is broken, each with its errors. The same value is kept in the look-up cache.
 */
import type { FileKind } from './files.js';
import type { LockedMeeting, LockedShift } from './lock.js';
import type { Override } from './overrides.js';
import type { Pipeline } from './pipeline.js';
import type { Problem } from './problem.js';
import type { Roster } from './roster.js';

export interface Entry<T> {
  value: T;
  /** The file it came from, as named in messages. */
  file: string;
}

/** An entry of a state file with its place there (from 0): overrides are numbered by it. */
export type Numbered<T> = T & { index: number };

/** The lock's usable entries. */
export interface LoadedLock {
  shifts: Numbered<LockedShift>[];
  meetings: Numbered<LockedMeeting>[];
}

/** An entry of a state file left out for its errors: the commands say so, lint lists why. */
export interface LeftOut {
  /** `override 3`, `published shift 12`, `published meeting 2` (numbered from 1). */
  what: string;
  line: number;
  /** The first of its errors. */
  problem: Problem;
}

/** A state file read entry by entry: the entries that apply, and those left out. */
export type StateFile<T> = Entry<T> & { leftOut: LeftOut[] };

/** What a roster's errors spoil: the answers that need them are unknown, the others stand. */
export interface RosterFaults {
  /** The rotation settings: no rotation anywhere. */
  rotation?: Problem;
  /** Teams whose rotation cannot be planned: broken themselves, or sharing people with one that is. */
  teams: { team: string; problem: Problem; /** The broken team it shares people with. */ via?: string }[];
}

export interface BrokenFile {
  file: string;
  kind: FileKind;
  errors: Problem[];
}

export interface Catalog {
  pipelines: Entry<Pipeline>[];
  /** The roster with no error outside its teams and people; broken ones left out (see faults). */
  roster?: Entry<Roster> & { faults?: RosterFaults };
  overrides?: StateFile<Numbered<Override>[]>;
  lock?: StateFile<LoadedLock>;
  /** Files with errors, in order, each with its first errors. A state file here is broken as a whole. */
  broken: BrokenFile[];
}
