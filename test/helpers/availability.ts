/**
 * Who is free for a stretch of time, worked out apart from the planner (which has its own function for it):
 * the local dates an interval touches come from Intl, the day steps from plain UTC arithmetic.
 */
import type { Person } from '../../src/model/roster.js';

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The local dates an interval touches in a zone, from its first instant to its last. */
export function datesTouched(start: Date, end: Date, timeZone: string): string[] {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const last = format.format(new Date(end.getTime() - 1));
  const dates = [format.format(start)];
  while (dates.at(-1)! < last) dates.push(nextDate(dates.at(-1)!));
  return dates;
}

/** Whether a person is in the team and not away on any of these dates (joined and left are inclusive). */
export function freeOn(person: Person, dates: string[]): boolean {
  if (person.joined && dates[0]! < person.joined) return false;
  if (person.left && dates.at(-1)! > person.left) return false;
  return !(person.away ?? []).some((range) => dates.some((date) => date >= range.from && date <= range.to));
}
