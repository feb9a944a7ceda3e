/** The working calendar of a roster: time zone, working days and hours, public holidays and company days. */
import type { Roster } from '../model/roster.js';
import { hoursOf } from '../model/points.js';
import {
  addDays,
  daysInMonth,
  instantAt,
  localDate,
  localDateOf,
  weekdayOf,
  yearOf,
  type LocalDate,
  type Zone,
} from './local.js';

/** A working calendar is a zone too: deadlines are read in it, with the offsets it knows. */
export interface WorkCalendar extends Zone {
  timeZone: string;
  /** Working weekdays, 0 (Sunday) to 6 (Saturday). */
  workdays: ReadonlySet<number>;
  start: { hour: number; minute: number };
  end: { hour: number; minute: number };
  isHoliday(date: LocalDate): boolean;
}

const DAY_INDEX: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** Public holidays of a calendar in a year, as local dates (worked out once, by whoever provides the look-up). */
export type HolidayLookup = (country: string, region: string | undefined, year: number) => ReadonlySet<LocalDate>;

/** Without a roster: UTC, Monday to Friday, 09:00–17:00, no holidays (docs/sla.md). */
export const DEFAULT_CALENDAR: WorkCalendar = {
  timeZone: 'UTC',
  workdays: new Set([1, 2, 3, 4, 5]),
  start: { hour: 9, minute: 0 },
  end: { hour: 17, minute: 0 },
  isHoliday: () => false,
  offsets: () => 0,
};

/** The roster's calendar; `offsets`, when given, are the roster zone's known offsets (from the look-up cache). */
export function rosterCalendar(
  roster: Roster | undefined,
  holidays?: HolidayLookup,
  offsets?: Zone['offsets'],
): WorkCalendar {
  if (!roster) return DEFAULT_CALENDAR;
  const { from, to } = hoursOf(roster.workweek.hours);
  const extra = new Set(roster.holidays?.extra ?? []);
  const country = roster.holidays?.country;
  const region = roster.holidays?.region;
  const isPublicHoliday = (date: LocalDate): boolean =>
    country !== undefined && holidays !== undefined && holidays(country, region, yearOf(date)).has(date);
  return {
    timeZone: roster.timezone,
    ...(offsets ? { offsets } : {}),
    workdays: new Set(roster.workweek.days.map((day) => DAY_INDEX[day]!)),
    start: from,
    end: to,
    isHoliday: (date) => extra.has(date) || isPublicHoliday(date),
  };
}

export function isWorkingDay(calendar: WorkCalendar, date: LocalDate): boolean {
  return calendar.workdays.has(weekdayOf(date)) && !calendar.isHoliday(date);
}

/**
 * The weekday a calendar's week begins on (docs/sla.md): the working day after its longest run of non-working days
 * (Monday for mon–fri, Sunday for sun–thu, Tuesday for tue–sat); Monday when every day is a working day.
 */
export function weekStartDay(calendar: WorkCalendar): number {
  let best = { length: 0, start: 1 };
  for (let first = 0; first < 7; first++) {
    if (calendar.workdays.has(first) || !calendar.workdays.has((first + 6) % 7)) continue;
    let length = 0;
    while (length < 7 && !calendar.workdays.has((first + length) % 7)) length++;
    if (length > best.length) best = { length, start: (first + length) % 7 };
  }
  return best.start;
}

/** The first day of the calendar week holding `date`. */
export function weekStartOf(calendar: WorkCalendar, date: LocalDate): LocalDate {
  return addDays(date, -((weekdayOf(date) - weekStartDay(calendar) + 7) % 7));
}

/** The last working day of a month (holidays skipped), if it has one. */
export function lastWorkingDay(calendar: WorkCalendar, year: number, month: number): LocalDate | undefined {
  for (let day = daysInMonth(year, month); day >= 1; day--) {
    const date = localDate(year, month, day);
    if (isWorkingDay(calendar, date)) return date;
  }
  return undefined;
}

/**
 * Whether `at` falls in working hours, and when working hours next begin (at itself when inside them): for
 * pipelines handled in working hours rather than on call.
 */
export function workingHours(calendar: WorkCalendar, at: Date): { now: boolean; next: Date } {
  const today = localDateOf(at, calendar);
  for (let offset = 0; offset < 366; offset++) {
    const day = addDays(today, offset);
    if (!isWorkingDay(calendar, day)) continue;
    const start = instantAt(day, calendar.start.hour, calendar.start.minute, calendar);
    const end = instantAt(day, calendar.end.hour, calendar.end.minute, calendar);
    if (at.getTime() < start.getTime()) return { now: false, next: start };
    if (at.getTime() < end.getTime()) return { now: true, next: at };
  }
  return { now: false, next: at };
}
