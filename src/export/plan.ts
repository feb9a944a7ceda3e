/**
 * What the paging tool should hold (docs/paging.md): every shift part of the final schedule that has not started,
 * as one override each on the tool's schedule for that pipeline and role; compared with what the tool holds now,
 * a plan of overrides to create, change and delete. Nothing that has started is touched, on either side.
 */
import type { Person } from '../model/roster.js';
import { isOnCall, type Schedule } from '../rotation/schedule.js';
import { UsageError } from '../util/errors.js';
import type { ToolName } from './names.js';

export type PagedRole = 'primary' | 'backup';

/** One pipeline and role: one schedule in the tool. */
export interface Target {
  pipeline: string;
  role: PagedRole;
  /** The tool's schedule id, when known (`--schedule`). */
  schedule?: string;
}

/** A shift part as the tool should hold it. */
export interface Wanted {
  pipeline: string;
  role: PagedRole;
  person: string;
  /** The person's user in the tool (their `handles` entry). */
  user: string;
  start: Date;
  end: Date;
  /** The handover day of the shift's week. */
  week: string;
  /** A stable name for the part: pipeline, role, week and (for a split shift) the part's number. */
  alias: string;
  /** Why someone other than the planned person holds it (an override's reason). */
  reason?: string;
}

/** An override the tool holds now (read from its list response). */
export interface Existing {
  /** The tool's id for it (PagerDuty's override id, Opsgenie's alias). */
  id: string;
  user: string;
  start: Date;
  end: Date;
}

export interface TargetPlan {
  target: Target;
  create: Wanted[];
  change: { from: Existing; to: Wanted }[];
  remove: Existing[];
  /** Overrides already as wanted. */
  kept: number;
  /** Overrides and shift parts left alone because they have started. */
  started: number;
}

/** The shift parts of each target that end after `from` and start before `until`, in time order. */
export function wantedParts(
  schedule: Schedule,
  targets: readonly Target[],
  people: readonly Person[],
  tool: ToolName,
  from: Date,
  until: Date,
): Map<Target, Wanted[]> {
  const byId = new Map(people.map((person) => [person.id, person]));
  const missing = new Set<string>();
  const out = new Map<Target, Wanted[]>();
  for (const target of targets) {
    const parts = schedule.shifts
      .filter(isOnCall)
      .filter((shift) => shift.pipeline === target.pipeline && shift.role === target.role)
      .filter((shift) => shift.end.getTime() > from.getTime() && shift.start.getTime() < until.getTime())
      .sort((x, y) => x.start.getTime() - y.start.getTime());
    const partOfWeek = new Map<number, number>();
    out.set(
      target,
      parts.map((shift) => {
        const part = (partOfWeek.get(shift.week) ?? 0) + 1;
        partOfWeek.set(shift.week, part);
        const user = byId.get(shift.person)?.handles?.[tool];
        if (user === undefined) missing.add(shift.person);
        const week = schedule.weeks[shift.week]!.days[0]!;
        const whole =
          shift.start.getTime() === shift.weekStart.getTime() && shift.end.getTime() === shift.weekEnd.getTime();
        return {
          pipeline: shift.pipeline,
          role: target.role,
          person: shift.person,
          user: user ?? '',
          start: shift.start,
          end: shift.end,
          week,
          alias: `runbook-${shift.pipeline}-${target.role}-${week}${whole ? '' : `-${part}`}`,
          ...(shift.override ? { reason: shift.override.reason } : {}),
        };
      }),
    );
  }
  if (missing.size)
    throw new UsageError(
      `${[...missing].sort().join(', ')} ${missing.size === 1 ? 'has' : 'have'} no ${tool} user in the roster: add handles: { ${tool}: <their user id> } to ${missing.size === 1 ? 'that person' : 'each of them'} in roster.yaml`,
    );
  return out;
}

/**
 * The plan for one target: an existing override and a wanted part are the same when their keys agree (PagerDuty:
 * the same start and end; Opsgenie: the same alias); the same with another person or other times is a change;
 * every other existing override that has not started is deleted, every other wanted part created.
 */
export function planTarget(
  target: Target,
  wanted: readonly Wanted[],
  existing: readonly Existing[],
  now: Date,
  keyOf: { wanted: (part: Wanted) => string; existing: (entry: Existing) => string },
): TargetPlan {
  const plan: TargetPlan = { target, create: [], change: [], remove: [], kept: 0, started: 0 };
  const open = new Map<string, Existing[]>();
  for (const entry of existing) {
    if (entry.start.getTime() <= now.getTime()) {
      plan.started++;
      continue;
    }
    const key = keyOf.existing(entry);
    open.set(key, [...(open.get(key) ?? []), entry]);
  }
  for (const part of wanted) {
    if (part.start.getTime() <= now.getTime()) {
      plan.started++;
      continue;
    }
    const key = keyOf.wanted(part);
    const candidates = open.get(key) ?? [];
    const same = candidates.findIndex(
      (entry) =>
        entry.user === part.user &&
        entry.start.getTime() === part.start.getTime() &&
        entry.end.getTime() === part.end.getTime(),
    );
    if (same >= 0) {
      candidates.splice(same, 1);
      plan.kept++;
    } else if (candidates.length) plan.change.push({ from: candidates.shift()!, to: part });
    else plan.create.push(part);
  }
  for (const rest of open.values()) plan.remove.push(...rest);
  plan.remove.sort((x, y) => x.start.getTime() - y.start.getTime() || x.id.localeCompare(y.id));
  return plan;
}
