/** Observations: what actually happened, for `runbook sla check` (SPEC 2.6). */
import { z } from 'zod';
import { KebabId, Text, Timestamp } from './fields.js';

export const Incident = z.strictObject({
  id: Text,
  opened: Timestamp,
  resolved: Timestamp.optional(),
});

/** A timestamp (freshness: newest arrival; deadline: last done) or a list of incidents (resolution). */
export const Observation = z.union([Timestamp, z.array(Incident)]);

/** Pipeline id -> SLA rule id -> observation. */
export const Observations = z.record(KebabId, z.record(KebabId, Observation));

export type Incident = z.infer<typeof Incident>;
export type Observation = z.infer<typeof Observation>;
export type Observations = z.infer<typeof Observations>;
