/** `--at <time>`: a timestamp with offset, or a date meaning local midnight in the roster's time zone. */
import { isCalendarDate, TIMESTAMP_PATTERN, timestampProblem } from './dates.js';
import { instantAt, type ZoneLike } from '../sla/local.js';
import { UsageError } from './errors.js';

export function parseAt(text: string | undefined, now: Date, zone: ZoneLike): Date {
  if (text === undefined || text === 'now') return now;
  if (isCalendarDate(text)) {
    const year = Number(text.slice(0, 4));
    if (year < 1970 || year > 2199)
      throw new UsageError(`--at ${JSON.stringify(text)} has the year ${year}: runbook works with 1970 to 2199`);
    return instantAt(text, 0, 0, zone);
  }
  if (TIMESTAMP_PATTERN.test(text)) {
    const problem = timestampProblem(text);
    if (problem) throw new UsageError(`--at ${JSON.stringify(text)} ${problem}`);
    const instant = new Date(text);
    if (!Number.isNaN(instant.getTime())) return instant;
  }
  throw new UsageError(
    `--at ${JSON.stringify(text)} is not a time: write a timestamp with offset like 2027-02-10T12:00:00Z, or a date like 2027-02-10`,
  );
}
