/** `runbook export`: the requests as JSON, the plan as a table or JSON, and what --apply did. */
import type { Outcome } from '../export/apply.js';
import type { Existing, TargetPlan, Wanted } from '../export/plan.js';
import { UNKNOWN_SCHEDULE, type Tool } from '../export/tools.js';
import { sanitizeLine } from '../util/sanitize.js';
import type { Style } from './style.js';
import { utcMinute, utcSeconds } from './time.js';
import { renderTable } from './table.js';

const wantedJson = (part: Wanted) => ({
  pipeline: part.pipeline,
  role: part.role,
  week: part.week,
  person: part.person,
  user: part.user,
  start: utcSeconds(part.start),
  end: utcSeconds(part.end),
  alias: part.alias,
  ...(part.reason ? { reason: part.reason } : {}),
});

const existingJson = (entry: Existing) => ({
  id: entry.id,
  user: entry.user,
  start: utcSeconds(entry.start),
  end: utcSeconds(entry.end),
});

/** The requests that bring each schedule to the final schedule, in the order --apply sends them. */
export function requestsJson(tool: Tool, plans: readonly TargetPlan[], now: Date, until: Date) {
  return {
    tool: tool.name,
    at: utcSeconds(now),
    until: utcSeconds(until),
    schedules: plans.map((plan) => {
      const schedule = plan.target.schedule ?? UNKNOWN_SCHEDULE;
      return {
        pipeline: plan.target.pipeline,
        role: plan.target.role,
        schedule: plan.target.schedule ?? null,
        requests: [
          ...plan.remove.map((entry) => tool.remove(schedule, entry)),
          ...plan.change.flatMap(({ from, to }) => tool.change(schedule, from, to)),
          ...tool.create(schedule, plan.create),
        ],
      };
    }),
  };
}

export function planJson(tool: Tool, plans: readonly TargetPlan[], now: Date, until: Date) {
  return {
    tool: tool.name,
    at: utcSeconds(now),
    until: utcSeconds(until),
    schedules: plans.map((plan) => ({
      pipeline: plan.target.pipeline,
      role: plan.target.role,
      schedule: plan.target.schedule ?? null,
      create: plan.create.map(wantedJson),
      change: plan.change.map(({ from, to }) => ({ from: existingJson(from), to: wantedJson(to) })),
      delete: plan.remove.map(existingJson),
      kept: plan.kept,
      started: plan.started,
    })),
  };
}

export function renderPlan(title: string, plans: readonly TargetPlan[], style: Style, width: number): string {
  const count = (pick: (plan: TargetPlan) => number) => plans.reduce((sum, plan) => sum + pick(plan), 0);
  const creates = count((plan) => plan.create.length);
  const changes = count((plan) => plan.change.length);
  const removes = count((plan) => plan.remove.length);
  const head = `${title}: ${creates} to create, ${changes} to change, ${removes} to delete; ${count((plan) => plan.kept)} already as planned, ${count((plan) => plan.started)} started (left as they are).`;
  const rows: string[][] = [];
  for (const plan of plans) {
    const { pipeline, role } = plan.target;
    for (const entry of plan.remove)
      rows.push([
        'delete',
        pipeline,
        role,
        '',
        `${utcMinute(entry.start)} - ${utcMinute(entry.end)}`,
        `${entry.user} (override ${entry.id})`,
      ]);
    for (const { from, to } of plan.change)
      rows.push([
        'change',
        pipeline,
        role,
        to.week,
        `${utcMinute(to.start)} - ${utcMinute(to.end)}`,
        `${from.user} -> ${to.person} (${to.user})${to.reason ? `: ${to.reason}` : ''}`,
      ]);
    for (const part of plan.create)
      rows.push([
        'create',
        pipeline,
        role,
        part.week,
        `${utcMinute(part.start)} - ${utcMinute(part.end)}`,
        `${part.person} (${part.user})${part.reason ? `: ${part.reason}` : ''}`,
      ]);
  }
  if (!rows.length) return `${head}\nNothing to send.`;
  const safe = rows.map((row) => row.map(sanitizeLine));
  return `${head}\n${renderTable(['ACTION', 'PIPELINE', 'ROLE', 'WEEK', 'WHEN (UTC)', 'WHO'], safe, style, width, [4])}\n${style.dim('Send it with --apply (nothing is sent without it).')}`;
}

export function renderOutcomes(title: string, outcomes: readonly Outcome[], style: Style, width: number): string {
  const applied = outcomes.filter((outcome) => outcome.ok).length;
  const head = `${title}: ${applied} of ${outcomes.length} applied.`;
  if (!outcomes.length) return `${title}: nothing to send; the tool already holds the final schedule.`;
  const rows = outcomes.map((outcome) =>
    [
      outcome.ok ? 'done' : 'NOT APPLIED',
      outcome.action,
      outcome.pipeline,
      outcome.role,
      outcome.what,
      outcome.detail,
    ].map(sanitizeLine),
  );
  return `${head}\n${renderTable(['RESULT', 'ACTION', 'PIPELINE', 'ROLE', 'WHAT', 'DETAIL'], rows, style, width)}`;
}
