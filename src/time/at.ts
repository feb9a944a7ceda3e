/**
 * `--at <time>`: a timestamp with offset; a local date and time (`2026-12-24T12:00`) in the roster's time zone;
 * or a date, meaning local midnight there.
 */
import { isCalendarDate, TIMESTAMP_PATTERN, timestampProblem } from '../util/dates.js';
import { instantAt, type ZoneLike } from './local.js';
import { UsageError } from '../util/errors.js';

export function parseAt(text: string | undefined, now: Date, zone: ZoneLike, option = '--at'): Date {
  if (text === undefined || text === 'now') return now;
  if (isCalendarDate(text)) {
    const year = Number(text.slice(0, 4));
    if (year < 1970 || year > 2199)
      throw new UsageError(`${option} ${JSON.stringify(text)} has the year ${year}: runbook works with 1970 to 2199`);
    return instantAt(text, 0, 0, zone);
  }
  // A local date-time (no offset): wall-clock time in the zone, read by docs/sla.md's rule for the hours that
  // daylight saving skips or repeats.
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/.exec(text);
  if (local) {
    const [, day, hour, minute, second = '00', fraction = ''] = local;
    const problem = timestampProblem(`${day}T${hour}:${minute}:${second}Z`);
    if (problem) throw new UsageError(`${option} ${JSON.stringify(text)} ${problem}`);
    // Seconds and their fraction (to the millisecond) after the local minute, which is what daylight saving moves.
    const extra = Number(second) * 1000 + Math.floor(Number(`0.${fraction || '0'}`) * 1000);
    return new Date(instantAt(day!, Number(hour), Number(minute), zone).getTime() + extra);
  }
  if (TIMESTAMP_PATTERN.test(text)) {
    const problem = timestampProblem(text);
    if (problem) throw new UsageError(`${option} ${JSON.stringify(text)} ${problem}`);
    const instant = new Date(text);
    if (!Number.isNaN(instant.getTime())) return instant;
  }
  throw new UsageError(
    `${option} ${JSON.stringify(text)} is not a time: write a timestamp with offset like 2027-02-10T12:00:00Z, a local time like 2027-02-10T12:00, or a date like 2027-02-10`,
  );
}
