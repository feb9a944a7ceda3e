/** Calendar points as instants: the due point at or before a time, and the next one after it. Pure. */
import type { WorkCalendar } from '../time/calendar.js';
import { isWorkingDay, lastWorkingDay, weekStartDay, weekStartOf } from '../time/calendar.js';
import {
  addDays,
  daysInMonth,
  instantAt,
  localDate,
  localDateOf,
  monthOf,
  yearOf,
  type LocalDate,
} from '../time/local.js';
import type { CalendarPoint } from '../model/points.js';

/** How far to look for an occurrence before giving up (a calendar with no working days at all). */
const MAX_PERIODS = 120;

/** The occurrence of `point` in period `index` (weeks or months counted from the period holding `anchor`). */
function occurrence(point: CalendarPoint, calendar: WorkCalendar, anchor: LocalDate, index: number): Date | undefined {
  const endOfDay = (date: LocalDate): Date => instantAt(date, calendar.end.hour, calendar.end.minute, calendar);
  if (point.kind === 'end-of-week' || point.kind === 'weekly') {
    // The roster's week (docs/sla.md): it begins after the longest run of non-working days.
    const start = addDays(weekStartOf(calendar, anchor), index * 7);
    if (point.kind === 'weekly')
      return instantAt(
        addDays(start, (point.weekday - weekStartDay(calendar) + 7) % 7),
        point.hour,
        point.minute,
        calendar,
      );
    for (let offset = 6; offset >= 0; offset--) {
      const day = addDays(start, offset);
      if (isWorkingDay(calendar, day)) return endOfDay(day);
    }
    return undefined;
  }
  const months = yearOf(anchor) * 12 + monthOf(anchor) - 1 + index;
  const [year, month] = [Math.floor(months / 12), (months % 12) + 1];
  const last = daysInMonth(year, month);
  if (point.kind === 'monthly')
    return instantAt(localDate(year, month, Math.min(point.day, last)), point.hour, point.minute, calendar);
  const lastWorking = lastWorkingDay(calendar, year, month);
  return lastWorking === undefined ? undefined : endOfDay(lastWorking);
}

/** The first occurrence of `point` strictly after `at`. */
export function nextDue(point: CalendarPoint, at: Date, calendar: WorkCalendar): Date {
  const anchor = localDateOf(at, calendar);
  for (let index = -1; index < MAX_PERIODS; index++) {
    const due = occurrence(point, calendar, anchor, index);
    if (due && due.getTime() > at.getTime()) return due;
  }
  throw new Error(
    `no occurrence of the calendar point within ${MAX_PERIODS} periods: the working week has no working days`,
  );
}

/** The latest occurrence of `point` at or before `at`. */
export function previousDue(point: CalendarPoint, at: Date, calendar: WorkCalendar): Date {
  const anchor = localDateOf(at, calendar);
  for (let index = 1; index > -MAX_PERIODS; index--) {
    const due = occurrence(point, calendar, anchor, index);
    if (due && due.getTime() <= at.getTime()) return due;
  }
  throw new Error(
    `no occurrence of the calendar point within ${MAX_PERIODS} periods: the working week has no working days`,
  );
}
