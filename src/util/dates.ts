/** Date and time-zone checks with no dependencies, for the schemas and for command-line options. */

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An IANA time zone this Node.js knows. */
export function isTimeZone(value: string): boolean {
  return value.length > 0 && zoneSpelling(value) === value;
}

/**
 * The zone as it is spelt (`Europe/London` for `Europe/london`), or undefined when there is none: a zone name
 * must match exactly, as every other tool that reads it (a calendar client, the database) expects.
 */
export function zoneSpelling(value: string): string | undefined {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  // An alias (Asia/Calcutta) resolves to another name: it is a zone all the same. Only a case slip is not.
  return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
}

/** An ISO 8601 timestamp with its offset (`Z` or `+01:00`): the only kind that is not ambiguous. */
export const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|z|[+-]\d{2}:\d{2})$/;

/**
 * Why a timestamp that matches TIMESTAMP_PATTERN is still not a time (docs/sla.md): an hour past 23 (`24:00`), a
 * minute or second past 59, an offset beyond ±14:00, a year outside 1970–2199, a day the month does not have.
 */
export function timestampProblem(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/.exec(
    text,
  );
  if (!match) return 'is not a timestamp with an offset';
  const [, year, , , hour, minute, second, , offsetHours, offsetMinutes] = match;
  if (!isCalendarDate(text.slice(0, 10))) return 'has a day its month does not have';
  if (Number(year) < 1970 || Number(year) > 2199) return `has the year ${year}: runbook works with 1970 to 2199`;
  if (Number(hour) > 23) return `has the hour ${hour}: write 00 to 23 (24:00 is 00:00 of the next day)`;
  if (Number(minute) > 59 || Number(second ?? 0) > 59) return 'has a minute or second past 59';
  if (
    offsetHours !== undefined &&
    (Number(offsetMinutes) > 59 || Number(offsetHours) * 60 + Number(offsetMinutes) > 14 * 60)
  ) {
    return `has the offset ${text.slice(-6)}: offsets run from -14:00 to +14:00`;
  }
  return undefined;
}
