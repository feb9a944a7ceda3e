/** SLA rules and calendar points in words, for people. */
import type { SlaRule } from '../model/pipeline.js';
import { describeDuration, durationMs, describeWritten } from '../model/duration.js';
import { parseCalendarPoint } from '../model/points.js';

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number): string => String(n).padStart(2, '0');

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function describePoint(text: string): string {
  const point = parseCalendarPoint(text);
  if (!point) return text;
  switch (point.kind) {
    case 'end-of-week':
      return 'the end of the last working day of the week';
    case 'end-of-month':
      return 'the end of the last working day of the month';
    case 'weekly':
      return `${DAY_NAMES[point.weekday]} ${pad(point.hour)}:${pad(point.minute)}`;
    case 'monthly':
      return `the ${ordinal(point.day)} of the month at ${pad(point.hour)}:${pad(point.minute)}`;
  }
}

const words = (duration: string): string => describeWritten(duration);

/** Default warning lead for freshness: 75% of `within`. */
export function freshnessWarnMs(rule: Extract<SlaRule, { kind: 'freshness' }>): number {
  const within = durationMs(rule.within);
  return rule.warn ? durationMs(rule.warn) : Math.round(within * 0.75);
}

/** Default warning lead for deadlines: 1 day before due. */
export function deadlineWarnMs(rule: Extract<SlaRule, { kind: 'deadline' }>): number {
  return rule.warn ? durationMs(rule.warn) : 24 * 3_600_000;
}

/** The rule as a sentence, derived from its fields (the runbook's own description is shown beside it). */
export function describeRule(rule: SlaRule): string {
  switch (rule.kind) {
    case 'freshness':
      return `newest data no older than ${words(rule.within)} (warning from ${describeDuration(freshnessWarnMs(rule))})`;
    case 'resolution':
      return `${
        rule.within
          ? `every issue resolved within ${words(rule.within)} of being opened`
          : `every issue resolved by ${describePoint(rule.due ?? '')} after it was opened`
      } (an open issue warns ${rule.warn ? `${words(rule.warn)} before it is due` : 'in the last quarter of its time'})`;
    case 'deadline': {
      const by = rule.by ? ` by ${rule.by}` : '';
      return `done every ${rule.every}${by}, due ${describePoint(rule.due)} (warning ${describeDuration(deadlineWarnMs(rule))} before)`;
    }
  }
}
