/** Overrides (docs/state-files.md): a person covers a time range of a pipeline's role, laid over the plan. */
import { z } from 'zod';
import { CalendarDate, KebabId, Text, Timestamp } from './fields.js';

/** A timestamp with its offset, or a date (local midnight in the roster's zone). */
const OverrideTime = z.union([Timestamp, CalendarDate]);

export const Override = z.strictObject({
  pipeline: KebabId,
  role: z.enum(['primary', 'backup']),
  from: OverrideTime,
  /** Exclusive. */
  to: OverrideTime,
  /** Who covers. */
  person: KebabId,
  /** Shown in the calendar and the report. */
  reason: Text,
});

export const Overrides = z.array(Override);

export type Override = z.infer<typeof Override>;
