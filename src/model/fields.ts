/** Field schemas shared by the pipeline, roster and observations files. */
import { z } from 'zod';
import { DURATION_HINT, parseDuration, type DurationText } from './duration.js';
import {
  POINT_HINT,
  parseCalendarPoint,
  parseClock,
  type CalendarPointText as PointText,
  type ClockText,
  type HoursText,
} from './points.js';
import { isCalendarDate, isTimeZone, TIMESTAMP_PATTERN, timestampProblem, zoneSpelling } from '../util/dates.js';

export const KebabId = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be kebab-case: lower-case letters, digits and single dashes, e.g. late-click-data',
  );

export const Text = z.string().trim().regex(/\S/, 'must not be empty');

export const TeamName = Text;

/** One team or a list of teams; normalised to a list. */
export const TeamList = z
  .union([TeamName, z.array(TeamName).min(1, 'list at least one team')])
  .transform((value) => (typeof value === 'string' ? [value] : value));

// The patterns reach the JSON Schema, so editors underline a bad value; the refinements catch what a pattern cannot.
const DURATION_PATTERN = /^(?:(?:\d+[wdhm])+|P(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)$/;

export const Duration = z
  .string()
  .regex(DURATION_PATTERN, `is not a duration: ${DURATION_HINT}`)
  .refine(
    (value) => !DURATION_PATTERN.test(value) || parseDuration(value) !== undefined,
    `is not a duration: ${DURATION_HINT}`,
  )
  .describe('A duration: 30m, 48h, 7d, 2w, or ISO 8601 such as PT48H')
  .transform((value) => value as DurationText);

const POINT_PATTERN = /^(?:end-of-week|end-of-month|[A-Za-z]{3,9} +\d{1,2}:\d{2}|day +\d{1,2} +\d{1,2}:\d{2})$/;

export const CalendarPointText = z
  .string()
  .regex(POINT_PATTERN, `is not a calendar point: ${POINT_HINT}`)
  .refine(
    (value) => !POINT_PATTERN.test(value) || parseCalendarPoint(value) !== undefined,
    `is not a calendar point: ${POINT_HINT}`,
  )
  .describe('A calendar point: end-of-week, end-of-month, "friday 17:00" or "day 5 09:00"')
  .transform((value) => value as PointText);

const DATE_PATTERN = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
const DATE_HINT = 'is not a date: write YYYY-MM-DD, e.g. 2026-11-30';

export const CalendarDate = z
  .string()
  .superRefine((value, context) => {
    const shaped = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const month = Number(value.slice(5, 7));
    const message = !shaped
      ? DATE_HINT
      : month < 1 || month > 12
        ? `is not a date: there is no month ${value.slice(5, 7)}`
        : !isCalendarDate(value)
          ? `is not a date: ${value.slice(0, 7)} has no day ${value.slice(8)}`
          : Number(value.slice(0, 4)) < 1970 || Number(value.slice(0, 4)) > 2199
            ? `has the year ${value.slice(0, 4)}: runbook works with 1970 to 2199`
            : undefined;
    if (message) context.addIssue({ code: 'custom', message });
  })
  .meta({ description: 'A date, YYYY-MM-DD', format: 'date', pattern: DATE_PATTERN.source });

/** IANA names are Area/Location (or UTC): abbreviations such as BST or EST are not zones (BST is Bangladesh's). */
const ZONE_PATTERN = /^(?:UTC|Etc\/[A-Za-z0-9+-]+|[A-Z][A-Za-z_-]+(?:\/[A-Za-z0-9_+-]+)+)$/;

/** What people write for a zone they mean, by abbreviation. */
const ZONE_FOR_ABBREVIATION: Record<string, string> = {
  BST: 'Europe/London',
  GMT: 'Europe/London',
  WET: 'Europe/Lisbon',
  CET: 'Europe/Paris',
  CEST: 'Europe/Paris',
  EET: 'Europe/Helsinki',
  EST: 'America/New_York',
  EDT: 'America/New_York',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  IST: 'Asia/Kolkata',
  JST: 'Asia/Tokyo',
  AEST: 'Australia/Sydney',
};

export const TimeZone = z
  .string()
  .superRefine((value, context) => {
    if (ZONE_PATTERN.test(value) && isTimeZone(value)) return;
    const spelt = zoneSpelling(value);
    if (spelt !== undefined && spelt !== value) {
      context.addIssue({
        code: 'custom',
        message: `is not spelt as the zone is: write ${spelt} (zone names match exactly)`,
      });
      return;
    }
    const meant = ZONE_FOR_ABBREVIATION[value.toUpperCase()];
    const hint = meant
      ? `an abbreviation, not an IANA time zone: write ${meant} (or the zone you mean)`
      : 'is not an IANA time zone: write one like Europe/London or America/New_York';
    context.addIssue({ code: 'custom', message: hint });
  })
  .meta({
    pattern: ZONE_PATTERN.source,
    description: 'An IANA time zone, Area/Location: Europe/London, America/New_York',
  });

const CLOCK_PATTERN = '(?:[01]?\\d|2[0-3]):[0-5]\\d';

export const Clock = z
  .string()
  .refine((value) => parseClock(value) !== undefined, 'is not a time of day: write HH:MM, e.g. 09:00')
  .meta({ pattern: `^${CLOCK_PATTERN}$` })
  .transform((value) => value as ClockText);

export const HoursRange = z
  .string()
  .refine((value) => {
    const [from, to, ...rest] = value.split('-');
    const start = from === undefined ? undefined : parseClock(from);
    const end = to === undefined ? undefined : parseClock(to);
    return rest.length === 0 && start && end && start.hour * 60 + start.minute < end.hour * 60 + end.minute;
  }, 'is not a range of working hours: write "09:00-17:00" with the start before the end')
  .meta({ pattern: `^${CLOCK_PATTERN}-${CLOCK_PATTERN}$` })
  .transform((value) => value as HoursText);

/** An ISO 8601 timestamp that carries its offset (`Z` or `+01:00`). */
const TIMESTAMP_HINT =
  'is not a timestamp with an offset: write ISO 8601 like 2026-11-25T10:00:00Z or 2026-11-25T10:00:00+01:00';

export { CLOCK_PATTERN };

export const Timestamp = z
  .string()
  .regex(TIMESTAMP_PATTERN, TIMESTAMP_HINT)
  .superRefine((value, context) => {
    if (!TIMESTAMP_PATTERN.test(value)) return;
    const problem = timestampProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .meta({ description: 'A timestamp with offset, ISO 8601: 2026-11-25T10:00:00Z', format: 'date-time' });

/** A link a runbook points at (a dashboard, the DAG, logs, a saved query): an absolute http(s) URL. */
export const Link = z.strictObject({
  title: Text,
  url: z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
      } catch {
        return false;
      }
    }, 'is not an absolute http(s) URL: write one like https://grafana.example.com/d/engagement')
    .meta({ format: 'uri', pattern: '^https?://' }),
});

/** A telephone number as people dial it: digits, with an optional + and spaces, dashes, dots or brackets. */
export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ().-]{3,30}[0-9]$/, 'is not a telephone number: write one like +44 20 7946 0000');

/** A chat handle or channel (Slack or Teams): `@ana`, `#data-eng`, or a handle the chat tool shows. */
export const Chat = Text.refine((value) => !/\s/.test(value), 'is not a chat handle: write one like @ana or #data-eng');
