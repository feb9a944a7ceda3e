/**
 * The rules that need the plan, read from the same schedule every command uses:
 * - rotation-coverage: every rotation week from now on can be staffed under the hard rules, so CI catches an
 *   uncoverable week (everyone in a team away over Christmas, say) before the calendar or `who` does;
 * - override-rule: an override breaks no hard rule and covers some shift (the plan leaves out one that does);
 * - lock-repair: a published shift the roster now makes change (publish again to record the repair);
 * - shadow-weeks (warning): a joiner holds an on-call shift before the shadow weeks they are owed.
 */
import type { Loaded } from '../read/catalog.js';
import type { LoadedLock, Numbered } from '../model/catalog.js';
import type { Override } from '../model/overrides.js';
import type { Pipeline } from '../model/pipeline.js';
import type { Problem } from '../model/problem.js';
import type { Roster } from '../model/roster.js';
import { buildSchedule, isOnCall, type Schedule } from '../rotation/schedule.js';
import { shadowWeeksOf } from '../rotation/shadows.js';
import { fairnessDrift } from '../rotation/drift.js';
import { handoverOf, LOOKAHEAD_WEEKS, PLAN_WEEKS, weekIndexAt } from '../rotation/weeks.js';
import { rosterCalendar, type HolidayLookup } from '../time/calendar.js';
import { weeksToCover } from '../rotation/cover.js';
import { overrideInstant } from '../rotation/overlay.js';
import { problemAt } from './context.js';

export interface CoverageInput {
  now: Date;
  holidays: HolidayLookup;
}

export interface PlanFiles {
  pipelines: readonly Loaded<Pipeline>[];
  roster: Loaded<Roster>;
  overrides?: Loaded<Numbered<Override>[]>;
  lock?: Loaded<LoadedLock>;
}

