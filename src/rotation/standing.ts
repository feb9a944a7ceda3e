/** What the planner's parts share: a person's tallies, a week's standing, the options for a slot. */
import type { Pipeline } from '../model/pipeline.js';
import type { Person, Team } from '../model/roster.js';

/** A shadow stands beside the week's primary: never alone, never on call (README, "Onboarding"). */
export type Role = 'primary' | 'backup' | 'shadow';

/** A shift that is on call (a shadow is not): what overrides cover and swaps exchange. */
export type OnCallShift = Shift & { role: 'primary' | 'backup' };

export const isOnCall = (shift: Shift): shift is OnCallShift => shift.role !== 'shadow';

export interface Shift {
  pipeline: string;
  team: string;
  role: Role;
  person: string;
  week: number;
  /** The shift's whole week: a part of a split shift is less. */
  weekStart: Date;
  weekEnd: Date;
  start: Date;
  end: Date;
  /** Working days of the week that are holidays on this person's calendar. */
  holidayDays: number;
  monthEnd: boolean;
  /** A part an override gave to `person`, covering whoever held it (docs/state-files.md). */
  override?: { index: number; reason: string; covers: string };
}

/** How much of its week a shift (or the part of it an override split off) is. */
export function shareOf(shift: Shift): number {
  return (shift.end.getTime() - shift.start.getTime()) / (shift.weekEnd.getTime() - shift.weekStart.getTime());
}

/** The parts of one pipeline's role in one week, in time order: one unless overrides split the shift. */
export function partsOf(shifts: readonly Shift[], pipeline: string, week: number, role: Role): Shift[] {
  return shifts
    .filter((shift) => shift.week === week && shift.pipeline === pipeline && shift.role === role)
    .sort((x, y) => x.start.getTime() - y.start.getTime());
}

/** A locked shift that the roster as it is now makes the plan change, and why (`rotate --diff`). */
export interface Change {
  week: number;
  pipeline: string;
  role: Role;
  before: string | null;
  after: string | null;
  reason: string;
}

/** A person's standing in one team: fairness is kept per team, across every pipeline that draws on it. */
export interface Tally {
  primary: number;
  backup: number;
  /** Fair shares so far: each slot of a week is owed equally to the members who could have taken it. */
  expectedPrimary: number;
  expectedBackup: number;
  holidayPrimaryWeeks: number;
  holidayBackupWeeks: number;
}

/** One pipeline's week as chosen: a primary, and a backup beside a junior. */
export interface Assignment {
  pipeline: Pipeline;
  team: Team;
  primary: Person;
  backup?: Person;
}

/** What a week's choice is made from: who is free, whose holiday it is, who was on call last week. */
export interface Standing {
  people: ReadonlyMap<string, Person>;
  away: ReadonlyMap<string, string | undefined>;
  holiday: ReadonlyMap<string, number>;
  lastOnCall: ReadonlyMap<string, number>;
  index: number;
  pairing: boolean;
  /** Whether a primary needs a senior backup: a junior when pairing is on, anyone in their first week after shadowing. */
  needsBackup: (team: Team, person: Person) => boolean;
  /** How many slots a team has in a week. */
  slotsIn: (team: Team, index: number) => number;
  /** Whether a later week holds a public holiday on the person's calendar (company days are not foreseen). */
  publicHolidayWeek: (person: Person, index: number) => boolean;
}

export interface Option {
  primary: Person;
  backup?: Person;
}

/** A slot's options: the scored ones best first, then every other pairing for the search to fall back on. */
export interface Options {
  best: Option[];
  rest: () => Iterable<Option>;
}

export function compare(x: readonly number[], y: readonly number[]): number {
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff) return diff;
  }
  return 0;
}
