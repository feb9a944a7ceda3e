/** SLA status from observations: pass, warn, breach or unknown, with the due time and a one-line reason. Pure. */
import type { Incident } from '../model/observations.js';
import type { Pipeline, SlaRule } from '../model/pipeline.js';
import type { WorkCalendar } from '../time/calendar.js';
import type { Resolved } from './sources.js';
import { nextDue, previousDue } from './deadlines.js';
import { deadlineWarnMs, freshnessWarnMs } from './describe.js';
import { describeDuration, durationMs, describeWritten } from '../model/duration.js';
import { pointOf } from '../model/points.js';

export type Status = 'pass' | 'warn' | 'breach' | 'unknown';

export interface SlaResult {
  pipeline: string;
  rule: string;
  kind: SlaRule['kind'];
  status: Status;
  due?: string;
  observed?: string;
  message: string;
}

const RANK: Record<Status, number> = { pass: 0, unknown: 1, warn: 2, breach: 3 };

export function worst(statuses: readonly Status[]): Status {
  return statuses.reduce<Status>((acc, status) => (RANK[status] > RANK[acc] ? status : acc), 'pass');
}

const iso = (date: Date): string => date.toISOString();
const ago = (ms: number): string => describeDuration(Math.max(0, Math.floor(ms / 60_000) * 60_000));

type Outcome = Omit<SlaResult, 'pipeline' | 'rule' | 'kind'>;

function freshness(rule: Extract<SlaRule, { kind: 'freshness' }>, arrival: Date, at: Date): Outcome {
  const within = durationMs(rule.within);
  const warn = freshnessWarnMs(rule);
  const age = at.getTime() - arrival.getTime();
  const due = iso(new Date(arrival.getTime() + within));
  const observed = iso(arrival);
  // Pinned (docs/sla.md): a breach is strictly past the limit; a warning starts at its threshold, inclusive.
  if (age > within)
    return {
      status: 'breach',
      due,
      observed,
      message: `newest data is ${ago(age)} old, over the ${describeWritten(rule.within)} limit`,
    };
  if (age >= warn)
    return {
      status: 'warn',
      due,
      observed,
      message: `newest data is ${ago(age)} old; the ${describeWritten(rule.within)} limit is ${ago(within - age)} away`,
    };
  return {
    status: 'pass',
    due,
    observed,
    message: `newest data is ${ago(age)} old, within ${describeWritten(rule.within)}`,
  };
}

/** How long before its due time an open incident warns: `warn` when given, else the last quarter of its allowed time. */
function resolutionWarnMs(rule: Extract<SlaRule, { kind: 'resolution' }>, allowed: number): number {
  return rule.warn ? durationMs(rule.warn) : allowed * 0.25;
}

/** When an incident opened at `opened` must be resolved. */
function incidentDue(rule: Extract<SlaRule, { kind: 'resolution' }>, opened: Date, calendar: WorkCalendar): Date {
  if (rule.within) return new Date(opened.getTime() + durationMs(rule.within));
  return nextDue(pointOf(rule.due!), opened, calendar);
}

function resolution(
  rule: Extract<SlaRule, { kind: 'resolution' }>,
  incidents: readonly Incident[],
  at: Date,
  calendar: WorkCalendar,
): Outcome {
  if (incidents.length === 0) return { status: 'pass', message: 'no incidents recorded' };
  const judged = incidents.map((incident) => {
    const opened = new Date(incident.opened);
    const due = incidentDue(rule, opened, calendar);
    // An incident resolved after `at` is still open at `at` (docs/sla.md, "as of --at").
    const resolved =
      incident.resolved && new Date(incident.resolved).getTime() <= at.getTime()
        ? new Date(incident.resolved)
        : undefined;
    const allowed = due.getTime() - opened.getTime();
    let status: Status;
    let message: string;
    if (resolved) {
      const late = resolved.getTime() - due.getTime();
      status = late > 0 ? 'breach' : 'pass';
      message =
        late > 0 ? `${incident.id} was resolved ${ago(late)} after it was due` : `${incident.id} was resolved in time`;
    } else {
      const left = due.getTime() - at.getTime();
      status = left < 0 ? 'breach' : left <= resolutionWarnMs(rule, allowed) ? 'warn' : 'pass';
      message =
        left < 0
          ? `${incident.id} is open ${ago(-left)} past its due time`
          : `${incident.id} is open, due in ${ago(left)}`;
    }
    return { status, message, due, open: !resolved };
  });
  const open = judged.filter((entry) => entry.open).length;
  const status = worst(judged.map((entry) => entry.status));
  // Of the incidents with the worst status, the open one due soonest is the one to act on.
  const focus = judged
    .filter((entry) => entry.status === status)
    .sort((a, b) => Number(b.open) - Number(a.open) || a.due.getTime() - b.due.getTime())[0]!;
  const summary = `${incidents.length} incident${incidents.length === 1 ? '' : 's'}, ${open} open`;
  return { status, due: iso(focus.due), message: `${focus.message} (${summary})` };
}

