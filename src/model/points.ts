/** Calendar points: `end-of-week`, `end-of-month`, `<weekday> HH:MM`, `day N HH:MM`. */

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

declare const POINT: unique symbol;
declare const CLOCK: unique symbol;
declare const HOURS: unique symbol;
declare const HANDOVER: unique symbol;
/** Texts checked by the schema that read them (fields.ts, roster.ts): each has the value its reader gives. */
export type CalendarPointText = string & { readonly [POINT]: true };
export type ClockText = string & { readonly [CLOCK]: true };
export type HoursText = string & { readonly [HOURS]: true };
export type HandoverText = string & { readonly [HANDOVER]: true };

const NOON = { hour: 12, minute: 0 };

/** The calendar point a checked text names. */
export function pointOf(text: CalendarPointText): CalendarPoint {
  return parseCalendarPoint(text) ?? { kind: 'end-of-week' };
}

/** The working hours a checked `HH:MM-HH:MM` names. */
export function hoursOf(text: HoursText): {
  from: { hour: number; minute: number };
  to: { hour: number; minute: number };
} {
  const [from = '', to = ''] = text.split('-');
  return { from: parseClock(from) ?? NOON, to: parseClock(to) ?? NOON };
}

/** The weekday and time a checked handover point (`monday 10:00`) names. */
export function handoverPoint(text: HandoverText): { weekday: number; hour: number; minute: number } {
  const [day = '', clock = ''] = text.trim().split(/\s+/);
  return { weekday: parseWeekday(day) ?? 1, ...(parseClock(clock) ?? NOON) };
}
