/** The next deadline of each SLA rule, for `sla`, `list` and `show`. Pure. */
import type { Pipeline, SlaRule } from '../model/pipeline.js';
import type { WorkCalendar } from '../time/calendar.js';
import { nextDue } from './deadlines.js';
import { describeRule } from './describe.js';
import { pointOf } from '../model/points.js';

export interface Deadline {
  pipeline: string;
  rule: string;
  kind: SlaRule['kind'];
  /** The rule in words. */
  summary: string;
  /** Next due point (ISO, UTC); absent for rolling rules (freshness, resolution within a duration). */
  due?: string;
  /** Whole seconds from `at` to `due` (the unit is in the name: JSON readers see it too). */
  leftSeconds?: number;
}

/** Next due points already found for this `at` and calendar, by calendar point (many pipelines share a few). */
export type DueMemo = Map<string, Date>;

function ruleDeadline(
  pipeline: Pipeline,
  rule: SlaRule,
  at: Date,
  calendar: WorkCalendar,
  memo: DueMemo = new Map(),
): Deadline {
  const base: Deadline = { pipeline: pipeline.id, rule: rule.id, kind: rule.kind, summary: describeRule(rule) };
  const point = rule.kind === 'deadline' ? rule.due : rule.kind === 'resolution' ? rule.due : undefined;
  if (point === undefined) return base;
  let due = memo.get(point);
  if (!due) {
    due = nextDue(pointOf(point), at, calendar);
    memo.set(point, due);
  }
  return { ...base, due: due.toISOString(), leftSeconds: Math.floor((due.getTime() - at.getTime()) / 1000) };
}

export function pipelineDeadlines(
  pipeline: Pipeline,
  at: Date,
  calendar: WorkCalendar,
  memo: DueMemo = new Map(),
): Deadline[] {
  return pipeline.sla.map((rule) => ruleDeadline(pipeline, rule, at, calendar, memo));
}

/** The soonest dated deadline of a pipeline, if any. Pass one `memo` for many pipelines at the same `at`. */
export function nextDeadline(
  pipeline: Pipeline,
  at: Date,
  calendar: WorkCalendar,
  memo: DueMemo = new Map(),
): Deadline | undefined {
  return pipelineDeadlines(pipeline, at, calendar, memo)
    .filter((deadline) => deadline.due !== undefined)
    .sort((a, b) => a.leftSeconds! - b.leftSeconds!)[0];
}
