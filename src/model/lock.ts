/** The published schedule (SPEC 2.8): every shift a team has shared, written by `rotate --publish`. */
import { z } from 'zod';
import { CalendarDate, KebabId, Timestamp } from './fields.js';

/** A part of a shift covered by an override, as it was published. */
export const PublishedPart = z.strictObject({
  from: Timestamp,
  to: Timestamp,
  person: KebabId,
});

export const LockedShift = z.strictObject({
  /** The first day of the rotation week. */
  week: CalendarDate,
  pipeline: KebabId,
  role: z.enum(['primary', 'backup']),
  /** Who the plan gave the shift to. */
  person: KebabId,
  /** Raised each time the published shift changes: the calendar event's SEQUENCE. */
  revision: z.int().min(0),
  /** The parts overrides gave to others, as published. */
  covered: z.array(PublishedPart).optional(),
  /** Published, then dropped (a pipeline out of rotation, a backup no longer needed): calendars cancel it. */
  cancelled: z.literal(true).optional(),
});

export const Lock = z.strictObject({
  shifts: z.array(LockedShift),
});

export type LockedShift = z.infer<typeof LockedShift>;
export type PublishedPart = z.infer<typeof PublishedPart>;
export type Lock = z.infer<typeof Lock>;
