/** Local calendar dates (YYYY-MM-DD) and the instants of local times in a time zone, DST-correct. */
import { tzOffset } from '@date-fns/tz';

export type LocalDate = string;

const DAY_MS = 86_400_000;

const toUtc = (date: LocalDate): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const fromUtc = (ms: number): LocalDate => new Date(ms).toISOString().slice(0, 10);

/** The year of a local date. */
export const yearOf = (date: LocalDate): number => Number(date.slice(0, 4));
/** The month of a local date, 1 to 12. */
export const monthOf = (date: LocalDate): number => Number(date.slice(5, 7));
/** Days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: LocalDate, to: LocalDate): number => (toUtc(to) - toUtc(from)) / DAY_MS;

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** 0 (Sunday) to 6 (Saturday). */
export function weekdayOf(date: LocalDate): number {
  return new Date(toUtc(date)).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function localDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, number>();

/** Offsets of a zone over a span: `[from, offset]` steps, each holding until the next. */
export interface ZoneTable {
  zone: string;
  from: number;
  to: number;
  steps: [number, number][];
}

/**
 * A time zone as the core reads it: its IANA name and, optionally, offsets known without asking Intl (a table
 * the look-up cache kept, passed in by the loader). A working calendar and a rotation's handover are zones.
 */
export interface Zone {
  readonly timeZone: string;
  /** Minutes east of UTC at an instant, when known; undefined to ask Intl. */
  readonly offsets?: (ms: number) => number | undefined;
}

/** A zone by its name alone, or one that may know its offsets. */
export type ZoneLike = string | Zone;

export function zoneName(zone: ZoneLike): string {
  return typeof zone === 'string' ? zone : zone.timeZone;
}

/** The steps of a zone's offset between two instants, found by scanning days and narrowing each change to its quarter hour. */
export function zoneTable(zone: string, from: number, to: number): ZoneTable {
  const steps: [number, number][] = [[from, offsetMinutes(zone, from)]];
  const day = 86_400_000;
  for (let at = from + day; at <= to; at += day) {
    const previous = steps[steps.length - 1]![1];
    if (offsetMinutes(zone, at) === previous) continue;
    let low = Math.floor((at - day) / QUARTER_HOUR);
    let high = Math.floor(at / QUARTER_HOUR);
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (offsetMinutes(zone, middle * QUARTER_HOUR) === previous) low = middle;
      else high = middle;
    }
    steps.push([high * QUARTER_HOUR, offsetMinutes(zone, high * QUARTER_HOUR)]);
  }
  return { zone, from, to, steps };
}

/** A table's offsets (read at the quarter hour, as Intl's are): undefined outside the span it covers. */
export function tableOffsets(table: ZoneTable): (ms: number) => number | undefined {
  return (ms) => {
    const at = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
    if (at < table.from || at > table.to) return undefined;
    let offset: number | undefined;
    for (const [start, minutes] of table.steps) {
      if (start > at) break;
      offset = minutes;
    }
    return offset;
  };
}

/**
 * Minutes east of UTC in a time zone at an instant (from @date-fns/tz). Remembered per quarter hour: time
 * zones change offset only on quarter-hour boundaries, and schedules ask about the same hours often.
 */
export function offsetMinutes(timeZone: string, ms: number): number {
  const bucket = Math.floor(ms / QUARTER_HOUR);
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = tzOffset(timeZone, new Date(bucket * QUARTER_HOUR));
    offsets.set(key, offset);
  }
  return offset;
}

/** Minutes east of UTC in a zone at an instant: from what the zone knows, else from Intl. */
export function offsetAt(zone: ZoneLike, ms: number): number {
  if (typeof zone === 'string') return offsetMinutes(zone, ms);
  return zone.offsets?.(ms) ?? offsetMinutes(zone.timeZone, ms);
}

/** The local date of an instant in a time zone. */
export function localDateOf(instant: Date, zone: ZoneLike): LocalDate {
  return fromUtc(instant.getTime() + offsetAt(zone, instant.getTime()) * 60_000);
}

/**
 * The instant of a local wall-clock time, pinned the same in every zone (docs/sla.md; RFC 5545 §3.3.5, Temporal's
 * `compatible`): a time that occurs twice (clocks going back) is its first occurrence; a time skipped by clocks
 * going forward moves forward by the length of the gap (01:30 becomes 02:30 summer time).
 */
export function instantAt(date: LocalDate, hour: number, minute: number, zone: ZoneLike): Date {
  const wall = toUtc(date) + (hour * 60 + minute) * 60_000;
  // The offsets in force a day either side: around a change, these are the two the wall time may be read with.
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  let first: number | undefined;
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset * 60_000;
    if (offsetAt(zone, instant) === offset && (first === undefined || instant < first)) first = instant;
  }
  // No offset fits: the time was skipped; read with the offset before the gap, it lands that far past it.
  return new Date(first ?? wall - before * 60_000);
}
