/** Rotation weeks: each from the handover point to the same point a week later, in local time (DST-correct). */
import type { Roster } from '../model/roster.js';
import { lastWorkingDay, type WorkCalendar } from '../time/calendar.js';
import {
  addDays,
  daysBetween,
  instantAt,
  localDateOf,
  monthOf,
  weekdayOf,
  yearOf,
  type LocalDate,
  type Zone,
} from '../time/local.js';
import { handoverPoint } from '../model/points.js';

/**
 * The weeks runbook plans from `rotation.start`: ten years. Every plan starts at the epoch (so the same files
 * always give the same rotation), so its work grows with the weeks since; a question beyond this (an `--at`,
 * a lock or override entry in the year 2150) is refused rather than planned for minutes.
 */
export const PLAN_WEEKS = 520;

/** Weeks ahead of the current one that lint checks can be staffed, and that show and who look at for a warning. */
export const LOOKAHEAD_WEEKS = 12;

export interface Week {
  index: number;
  start: Date;
  end: Date;
  /** The seven local dates from the handover day on. */
  days: LocalDate[];
  /**
   * The last local date the shift touches: the eighth day when the handover is after midnight (the shift runs
   * until then), otherwise the seventh.
   */
  lastDay: LocalDate;
  /** Holds the last working day of a month (for `weeks: last-of-month`). */
  monthEnd: boolean;
}

/** The handover point; a zone too, with the offsets its roster calendar knows. */
export interface Handover extends Zone {
  /** The first handover date: the handover weekday on or after `rotation.start`. */
  epoch: LocalDate;
  hour: number;
  minute: number;
  timeZone: string;
}

export function handoverOf(roster: Roster, offsets?: Zone['offsets']): Handover {
  const rotation = roster.rotation!;
  const { weekday, hour, minute } = handoverPoint(rotation.handover);
  const epoch = addDays(rotation.start, (weekday - weekdayOf(rotation.start) + 7) % 7);
  return { epoch, hour, minute, timeZone: roster.timezone, ...(offsets ? { offsets } : {}) };
}

export function weekStart(handover: Handover, index: number): Date {
  return instantAt(addDays(handover.epoch, index * 7), handover.hour, handover.minute, handover);
}

/** The index of the week holding `at` (negative before the epoch). */
export function weekIndexAt(handover: Handover, at: Date): number {
  const local = localDateOf(at, handover);
  let index = Math.floor(daysBetween(handover.epoch, local) / 7);
  while (weekStart(handover, index).getTime() > at.getTime()) index--;
  while (weekStart(handover, index + 1).getTime() <= at.getTime()) index++;
  return index;
}

export function buildWeek(handover: Handover, calendar: WorkCalendar, index: number): Week {
  const first = addDays(handover.epoch, index * 7);
  const days = Array.from({ length: 7 }, (_, offset) => addDays(first, offset));
  const monthEnd = days.some((day) => day === lastWorkingDay(calendar, yearOf(day), monthOf(day)));
  const lastDay = handover.hour || handover.minute ? addDays(first, 7) : days[6]!;
  return { index, start: weekStart(handover, index), end: weekStart(handover, index + 1), days, lastDay, monthEnd };
}

/** The index of the week holding a local date's handover time (the week a date given on the command line means). */
export function weekOfDay(handover: Handover, day: LocalDate): number {
  return weekIndexAt(handover, instantAt(day, handover.hour, handover.minute, handover));
}

/** Which week a local date starts: a whole number when it is a handover day, a fraction otherwise. */
export function weekIndexOfDay(handover: Handover, day: LocalDate): number {
  return daysBetween(handover.epoch, day) / 7;
}
