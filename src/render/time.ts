/** Times for people: local wall-clock time with the zone, and durations from now. */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describeDuration } from '../sla/duration.js';

/** "Fri 2027-02-12 17:00 Europe/London" */
export function formatLocal(instant: Date | string, timeZone: string): string {
  return `${format(new TZDate(new Date(instant).getTime(), timeZone), 'EEE yyyy-MM-dd HH:mm')} ${timeZone}`;
}

/** "in 2 days 5 hours", "5 hours ago" (to the minute). */
export function formatLeft(ms: number): string {
  const words = describeDuration(Math.floor(Math.abs(ms) / 60_000) * 60_000);
  return ms >= 0 ? `in ${words}` : `${words} ago`;
}

/** "Fri 12 Feb 17:00": short, for table cells whose zone is named in the heading. */
export function formatShort(instant: Date | string, timeZone: string): string {
  return format(new TZDate(new Date(instant).getTime(), timeZone), 'EEE d MMM HH:mm');
}