function deadline(rule: Extract<SlaRule, { kind: 'deadline' }>, done: Date, at: Date, calendar: WorkCalendar): Outcome {
  const point = pointOf(rule.due);
  const p1 = previousDue(point, at, calendar);
  const p0 = previousDue(point, new Date(p1.getTime() - 1), calendar);
  const p2 = nextDue(point, at, calendar);
  const observed = iso(done);
  if (done.getTime() > p1.getTime())
    return {
      status: 'pass',
      due: iso(p2),
      observed,
      message: `done for this ${rule.every}; next due in ${ago(p2.getTime() - at.getTime())}`,
    };
  if (done.getTime() > p0.getTime()) {
    const left = p2.getTime() - at.getTime();
    if (left <= deadlineWarnMs(rule))
      return {
        status: 'warn',
        due: iso(p2),
        observed,
        message: `not yet done for this ${rule.every}; due in ${ago(left)}`,
      };
    return { status: 'pass', due: iso(p2), observed, message: `last deadline met; next due in ${ago(left)}` };
  }
  return {
    status: 'breach',
    due: iso(p1),
    observed,
    message: `missed the deadline ${ago(at.getTime() - p1.getTime())} ago: last done ${ago(at.getTime() - done.getTime())} before now`,
  };
}

/** Evaluates one rule against its observation (already checked to have the right shape for the rule's kind). */
export function evaluateRule(
  pipeline: Pipeline,
  rule: SlaRule,
  resolved: Resolved,
  at: Date,
  calendar: WorkCalendar,
): SlaResult {
  const base = { pipeline: pipeline.id, rule: rule.id, kind: rule.kind };
  if (resolved === undefined) return { ...base, status: 'unknown', message: 'no observation for this rule' };
  if ('unknown' in resolved) return { ...base, status: 'unknown', message: resolved.unknown };
  const { observation } = resolved;
  // As of `at` (docs/sla.md): what is observed later has not happened yet.
  const later = (timestamp: string): boolean => new Date(timestamp).getTime() > at.getTime();
  switch (rule.kind) {
    case 'freshness':
    case 'deadline': {
      const time = observation as string;
      if (later(time)) {
        const what = rule.kind === 'freshness' ? 'the newest arrival' : 'the last time it was done';
        return {
          ...base,
          status: 'unknown',
          observed: time,
          message: `${what} (${time}) is after the time judged (${iso(at)}): no observation as of then`,
        };
      }
      return {
        ...base,
        ...(rule.kind === 'freshness'
          ? freshness(rule, new Date(time), at)
          : deadline(rule, new Date(time), at, calendar)),
      };
    }
    case 'resolution':
      return {
        ...base,
        ...resolution(
          rule,
          (observation as Incident[]).filter((incident) => !later(incident.opened)),
          at,
          calendar,
        ),
      };
  }
}

/** The timestamps of observations later than `at`: without `--at` they are clock skew, reported on stderr. */
export function futureTimestamps(resolved: Resolved, at: Date): string[] {
  if (resolved === undefined || 'unknown' in resolved) return [];
  const { observation } = resolved;
  const all =
    typeof observation === 'string'
      ? [observation]
      : observation.flatMap((incident) => [incident.opened, ...(incident.resolved ? [incident.resolved] : [])]);
  return all.filter((timestamp) => new Date(timestamp).getTime() > at.getTime());
}

/** The observation shape a rule kind takes, for validating an observations file. */
export function expectedShape(kind: SlaRule['kind']): 'timestamp' | 'incidents' {
  return kind === 'resolution' ? 'incidents' : 'timestamp';
}
