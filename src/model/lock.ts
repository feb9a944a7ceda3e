/**
 * The published schedule (docs/state-files.md): every shift and handover meeting a team has shared, written by
 * `rotate --publish`, and what calendars must go on cancelling once it no longer exists.
 */
import { z } from 'zod';
import { CalendarDate, KebabId, Text, Timestamp } from './fields.js';

/** A part of a shift, as it was published: covered by an override, or retired (gone, or now someone else's). */
export const PublishedPart = z.strictObject({
  from: Timestamp,
  to: Timestamp,
  person: KebabId,
  /** The override's reason, for a covered part. */
  reason: Text.optional(),
});

/** A short digest of what a revision published: an entry whose content no longer matches was edited by hand. */
const Sum = z.string().regex(/^[0-9a-z]{1,13}$/, 'is not a digest written by runbook rotate --publish');

export const LockedShift = z.strictObject({
  /** The first day of the rotation week. */
  week: CalendarDate,
  pipeline: KebabId,
  role: z.enum(['primary', 'backup', 'shadow']),
  /** Who the plan gave the shift to. */
  person: KebabId,
  /** Raised each time the published shift changes: the calendar event's SEQUENCE. */
  revision: z.int().min(0),
  /** The parts overrides gave to others, as published. */
  covered: z.array(PublishedPart).optional(),
  /** Parts published before that no longer exist or went to someone else: their calendars cancel them. */
  retired: z.array(PublishedPart).optional(),
  /** Published, then dropped (a pipeline out of rotation, a backup no longer needed): calendars cancel it. */
  cancelled: z.literal(true).optional(),
  sum: Sum.optional(),
});

/** A handover meeting as published: one per pipeline and handover, ever. */
export const LockedMeeting = z.strictObject({
  week: CalendarDate,
  pipeline: KebabId,
  from: Timestamp,
  to: Timestamp,
  /** Outgoing, then incoming primary. */
  attendees: z.tuple([KebabId, KebabId]),
  revision: z.int().min(0),
  /** People who were attendees of an earlier revision: their calendars cancel it. */
  was: z.array(KebabId).optional(),
  cancelled: z.literal(true).optional(),
  sum: Sum.optional(),
});

export const Lock = z.strictObject({
  shifts: z.array(LockedShift),
  meetings: z.array(LockedMeeting).optional(),
});

export type LockedShift = z.infer<typeof LockedShift>;
export type LockedMeeting = z.infer<typeof LockedMeeting>;
export type PublishedPart = z.infer<typeof PublishedPart>;
export type Lock = z.infer<typeof Lock>;
