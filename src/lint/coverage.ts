/**
 * rotation-coverage: every rotation week from now on can be staffed under the hard rules, so CI catches an
 * uncoverable week (everyone in a team away over Christmas, say) before the calendar or `who` does.
 */
import type { Loaded } from '../load/catalog.js';
import type { Pipeline } from '../model/pipeline.js';
import type { Problem } from '../model/problem.js';
import type { Roster } from '../model/roster.js';
import { buildSchedule } from '../rotation/schedule.js';
import { handoverOf, LOOKAHEAD_WEEKS, weekIndexAt } from '../rotation/weeks.js';
import { rosterCalendar, type HolidayLookup } from '../sla/calendar.js';
import { problemAt } from './context.js';

export interface CoverageInput {
  now: Date;
  holidays: HolidayLookup;
}

export function coverageProblems(
  { pipelines, roster }: { pipelines: readonly Loaded<Pipeline>[]; roster: Loaded<Roster> },
  { now, holidays }: CoverageInput,
): Problem[] {
  if (!roster.value.rotation || !pipelines.some((loaded) => loaded.value.oncall.mode === 'rotation')) return [];
  const handover = handoverOf(roster.value);
  const current = Math.max(0, weekIndexAt(handover, now));
  const calendar = rosterCalendar(roster.value, holidays);
  const schedule = buildSchedule(
    { roster: roster.value, pipelines: pipelines.map((loaded) => loaded.value), calendar, holidays },
    current + LOOKAHEAD_WEEKS + 1,
  );
  const byId = new Map(pipelines.map((loaded) => [loaded.value.id, loaded]));
  // One problem per pipeline: its first uncoverable week with the reason, then the other weeks by date.
  const byPipeline = new Map<string, typeof schedule.gaps>();
  for (const gap of schedule.gaps.filter((entry) => entry.week >= current))
    byPipeline.set(gap.pipeline, [...(byPipeline.get(gap.pipeline) ?? []), gap]);
  return [...byPipeline].map(([pipeline, gaps]) => {
    const more = gaps.slice(1).map((gap) => schedule.weeks[gap.week]!.days[0]);
    const also = more.length
      ? `; also the weeks of ${more.length > 4 ? `${more.slice(0, 4).join(', ')} and ${more.length - 4} more` : more.join(', ')}`
      : '';
    return problemAt(
      byId.get(pipeline)!,
      ['oncall', 'team'],
      'rotation-coverage',
      `${gaps[0]!.message}${also}: add people to the team or move an away range`,
    );
  });
}
