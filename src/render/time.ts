/** Times for people: local wall-clock time with the zone, and durations from now. */
import { describeDuration } from '../model/duration.js';
import type { Deadline } from '../sla/upcoming.js';
import { offsetAt, zoneName, type ZoneLike } from '../time/local.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** Wall-clock fields of an instant in a time zone. */
function wallClock(instant: Date | string, zone: ZoneLike) {
  const ms = new Date(instant).getTime();
  const local = new Date(ms + offsetAt(zone, ms) * 60_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth(),
    day: local.getUTCDate(),
    weekday: local.getUTCDay(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

/** "Fri 2027-02-12 17:00 Europe/London" */
export function formatLocal(instant: Date | string, zone: ZoneLike): string {
  const t = wallClock(instant, zone);
  return `${DAYS[t.weekday]} ${t.year}-${two(t.month + 1)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)} ${zoneName(zone)}`;
}

/** "2027-03-15 10:00": an instant on the zone's clocks, compact, for tables. */
export function formatStamp(instant: Date | string, zone: ZoneLike): string {
  const t = wallClock(instant, zone);
  return `${t.year}-${two(t.month + 1)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}`;
}

/** "in 2 days 5 hours", "5 hours ago" (to the minute). */
function formatLeft(ms: number): string {
  const words = describeDuration(Math.floor(Math.abs(ms) / 60_000) * 60_000);
  return ms >= 0 ? `in ${words}` : `${words} ago`;
}

/** "Fri 12 Feb 2027 17:00": short (the year kept: a table may span two), for cells whose zone is named in the heading. */
export function formatShort(instant: Date | string, zone: ZoneLike): string {
  const t = wallClock(instant, zone);
  return `${DAYS[t.weekday]} ${t.day} ${MONTHS[t.month]} ${t.year} ${two(t.hour)}:${two(t.minute)}`;
}

/** "due Fri 2027-02-12 17:00 Europe/London, in 2 days 5 hours", or the rolling rule's nature. */
export function deadlineWords(deadline: Deadline, zone: ZoneLike): string {
  if (deadline.due === undefined)
    return deadline.kind === 'freshness'
      ? 'rolling: checked against the newest arrival'
      : 'rolling: counted from when each issue opens';
  return `due ${formatLocal(deadline.due, zone)}, ${formatLeft(deadline.leftSeconds! * 1000)}`;
}

/** "2027-03-15T10:00:00Z": an instant in UTC to the second, as the paging tools' APIs take it. */
export const utcSeconds = (instant: Date): string => instant.toISOString().replace('.000Z', 'Z');

/** "2027-03-15 10:00Z": an instant in UTC to the minute, for tables and messages. */
export const utcMinute = (instant: Date): string => `${instant.toISOString().slice(0, 16).replace('T', ' ')}Z`;
