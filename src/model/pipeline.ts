/** The pipeline file: one runbook per data pipeline (README, "Runbook file format"). */
import { z } from 'zod';
import { RESERVED_IDS } from './files.js';
import { CalendarDate, CalendarPointText, Duration, KebabId, Link, TeamList, TeamName, Text } from './fields.js';

export const CommonIssue = z.strictObject({
  id: KebabId,
  title: Text,
  symptoms: z.array(Text).optional(),
  cause: Text.optional(),
  resolution: z.array(Text).optional(),
  escalate: TeamName.optional(),
  /** Dashboards, logs or queries the steps need: shown right after the steps. */
  links: z.array(Link).optional(),
  /** One a new engineer should read before their first shift (docs --person). */
  'read-first': z.boolean().optional(),
});

/** Where a rule's observation comes from, when not from a runbook observations file (README, "SLA deadlines and checks"). */
const ObservationSource = z.union([
  z.strictObject({
    dbt: Text.describe('a dbt source unique_id, as in target/sources.json: source.<project>.<source>.<table>'),
  }),
  z.strictObject({
    openlineage: z
      .strictObject({ namespace: Text, job: Text })
      .describe('an OpenLineage job: its COMPLETE events mark it done'),
  }),
]);

const ruleBase = { id: KebabId, description: Text.optional(), source: ObservationSource.optional() };

const FreshnessRule = z.strictObject({
  ...ruleBase,
  kind: z.literal('freshness'),
  within: Duration,
  warn: Duration.optional(),
});

const ResolutionRule = z
  .strictObject({
    ...ruleBase,
    kind: z.literal('resolution'),
    within: Duration.optional(),
    due: CalendarPointText.optional(),
    /** How long before its due time an open incident warns (default: the last quarter of its allowed time). */
    warn: Duration.optional(),
  })
  .refine((rule) => (rule.within === undefined) !== (rule.due === undefined), {
    message:
      'a resolution rule needs exactly one of `within` (a duration such as 7d) or `due` (a calendar point such as end-of-month)',
  })
  .meta({ oneOf: [{ required: ['within'] }, { required: ['due'] }] });

/** Which calendar points fit which period (docs/sla.md): a week ends at end-of-week or a weekday, a month at end-of-month or day N. */
const WEEK_POINT = /^(?:end-of-week|[A-Za-z]{3,9} +\d{1,2}:\d{2})$/;
const MONTH_POINT = /^(?:end-of-month|day +\d{1,2} +\d{1,2}:\d{2})$/;

const DeadlineRule = z
  .strictObject({
    ...ruleBase,
    kind: z.literal('deadline'),
    every: z.enum(['week', 'month']),
    due: CalendarPointText,
    by: TeamName.optional(),
    warn: Duration.optional(),
  })
  .refine(
    (rule) =>
      !CalendarPointText.safeParse(rule.due).success ||
      (rule.every === 'week' ? WEEK_POINT : MONTH_POINT).test(rule.due.trim()),
    {
      message:
        'does not fit `every`: every week is due at end-of-week or a weekday ("friday 17:00"); every month at end-of-month or a day ("day 5 09:00")',
      path: ['due'],
    },
  )
  .meta({
    if: { properties: { every: { const: 'week' } } },
    then: { properties: { due: { pattern: WEEK_POINT.source } } },
    else: { properties: { due: { pattern: MONTH_POINT.source } } },
  });

export const SlaRule = z.discriminatedUnion('kind', [FreshnessRule, ResolutionRule, DeadlineRule]);

export const Oncall = z
  .strictObject({
    mode: z.enum(['rotation', 'business-hours', 'none']),
    team: TeamName.optional(),
    weeks: z.enum(['all', 'last-of-month']).optional(),
    'handover-meeting': Duration.optional(),
    duties: z.array(Text).optional(),
  })
  .refine((oncall) => oncall.mode !== 'rotation' || oncall.team !== undefined, {
    message: 'mode rotation needs `team`: the roster team whose members take the weekly shifts',
    path: ['team'],
  })
  .meta({ if: { properties: { mode: { const: 'rotation' } } }, then: { required: ['team'] } });

export const Pipeline = z.strictObject({
  id: KebabId.refine(
    (id) => !RESERVED_IDS.includes(id),
    `names a state file of the runbooks folder (${RESERVED_IDS.join(', ')} are reserved): pick another id and file name`,
  ),
  name: Text,
  aliases: z.array(Text).optional(),
  description: Text.optional(),
  owners: z.strictObject({
    primary: TeamList,
    secondary: TeamList.optional(),
  }),
  issues: z.array(CommonIssue),
  sla: z.array(SlaRule),
  oncall: Oncall,
  /** Dashboards, the DAG, logs: where an engineer on call looks first. */
  links: z.array(Link).optional(),
  /** Text an import could not turn into fields; lint warns until someone does. */
  unmapped: z.array(Text).optional(),
  /** When someone last checked this runbook against how the pipeline works now. */
  reviewed: CalendarDate.optional(),
  /** How often it should be checked (else the roster's `review-every`); lint warns when it is overdue. */
  'review-every': Duration.optional(),
});

export type CommonIssue = z.infer<typeof CommonIssue>;
export type Link = z.infer<typeof Link>;
export type SlaRule = z.infer<typeof SlaRule>;
type ObservationSource = z.infer<typeof ObservationSource>;
export type Oncall = z.infer<typeof Oncall>;
export type Pipeline = z.infer<typeof Pipeline>;
