/** The roster: teams, people and rotation settings (README, "Runbook file format"). */
import { z } from 'zod';
import {
  CalendarDate,
  Chat,
  Clock,
  CLOCK_PATTERN,
  Duration,
  HoursRange,
  KebabId,
  Phone,
  TeamName,
  Text,
  TimeZone,
} from './fields.js';
import { parseWeekday, type HandoverText, type HoursText } from './points.js';

const WorkDay = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

const Workweek = z.strictObject({
  days: z.array(WorkDay).min(1, 'list at least one working day'),
  hours: HoursRange,
});

const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code in capitals, e.g. GB');
const RegionCode = z.string().regex(/^[A-Z0-9]{1,3}$/, 'must be a region code of the country in capitals, e.g. ENG');

const Holidays = z.strictObject({
  country: CountryCode.optional(),
  region: RegionCode.optional(),
  extra: z.array(CalendarDate).optional(),
});

const Handover = z
  .string()
  .refine((value) => {
    const [day, clock, ...rest] = value.trim().split(/\s+/);
    return (
      rest.length === 0 &&
      day !== undefined &&
      parseWeekday(day) !== undefined &&
      clock !== undefined &&
      Clock.safeParse(clock).success
    );
  }, 'is not a handover point: write a weekday and time, e.g. "monday 10:00"')
  .meta({ pattern: `^\\s*[A-Za-z]{3,9}\\s+${CLOCK_PATTERN}\\s*$` })
  .transform((value) => value as HandoverText);

const RotationSettings = z.strictObject({
  start: CalendarDate,
  handover: Handover.default('monday 10:00' as HandoverText),
  pairing: z.enum(['junior-with-senior', 'off']).default('junior-with-senior'),
});

/** How many weeks a joiner shadows the primary before their own first shift (README, "Onboarding"). */
const ShadowWeeks = z.number().int('must be a whole number of weeks').min(0).max(12, 'at most 12 weeks');

/** The paging tools' own user ids for a person (`runbook export`, feeds with usernames). */
const Handles = z.strictObject({
  pagerduty: Text.optional(),
  opsgenie: Text.optional(),
  'incident-io': Text.optional(),
  grafana: Text.optional(),
});

const Amount = z.number().min(0, 'must not be negative');

/** Rates per hour on call by kind, flat amounts per shift, and a cap per person and month. */
const Pay = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/, 'is not a currency code: write three capital letters, like EUR'),
  rates: z
    .strictObject({
      working: Amount.default(0),
      night: Amount.default(0),
      weekend: Amount.default(0),
      holiday: Amount.default(0),
      company: Amount.optional(),
    })
    .default({ working: 0, night: 0, weekend: 0, holiday: 0 }),
  'per-shift': z.strictObject({ primary: Amount.default(0), backup: Amount.default(0) }).optional(),
  cap: z.number().positive('must be more than 0').optional(),
});

export const Team = z.strictObject({
  name: TeamName,
  contact: Text.optional(),
  phone: Phone.optional(),
  chat: Chat.optional(),
  // Each member once (lint's unique-member names the repeat; editors see uniqueItems).
  members: z.array(KebabId).default([]).meta({ uniqueItems: true }),
});

export const Away = z.strictObject({
  from: CalendarDate,
  to: CalendarDate,
  reason: Text.optional(),
});

export const Person = z.strictObject({
  id: KebabId,
  name: Text,
  email: z.email('is not an e-mail address: write one like ana@example.com'),
  /** Shown before e-mail wherever someone is to be reached: what works at night. */
  phone: Phone.optional(),
  chat: Chat.optional(),
  level: z.enum(['senior', 'junior']),
  country: CountryCode.optional(),
  region: RegionCode.optional(),
  joined: CalendarDate.optional(),
  left: CalendarDate.optional(),
  away: z.array(Away).optional(),
  /** This person's shadow weeks, instead of the roster's (0: none). */
  'shadow-weeks': ShadowWeeks.optional(),
  handles: Handles.optional(),
});

export const Roster = z.strictObject({
  timezone: TimeZone.default('UTC'),
  workweek: Workweek.default({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '09:00-17:00' as HoursText }),
  holidays: Holidays.optional(),
  rotation: RotationSettings.optional(),
  /** How often every runbook should be checked, unless it says otherwise (`review-every` on the pipeline). */
  'review-every': Duration.optional(),
  /** A joiner's first weeks in a team are shadow shifts beside the primary (README, "Onboarding"). */
  'shadow-weeks': ShadowWeeks.optional(),
  /** The first-week checklist of the onboarding guide: access to request, tools to install. */
  onboarding: z.array(Text).optional(),
  /** Leads before each of a person's own events at which their calendar reminds them (VALARM), e.g. [1d, 1h]. */
  reminders: z.array(Duration).max(5, 'at most 5 reminders').optional(),
  /** What on-call time is paid (docs/rotations.md, "Pay"): `runbook report` adds the amounts. */
  pay: Pay.optional(),
  teams: z.array(Team),
  people: z.array(Person).default([]),
});

type Workweek = z.infer<typeof Workweek>;
export type Team = z.infer<typeof Team>;
export type Away = z.infer<typeof Away>;
export type Person = z.infer<typeof Person>;
export type Roster = z.infer<typeof Roster>;
export type Pay = z.infer<typeof Pay>;
