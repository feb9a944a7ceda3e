/**
 * New overrides held to the hard rules before they are written (`override add`, `swap`): the same plan and
 * overlay every command reads, with the new entries after the file's.
 */
import type { Override } from '../model/overrides.js';
import type { Numbered } from '../model/catalog.js';
import { buildSchedule, isOnCall, type OnCallShift, type RotationInput, type Schedule } from './schedule.js';
import { handoverOf, weekIndexAt, weekIndexOfDay, type Handover } from './weeks.js';
import type { ZoneLike } from '../time/local.js';
import type { LockedShift } from '../model/lock.js';
import { overrideInstant } from './overlay.js';

/**
 * How many weeks from the epoch a plan must reach to hold every locked week and every override's last week
 * (0 without either).
 */
export function weeksToCover(
  handover: Handover,
  zone: ZoneLike,
  lock: readonly LockedShift[] = [],
  overrides: readonly Override[] = [],
): number {
  const locked = lock.map((shift) => weekIndexOfDay(handover, shift.week)).filter(Number.isInteger);
  const ends = overrides.map((entry) => weekIndexAt(handover, overrideInstant(entry.to, zone)));
  return Math.max(-1, ...locked, ...ends) + 1;
}

/** The schedule through every override's last week and every locked week (and `atLeast` weeks). */
export function scheduleWithOverrides(
  input: RotationInput,
  overrides: readonly Numbered<Override>[],
  atLeast = 0,
): Schedule {
  const handover = handoverOf(input.roster, input.calendar.offsets);
  const weeks = weeksToCover(handover, input.calendar, input.lock, overrides);
  return buildSchedule({ ...input, overrides }, Math.max(atLeast + 1, weeks, 1));
}

/** Why the added overrides cannot be written (a hard rule, or nothing to cover), or undefined. */
export function refusal(input: RotationInput, added: readonly Override[]): string | undefined {
  const existing = input.overrides ?? [];
  // The new entries go at the end of the file: numbered after every entry there.
  const next = Math.max(-1, ...existing.map((entry) => entry.index)) + 1;
  const numbered = added.map((entry, offset) => ({ ...entry, index: next + offset }));
  const schedule = scheduleWithOverrides(input, [...existing, ...numbered]);
  for (const [offset, entry] of added.entries()) {
    const index = next + offset;
    const broken = schedule.rejected.find((rejection) => rejection.override === index);
    if (broken) {
      const week = schedule.weeks[broken.week]!.days[0];
      return `${entry.person} cannot cover ${entry.pipeline} ${entry.role} in the week of ${week}: ${broken.message}`;
    }
    if (!schedule.covering.has(index))
      return `there is no ${entry.role} shift of ${entry.pipeline} between ${entry.from} and ${entry.to} to cover`;
  }
  return undefined;
}

/** The shift a person holds in a week (of one pipeline, if named), as the final schedule has it. */
export function shiftOf(schedule: Schedule, person: string, week: number, pipeline?: string): OnCallShift | undefined {
  return schedule.shifts
    .filter(isOnCall)
    .find(
      (shift) =>
        shift.week === week && shift.person === person && (pipeline === undefined || shift.pipeline === pipeline),
    );
}

/**
 * The overrides that have ended by `now`, by their place in the file: those the published history holds (every
 * week they touch has ended and the lock records their person there, so removing them changes nothing), and
 * those it does not (added after the last publish).
 */
export function endedOverrides(input: RotationInput, now: Date): { prunable: number[]; unrecorded: number[] } {
  const overrides = input.overrides ?? [];
  const ended = overrides.filter((entry) => overrideInstant(entry.to, input.calendar).getTime() <= now.getTime());
  if (ended.length === 0) return { prunable: [], unrecorded: [] };
  const gone = new Set(ended.map((entry) => entry.index));
  const schedule = scheduleWithOverrides(
    { ...input, now },
    overrides.filter((entry) => !gone.has(entry.index)),
  );
  const prunable: number[] = [];
  const unrecorded: number[] = [];
  for (const entry of ended) {
    const start = overrideInstant(entry.from, input.calendar).getTime();
    const end = overrideInstant(entry.to, input.calendar).getTime();
    const lastWeek = weekIndexAt(schedule.handover, new Date(end - 1));
    const parts = schedule.shifts.filter(
      (shift) =>
        shift.pipeline === entry.pipeline &&
        shift.role === entry.role &&
        shift.start.getTime() < end &&
        shift.end.getTime() > start,
    );
    const historyHolds =
      (schedule.weeks[lastWeek]?.end.getTime() ?? Infinity) <= now.getTime() &&
      parts.length > 0 &&
      parts.every((shift) => shift.person === entry.person);
    (historyHolds ? prunable : unrecorded).push(entry.index);
  }
  return { prunable, unrecorded };
}
