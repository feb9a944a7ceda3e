/** Properties of the scheduler over random rosters, away ranges and horizons. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../src/model/pipeline.js';
import type { Person } from '../src/model/roster.js';
import { fairnessReport } from '../src/rotation/report.js';
import { UncoverableWeek, type Schedule } from '../src/rotation/schedule.js';
import { addDays } from '../src/time/local.js';
import { datesTouched, freeOn } from './helpers/availability.js';
import { person, roster, rotating, schedule } from './helpers/rotation.js';

const NAMES = ['ana', 'ben', 'cy', 'dee', 'eli', 'fay', 'gus', 'hal'];

const awayRange = fc.record({
  week: fc.integer({ min: 0, max: 20 }),
  offset: fc.integer({ min: 0, max: 6 }),
  length: fc.integer({ min: 0, max: 13 }),
});

const rosters = fc
  .record({
    levels: fc.array(fc.constantFrom<'senior' | 'junior'>('senior', 'junior'), { minLength: 2, maxLength: 8 }),
    away: fc.array(fc.array(awayRange, { maxLength: 2 }), { minLength: 8, maxLength: 8 }),
    pairing: fc.constantFrom<'junior-with-senior' | 'off'>('junior-with-senior', 'off'),
    pipelines: fc.array(fc.constantFrom<'all' | 'last-of-month'>('all', 'last-of-month'), {
      minLength: 1,
      maxLength: 3,
    }),
    weeks: fc.integer({ min: 1, max: 24 }),
  })
  .map(({ levels, away, pairing, pipelines, weeks }) => {
    const people: Person[] = levels.map((level, i) =>
      person(NAMES[i]!, level, {
        away: away[i]!.map(({ week, offset, length }) => {
          const from = addDays('2026-11-30', week * 7 + offset);
          return { from, to: addDays(from, length) };
        }),
      }),
    );
    const rotations: Pipeline[] = pipelines.map((weeksOf, i) => rotating(`p${i}`, 'Team', { weeks: weeksOf }));
    return { r: roster(people, { pairing, country: 'GB' }), rotations, weeks };
  });

function tryBuild(r: ReturnType<typeof roster>, rotations: Pipeline[], weeks: number): Schedule | UncoverableWeek {
  try {
    return schedule(r, rotations, weeks);
  } catch (error) {
    if (error instanceof UncoverableWeek) return error;
    throw error;
  }
}

describe('scheduler properties', () => {
  it('every hard rule holds, or the week is reported as uncoverable', () => {
    fc.assert(
      fc.property(rosters, ({ r, rotations, weeks }) => {
        const s = tryBuild(r, rotations, weeks);
        if (s instanceof UncoverableWeek) throw s;
        // An uncoverable pipeline-week is a gap that names itself; every other pipeline of that week is covered.
        for (const gap of s.gaps)
          expect(gap.message).toMatch(
            new RegExp(`^week of \\d{4}-\\d{2}-\\d{2} .*: no one can take the ${gap.pipeline} shift`),
          );
        const people = new Map(r.people.map((p) => [p.id, p]));
        const team = r.teams[0]!;
        for (const week of s.weeks) {
          const shifts = s.shifts.filter((shift) => shift.week === week.index);
          const uncovered = new Set(s.gaps.filter((gap) => gap.week === week.index).map((gap) => gap.pipeline));
          const active = rotations.filter(
            (pipeline) => (pipeline.oncall.weeks !== 'last-of-month' || week.monthEnd) && !uncovered.has(pipeline.id),
          );
          // Exactly one primary per active pipeline, from its team.
          for (const pipeline of active) {
            const primaries = shifts.filter((shift) => shift.pipeline === pipeline.id && shift.role === 'primary');
            expect(primaries).toHaveLength(1);
            expect(team.members).toContain(primaries[0]!.person);
          }
          expect(shifts.every((shift) => active.some((pipeline) => pipeline.id === shift.pipeline))).toBe(true);
          // Nobody away, not yet joined or gone; nobody twice in a week.
          const dates = datesTouched(week.start, week.end, r.timezone);
          for (const shift of shifts) expect(freeOn(people.get(shift.person)!, dates), shift.person).toBe(true);
          expect(new Set(shifts.map((shift) => shift.person)).size).toBe(shifts.length);
          // Pairing: a junior primary has a senior backup from the team.
          for (const primary of shifts.filter((shift) => shift.role === 'primary')) {
            const backup = shifts.find((shift) => shift.pipeline === primary.pipeline && shift.role === 'backup');
            const junior = people.get(primary.person)!.level === 'junior' && r.rotation!.pairing !== 'off';
            expect(backup === undefined).toBe(!junior);
            if (backup) expect(people.get(backup.person)!.level).toBe('senior');
          }
          // No back-to-back while another member was free (checked where no pairing search is involved).
          if (r.rotation!.pairing === 'off' && week.index > 0) {
            const last = new Set(
              s.shifts.filter((shift) => shift.week === week.index - 1).map((shift) => shift.person),
            );
            const busy = new Set(shifts.map((shift) => shift.person));
            for (const shift of shifts.filter((x) => last.has(x.person))) {
              const free = team.members.filter(
                (id) => id !== shift.person && !busy.has(id) && !last.has(id) && freeOn(people.get(id)!, dates),
              );
              expect(free).toEqual([]);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic and prefix-stable: a shorter horizon is the start of a longer one', () => {
    fc.assert(
      fc.property(rosters, fc.integer({ min: 1, max: 24 }), ({ r, rotations, weeks }, cut) => {
        const long = tryBuild(r, rotations, weeks);
        const again = tryBuild(r, rotations, weeks);
        expect(again).toEqual(long);
        if (long instanceof UncoverableWeek) return;
        const k = Math.min(cut, weeks);
        const short = schedule(r, rotations, k);
        expect(short.shifts).toEqual(long.shifts.filter((shift) => shift.week < k));
        expect(short.meetings).toEqual(long.meetings.filter((meeting) => meeting.week < k));
      }),
      { numRuns: 100 },
    );
  });

  it('keeps primary shifts within 1 of each other among people available all along, when the roster allows', () => {
    const balanced = fc.record({
      size: fc.integer({ min: 2, max: 8 }),
      pipelines: fc.array(fc.constantFrom<'all' | 'last-of-month'>('all', 'last-of-month'), {
        minLength: 1,
        maxLength: 2,
      }),
      weeks: fc.integer({ min: 1, max: 40 }),
    });
    fc.assert(
      fc.property(balanced, ({ size, pipelines, weeks }) => {
        fc.pre(size > pipelines.length);
        const r = roster(
          NAMES.slice(0, size).map((id) => person(id)),
          { country: 'GB' },
        );
        const rotations = pipelines.map((weeksOf, i) => rotating(`p${i}`, 'Team', { weeks: weeksOf }));
        const report = fairnessReport(schedule(r, rotations, weeks), r, 0);
        expect(report.teams[0]!.primarySpread).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps backup duty within 1 among seniors when juniors need them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 4, max: 40 }),
        (seniors, juniors, weeks) => {
          const people = [
            ...NAMES.slice(0, seniors).map((id) => person(id)),
            ...NAMES.slice(seniors, seniors + juniors).map((id) => person(id, 'junior')),
          ];
          const r = roster(people);
          const report = fairnessReport(schedule(r, [rotating('p0')], weeks), r, 0);
          expect(report.teams[0]!.backupSpread).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 100 },
    );
  });
});
