/** Who can be scheduled in a week, and which of its days are holidays on each person's own calendar. */
import type { Person, Roster } from '../model/roster.js';
import type { HolidayLookup, WorkCalendar } from '../time/calendar.js';
import { weekdayOf, yearOf, type LocalDate } from '../time/local.js';
import type { Week } from './weeks.js';

export interface Absence {
  person: string;
  reason: string;
}

/**
 * Why a person cannot take a shift in this week, or undefined when they can. Every day the shift touches
 * counts, its partial last day (until the next handover) included.
 */
export function unavailability(person: Person, week: Week): string | undefined {
  return unavailableBetween(person, week.days[0]!, week.lastDay);
}

/** Why a person cannot be on call on some day from `first` to `last` (local dates, inclusive), if so. */
export function unavailableBetween(person: Person, first: LocalDate, last: LocalDate): string | undefined {
  if (person.joined && person.joined > first) return `joins ${person.joined}`;
  if (person.left && person.left < last) return `left ${person.left}`;
  const away = person.away?.find((range) => range.from <= last && range.to >= first);
  if (away) return `away ${away.from} to ${away.to}${away.reason ? ` (${away.reason})` : ''}`;
  return undefined;
}

/** Whether a date is a public holiday on a person's own calendar (or the roster's), or a company day. */
export function holidayChecker(
  roster: Roster,
  holidays: HolidayLookup,
  { companyDays = true } = {},
): (person: Person, day: LocalDate) => boolean {
  const extra = new Set(companyDays ? (roster.holidays?.extra ?? []) : []);
  return (person, day) => {
    const country = person.country ?? roster.holidays?.country;
    const region =
      person.country && person.country !== roster.holidays?.country
        ? person.region
        : (person.region ?? roster.holidays?.region);
    return extra.has(day) || (country !== undefined && holidays(country, region, yearOf(day)).has(day));
  };
}

/**
 * Counts, for a person, the working days among `days` (a week's, or the part an override covers) that are
 * public holidays for them or company days.
 */
export function holidayCounter(
  roster: Roster,
  calendar: WorkCalendar,
  holidays: HolidayLookup,
): (person: Person, days: readonly LocalDate[]) => number {
  const isHoliday = holidayChecker(roster, holidays);
  return (person, days) => days.filter((day) => calendar.workdays.has(weekdayOf(day)) && isHoliday(person, day)).length;
}
