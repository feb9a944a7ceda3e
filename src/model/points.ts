/** Calendar points: `end-of-week`, `end-of-month`, `<weekday> HH:MM`, `day N HH:MM`. */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const LONG_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export type CalendarPoint =
  | { kind: 'end-of-week' }
  | { kind: 'end-of-month' }
  | { kind: 'weekly'; weekday: number; hour: number; minute: number }
  | { kind: 'monthly'; day: number; hour: number; minute: number };

export const POINT_HINT = 'write end-of-week, end-of-month, a weekday and time like "friday 17:00", or "day 5 09:00"';

/** Parses `HH:MM` (24-hour clock) into hours and minutes. */
export function parseClock(text: string): { hour: number; minute: number } | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

/** Index 0 (Sunday) to 6 (Saturday) of a weekday name, short or long. */
export function parseWeekday(text: string): number | undefined {
  const name = text.trim().toLowerCase();
  const index = LONG_WEEKDAYS.findIndex((long) => long === name || long.slice(0, 3) === name);
  return index === -1 ? undefined : index;
}

export function parseCalendarPoint(text: string): CalendarPoint | undefined {
  const value = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (value === 'end-of-week') return { kind: 'end-of-week' };
  if (value === 'end-of-month') return { kind: 'end-of-month' };
  const monthly = /^day (\d{1,2}) (\S+)$/.exec(value);
  if (monthly) {
    const day = Number(monthly[1]);
    const clock = parseClock(monthly[2]!);
    return day >= 1 && day <= 31 && clock ? { kind: 'monthly', day, ...clock } : undefined;
  }
  const weekly = /^(\S+) (\S+)$/.exec(value);
  if (weekly) {
    const weekday = parseWeekday(weekly[1]!);
    const clock = parseClock(weekly[2]!);
    return weekday !== undefined && clock ? { kind: 'weekly', weekday, ...clock } : undefined;
  }
  return undefined;
}
