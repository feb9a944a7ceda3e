/**
 * New overrides held to the hard rules before they are written (`override add`, `swap`): the same plan and
 * overlay every command reads, with the new entries after the file's.
 */
import type { Override } from '../model/overrides.js';
import { buildSchedule, type RotationInput, type Schedule, type Shift } from './schedule.js';
import { handoverOf, weekIndexAt, weekIndexOfDay } from './weeks.js';
import { instantAt } from '../sla/local.js';

/** The instant an override time names: a date is local midnight in the roster's zone. */
export function overrideInstant(text: string, input: RotationInput): Date {
  return text.length === 10 ? instantAt(text, 0, 0, input.calendar) : new Date(text);
}

/** The schedule through every override's last week and every locked week. */
export function scheduleWithOverrides(input: RotationInput, overrides: readonly Override[], atLeast = 0): Schedule {
  const handover = handoverOf(input.roster, input.calendar.offsets);
  const ends = overrides.map((entry) => weekIndexAt(handover, overrideInstant(entry.to, input)));
  const locked = (input.lock ?? []).map((shift) => weekIndexOfDay(handover, shift.week)).filter(Number.isInteger);
  return buildSchedule({ ...input, overrides }, Math.max(atLeast, 0, ...ends, ...locked) + 1);
}

/** Why the added overrides cannot be written (a hard rule, or nothing to cover), or undefined. */
export function refusal(input: RotationInput, added: readonly Override[]): string | undefined {
  const existing = input.overrides ?? [];
  const schedule = scheduleWithOverrides(input, [...existing, ...added]);
  for (const [offset, entry] of added.entries()) {
    const index = existing.length + offset;
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
export function shiftOf(schedule: Schedule, person: string, week: number, pipeline?: string): Shift | undefined {
  return schedule.shifts.find(
    (shift) =>
      shift.week === week && shift.person === person && (pipeline === undefined || shift.pipeline === pipeline),
  );
}
