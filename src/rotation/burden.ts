/**
 * Burden (docs/rotations.md, "Burden in hours"): the hours of a shift part, split by what they cost the person
 * holding them. Each local day of the part is one kind, in this order: a public holiday on the holder's own
 * calendar, a company day, a weekend day (not a day of the work week); a working day is split into working hours
 * (the roster's work week hours) and night (the rest of that day). Days are local days of the roster's zone, so a
 * day of a daylight-saving change has 23 or 25 hours. Pure: no clock, no I/O.
 */
import type { Person, Roster } from '../model/roster.js';
import type { HolidayLookup, WorkCalendar } from '../time/calendar.js';
import { addDays, instantAt, localDateOf, weekdayOf } from '../time/local.js';
import { holidayChecker } from './people.js';

export interface Hours {
  working: number;
  night: number;
  weekend: number;
  holiday: number;
  company: number;
}

export const HOUR_KINDS: readonly (keyof Hours)[] = ['working', 'night', 'weekend', 'holiday', 'company'];

export const noHours = (): Hours => ({ working: 0, night: 0, weekend: 0, holiday: 0, company: 0 });

export function addHours(into: Hours, more: Hours): Hours {
  for (const kind of HOUR_KINDS) into[kind] += more[kind];
  return into;
}

const HOUR = 3_600_000;

/** The hours from `start` to `end` held by `person`, by kind (see the file's comment). */
export type BurdenOf = (person: Person, start: Date, end: Date) => Hours;

export function burdenCounter(roster: Roster, calendar: WorkCalendar, holidays: HolidayLookup): BurdenOf {
  const publicHoliday = holidayChecker(roster, holidays, { companyDays: false });
  const companyDays = new Set(roster.holidays?.extra ?? []);
  return (person, start, end) => {
    const hours = noHours();
    const overlap = (from: Date, to: Date) =>
      Math.max(0, Math.min(to.getTime(), end.getTime()) - Math.max(from.getTime(), start.getTime())) / HOUR;
    const last = localDateOf(new Date(end.getTime() - 1), calendar);
    for (let day = localDateOf(start, calendar); day <= last; day = addDays(day, 1)) {
      const dayStart = instantAt(day, 0, 0, calendar);
      const dayEnd = instantAt(addDays(day, 1), 0, 0, calendar);
      const whole = overlap(dayStart, dayEnd);
      if (whole === 0) continue;
      if (publicHoliday(person, day)) hours.holiday += whole;
      else if (companyDays.has(day)) hours.company += whole;
      else if (!calendar.workdays.has(weekdayOf(day))) hours.weekend += whole;
      else {
        const working = overlap(
          instantAt(day, calendar.start.hour, calendar.start.minute, calendar),
          instantAt(day, calendar.end.hour, calendar.end.minute, calendar),
        );
        hours.working += working;
        hours.night += whole - working;
      }
    }
    return hours;
  };
}