export function coverageProblems({ pipelines, roster, overrides, lock }: PlanFiles, input: CoverageInput): Problem[] {
  const rotation = roster.value.rotation;
  if (!rotation) return [];
  const handover = handoverOf(roster.value);
  const problems: Problem[] = [];
  if (!pipelines.some((loaded) => loaded.value.oncall.mode === 'rotation') && !overrides && !lock) return problems;
  const current = Math.max(0, weekIndexAt(handover, input.now));
  // Beyond the weeks runbook plans there is nothing to check.
  if (current + LOOKAHEAD_WEEKS + 1 > PLAN_WEEKS) return problems;
  const calendar = rosterCalendar(roster.value, input.holidays);
  const endWeek = (override: Override) => weekIndexAt(handover, overrideInstant(override.to, calendar));
  const horizon = Math.max(
    current + LOOKAHEAD_WEEKS + 1,
    weeksToCover(handover, calendar, lock?.value.shifts, overrides?.value),
  );
  const planInput = {
    roster: roster.value,
    pipelines: pipelines.map((loaded) => loaded.value),
    calendar,
    holidays: input.holidays,
    ...(lock ? { lock: lock.value.shifts, lockedMeetings: lock.value.meetings } : {}),
    ...(overrides ? { overrides: overrides.value } : {}),
    now: input.now,
  };
  const schedule = buildSchedule(planInput, horizon);
  const byId = new Map(pipelines.map((loaded) => [loaded.value.id, loaded]));
  // One problem per pipeline: its first uncoverable week with the reason, then the other weeks by date.
  const byPipeline = new Map<string, typeof schedule.gaps>();
  for (const gap of schedule.gaps.filter((entry) => entry.week >= current))
    byPipeline.set(gap.pipeline, [...(byPipeline.get(gap.pipeline) ?? []), gap]);
  for (const [pipeline, gaps] of byPipeline) {
    const more = gaps.slice(1).map((gap) => schedule.weeks[gap.week]!.days[0]);
    const also = more.length
      ? `; also the weeks of ${more.length > 4 ? `${more.slice(0, 4).join(', ')} and ${more.length - 4} more` : more.join(', ')}`
      : '';
    problems.push(
      problemAt(
        byId.get(pipeline)!,
        ['oncall', 'team'],
        'rotation-coverage',
        `${gaps[0]!.message}${also}: add people to the team or move an away range`,
      ),
    );
  }
  if (overrides) {
    const told = new Set<number>();
    for (const rejection of schedule.rejected) {
      if (rejection.week < current || told.has(rejection.override)) continue;
      told.add(rejection.override);
      const week = schedule.weeks[rejection.week]!.days[0];
      problems.push(
        problemAt(
          overrides,
          [rejection.override],
          'override-rule',
          `this override breaks a hard rule in the week of ${week}: ${rejection.message}; it is left out until fixed`,
        ),
      );
    }
    for (const override of overrides.value) {
      if (schedule.covering.has(override.index) || endWeek(override) < current) continue;
      problems.push(
        problemAt(
          overrides,
          [override.index],
          'override-rule',
          `this override covers no ${override.role} shift of ${override.pipeline} between ${override.from} and ${override.to}: check the pipeline (one in the rotation), the role and the dates`,
        ),
      );
    }
  }
  // fairness-drift (warning): the overrides break a fairness goal the plan kept.
  for (const drift of fairnessDrift(planInput, horizon)) {
    const team = roster.value.teams.findIndex((entry) => entry.name === drift.team);
    const at =
      overrides && drift.overrides.length
        ? problemAt(overrides, [drift.overrides[0]!], 'fairness-drift', drift.message, { severity: 'warning' })
        : problemAt(roster, ['teams', Math.max(0, team)], 'fairness-drift', drift.message, { severity: 'warning' });
    problems.push(at);
  }
  problems.push(...shadowProblems(schedule, roster, handover.epoch, current));
  if (lock) {
    for (const change of schedule.repairs) {
      if (change.week < current) continue;
      const day = schedule.weeks[change.week]!.days[0];
      const index =
        lock.value.shifts.find(
          (shift) =>
            shift.week === day && shift.pipeline === change.pipeline && shift.role === change.role && !shift.cancelled,
        )?.index ?? -1;
      const what = `the published ${change.role} shift of ${change.pipeline} in the week of ${day}`;
      problems.push(
        problemAt(
          lock,
          index >= 0 ? ['shifts', index] : ['shifts'],
          'lock-repair',
          `${what} changes, ${change.before ?? 'no one'} -> ${change.after ?? 'no one'}: ${change.reason}; review it with \`runbook rotate --diff\` and record it with \`runbook rotate --weeks N --publish\``,
        ),
      );
    }
  }
  return problems;
}

/**
 * A joiner's first on-call shift in a team (an override's cover, a published week) that comes before the shadow
 * weeks they are owed: the plan itself never does this, so it names what did.
 */
function shadowProblems(schedule: Schedule, roster: Loaded<Roster>, epoch: string, current: number): Problem[] {
  const problems: Problem[] = [];
  roster.value.people.forEach((person, index) => {
    const owed = shadowWeeksOf(person, roster.value, epoch);
    if (owed === 0) return;
    for (const team of roster.value.teams.filter((entry) => entry.members.includes(person.id))) {
      const own = schedule.shifts.filter((shift) => shift.person === person.id && shift.team === team.name);
      const first = own.filter(isOnCall).sort((x, y) => x.start.getTime() - y.start.getTime())[0];
      if (!first || first.week < current) continue;
      const shadowed = new Set(
        own.filter((shift) => shift.role === 'shadow' && shift.week < first.week).map((s) => s.week),
      );
      if (shadowed.size >= owed) continue;
      const how = first.override
        ? `, covering for ${first.override.covers} (${first.override.reason})`
        : ', as published';
      problems.push(
        problemAt(
          roster,
          ['people', index, person['shadow-weeks'] === undefined ? 'id' : 'shadow-weeks'],
          'shadow-weeks',
          `${person.id} takes their first ${first.role} shift in ${team.name} (${first.pipeline}, week of ${schedule.weeks[first.week]!.days[0]})${how} after ${shadowed.size} of their ${owed} shadow weeks: let the shadow weeks come first, or set shadow-weeks on ${person.id}`,
          { severity: 'warning' },
        ),
      );
    }
  });
  return problems;
}
