/**
 * Rules of the planner that the exact-solver comparison (planner.test.ts) is too coarse to pin, each checked
 * over many seeded rosters by the oracle's own reckoning (helpers/oracle.ts), not by the planner's report:
 * - a repair of a published week takes, among the replacements that change one shift, someone not on call
 *   the week after (docs/rotations.md, "Publishing");
 * - no plan gets worse than the recorded plans of 400 rosters, planned alone and after a whole-week cover
 *   (which counts toward whoever covered it): a ratchet; quality is compared goal by goal, in
 *   the order of the fairness goals; a better plan passes, and `RECORD_PLANNER=1 npx vitest run
 *   test/planner-rules.test.ts` records the new figures on purpose).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchedule, type RotationInput, type Schedule } from '../src/rotation/schedule.js';
import { problemOf, qualityOf, QUALITY_ORDER, type Quality } from './helpers/oracle.js';
import { randomRoster, SMALL, type RandomRoster } from './helpers/rosters.js';
import { input } from './helpers/rotation.js';

const STEADY = { ...SMALL, steady: true };
const RECORD = new URL('./fixtures/planner-quality.json', import.meta.url);

describe('repairs of a published week', () => {
  it('take someone not on call the week after, when a replacement changing one shift can be', () => {
    let tried = 0;
    const broken: string[] = [];
    for (let seed = 1; seed <= 300; seed++) {
      const g = randomRoster(seed, STEADY);
      const planned = buildSchedule(input(g.roster, g.pipelines), g.weeks);
      const lock = planned.shifts.map((shift) => ({
        week: planned.weeks[shift.week]!.days[0]!,
        pipeline: shift.pipeline,
        role: shift.role,
        person: shift.person,
        revision: 0,
      }));
      // The week-3 primary of the first pipeline goes away for that week, after the plan was published.
      const victim = planned.shifts.find((shift) => shift.week === 3 && shift.role === 'primary');
      if (!victim) continue;
      const roster = structuredClone(g.roster);
      const week = planned.weeks[3]!;
      roster.people.find((person) => person.id === victim.person)!.away = [{ from: week.days[0]!, to: week.days[6]! }];
      const onCall = (index: number) =>
        new Set(planned.shifts.filter((shift) => shift.week === index).map((shift) => shift.person));
      const hasBackup = planned.shifts.some(
        (shift) => shift.week === 3 && shift.pipeline === victim.pipeline && shift.role === 'backup',
      );
      // One change: a junior where the week keeps its senior backup, a senior where it has none; rested
      // (not on call the week before) and free this week.
      const oneChange = g.roster.teams
        .find((team) => team.name === victim.team)!
        .members.filter(
          (id) =>
            id !== victim.person &&
            !onCall(2).has(id) &&
            !onCall(3).has(id) &&
            (g.roster.people.find((person) => person.id === id)!.level === 'senior') === !hasBackup,
        );
      if (!oneChange.some((id) => !onCall(4).has(id))) continue;
      tried++;
      const repaired = buildSchedule({ ...input(roster, g.pipelines), lock }, g.weeks);
      const taker = repaired.shifts.find(
        (shift) => shift.week === 3 && shift.pipeline === victim.pipeline && shift.role === 'primary',
      )?.person;
      if (taker === undefined || onCall(4).has(taker))
        broken.push(`seed ${seed}: ${taker ?? 'nobody'} took ${victim.person}'s week (free: ${oneChange.join(', ')})`);
    }
    expect(tried).toBeGreaterThan(30);
    expect(broken).toEqual([]);
  });
});

/** A whole-week cover of the first week-1 primary by a senior of the team free that week, if there is one. */
function withCover(g: RandomRoster, planned: Schedule): RotationInput | undefined {
  const covered = planned.shifts.find((shift) => shift.week === 1 && shift.role === 'primary');
  if (!covered) return undefined;
  const busy = new Set(planned.shifts.filter((shift) => shift.week === 1).map((shift) => shift.person));
  const cover = g.roster.teams
    .find((team) => team.name === covered.team)!
    .members.find((id) => !busy.has(id) && g.roster.people.find((person) => person.id === id)!.level === 'senior');
  if (!cover) return undefined;
  const override = {
    index: 0,
    pipeline: covered.pipeline,
    role: 'primary' as const,
    from: covered.start.toISOString(),
    to: covered.end.toISOString(),
    person: cover,
    reason: 'a swap of weeks',
  };
  return { ...input(g.roster, g.pipelines), overrides: [override] };
}

describe('the recorded plans', () => {
  it('are never worse than the recorded ones on any of 400 rosters, planned alone and after a cover', () => {
    const now: Record<string, Quality> = {};
    for (let seed = 1; seed <= 400; seed++) {
      const g = randomRoster(seed, STEADY);
      const problem = problemOf(g.roster, g.pipelines, g.weeks);
      const planned = buildSchedule(input(g.roster, g.pipelines), g.weeks);
      now[seed] = qualityOf(problem, planned);
      // The cover counts toward whoever covered it, so the weeks after it are planned around it.
      const covered = withCover(g, planned);
      if (covered) now[`${seed} covered`] = qualityOf(problem, buildSchedule(covered, g.weeks));
    }
    if (process.env.RECORD_PLANNER === '1')
      writeFileSync(
        RECORD,
        `{\n${Object.entries(now)
          .map(([seed, quality]) => `  "${seed}": ${JSON.stringify(quality)}`)
          .join(',\n')}\n}\n`,
      );
    const recorded = JSON.parse(readFileSync(RECORD, 'utf8')) as Record<string, Quality>;
    expect(Object.keys(now)).toEqual(Object.keys(recorded));
    const worse = Object.entries(now).flatMap(([seed, quality]) => {
      const goal = QUALITY_ORDER.find((key) => quality[key] !== recorded[seed]![key]);
      return goal && quality[goal] > recorded[seed]![goal]
        ? [`seed ${seed}: ${goal} ${recorded[seed]![goal]} → ${quality[goal]}`]
        : [];
    });
    expect(worse).toEqual([]);
  });
});
