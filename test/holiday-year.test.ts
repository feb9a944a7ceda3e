/**
 * Holiday weeks spread within one over a whole year (docs/rotations.md, "How fairness is planned"), checked against
 * the exact optimum (HiGHS, test/helpers/oracle.ts) on the two teams that showed the problem: five seniors in New
 * York on the US calendar, and two in England with two in India on their own calendars, one weekly pipeline,
 * 52 weeks from Monday 2026-11-02.
 */
import { describe, expect, it } from 'vitest';
import { Roster } from '../src/model/roster.js';
import { bestQuality, problemOf, qualityOf } from './helpers/oracle.js';
import { person, rotating, schedule } from './helpers/rotation.js';

const WEEKS = 52;

function holidayWeeks(r: Roster) {
  const s = schedule(r, [rotating('p0')], WEEKS);
  const counts = new Map(r.people.map((p) => [p.id, 0]));
  for (const shift of s.shifts)
    if (shift.role === 'primary' && shift.holidayDays > 0) counts.set(shift.person, counts.get(shift.person)! + 1);
  return { s, counts: [...counts.values()] };
}

const teams: [string, Roster][] = [
  [
    'five seniors in New York, US holidays',
    Roster.parse({
      timezone: 'America/New_York',
      holidays: { country: 'US' },
      rotation: { start: '2026-11-02' },
      teams: [{ name: 'Team', members: ['ana', 'bob', 'cy', 'dee', 'eli'] }],
      people: ['ana', 'bob', 'cy', 'dee', 'eli'].map((id) => person(id, 'senior')),
    }),
  ],
  [
    'two in England and two in India, each on their own calendar',
    Roster.parse({
      timezone: 'Europe/London',
      holidays: { country: 'GB', region: 'ENG' },
      rotation: { start: '2026-11-02' },
      teams: [{ name: 'Team', members: ['ana', 'bob', 'cy', 'dee'] }],
      people: [
        person('ana', 'senior'),
        person('bob', 'senior'),
        person('cy', 'senior', { country: 'IN' }),
        person('dee', 'senior', { country: 'IN' }),
      ],
    }),
  ],
];

/** How far the planner's holiday-week spread is from the optimum's, per team (0: the optimum itself). */
const FROM_OPTIMUM = [0, 1];

describe('holiday weeks over a year, against the exact optimum', () => {
  it.each(teams.map(([name, r], i) => [name, r, FROM_OPTIMUM[i]!] as const))(
    '%s: within one of each other',
    async (_, r, fromOptimum) => {
      const { s, counts } = holidayWeeks(r);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      const problem = problemOf(r, [rotating('p0')], WEEKS);
      const best = await bestQuality(problem);
      const got = qualityOf(problem, s);
      expect(best).toBeDefined();
      // New York: the optimum itself. England and India: within one, where the optimum gives everyone the same
      // (the planner hands a Good Friday week to an English member where an Indian one could have taken it).
      expect(got.holidaySpread - best!.holidaySpread).toBe(fromOptimum);
      // The goals before it no worse than the optimum's.
      expect(got.uncovered).toBe(best!.uncovered);
      expect(got.primarySpread).toBe(best!.primarySpread);
    },
    120_000,
  );
});
