/** Observations: what actually happened, for `runbook sla check` (README, "SLA deadlines and checks"). */
import { z } from 'zod';
import { KebabId, Text, Timestamp } from './fields.js';

export const Incident = z.strictObject({
  id: Text,
  opened: Timestamp,
  resolved: Timestamp.optional(),
});

/** A rule's incidents: each id once, none resolved before it was opened (docs/sla.md: bad observations are input errors). */
const Incidents = z.array(Incident).superRefine((incidents, context) => {
  const seen = new Set<string>();
  incidents.forEach((incident, i) => {
    if (seen.has(incident.id))
      context.addIssue({ code: 'custom', path: [i, 'id'], message: `appears twice in this rule: each incident once` });
    seen.add(incident.id);
    if (incident.resolved && Date.parse(incident.resolved) < Date.parse(incident.opened)) {
      context.addIssue({
        code: 'custom',
        path: [i, 'resolved'],
        message: `is before the incident was opened (${incident.opened})`,
      });
    }
  });
});

/** A timestamp (freshness: newest arrival; deadline: last done) or a list of incidents (resolution). */
export const Observation = z.union([Timestamp, Incidents]);

/** Pipeline id -> SLA rule id -> observation. */
export const Observations = z.record(KebabId, z.record(KebabId, Observation));

export type Incident = z.infer<typeof Incident>;
export type Observation = z.infer<typeof Observation>;
export type Observations = z.infer<typeof Observations>;
