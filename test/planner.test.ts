/**
 * The planner against the rules and against an exact solver, over seeded random rosters (docs/rotations.md).
 * The rule checks here do their own date arithmetic (Intl), so they do not share the planner's mistakes.
 */
import { describe, expect, it } from 'vitest';
import type { Roster } from '../src/model/roster.js';
import type { Schedule } from '../src/rotation/schedule.js';
import { addDays } from '../src/time/local.js';
import {
  assignments,
  bestQuality,
  fewestChanges,
  problemOf,
  qualityOf,
  QUALITY_ORDER,
  type Quality,
} from './helpers/oracle.js';
import { randomRoster, SMALL, WIDE, type RandomRoster } from './helpers/rosters.js';
import { schedule } from './helpers/rotation.js';
import { datesTouched, freeOn } from './helpers/availability.js';

/** Every broken hard rule of a schedule, in words (empty when it keeps them all). */
function violations(r: Roster, g: RandomRoster, s: Schedule): string[] {
  const found: string[] = [];
  const people = new Map(r.people.map((p) => [p.id, p]));
  const senior = (id: string) => people.get(id)!.level === 'senior';
  const pairing = r.rotation!.pairing !== 'off';
  const onCall = (week: number) => new Set(s.shifts.filter((x) => x.week === week).map((x) => x.person));
  for (const week of s.weeks) {
    const shifts = s.shifts.filter((x) => x.week === week.index);
    const dates = datesTouched(week.start, week.end, r.timezone);
    const gaps = new Set(s.gaps.filter((gap) => gap.week === week.index).map((gap) => gap.pipeline));
    for (const pipeline of g.pipelines) {
      const active = pipeline.oncall.weeks !== 'last-of-month' || week.monthEnd;
      const primaries = shifts.filter((x) => x.pipeline === pipeline.id && x.role === 'primary');
      if (primaries.length !== (active && !gaps.has(pipeline.id) ? 1 : 0))
        found.push(`${week.days[0]} ${pipeline.id}: ${primaries.length} primaries`);
      const team = r.teams.find((t) => t.name === pipeline.oncall.team)!;
      for (const shift of shifts.filter((x) => x.pipeline === pipeline.id)) {
        if (!team.members.includes(shift.person)) found.push(`${week.days[0]} ${shift.person} not in ${team.name}`);
        if (!freeOn(people.get(shift.person)!, dates))
          found.push(
            `${week.days[0]} ${shift.person} unavailable on a day of the shift (${dates[0]}..${dates.at(-1)})`,
          );
      }
      const primary = primaries[0];
      const backup = shifts.find((x) => x.pipeline === pipeline.id && x.role === 'backup');
      if (primary && pairing && !senior(primary.person) !== (backup !== undefined))
        found.push(`${week.days[0]} ${pipeline.id}: pairing`);
      if (backup && !senior(backup.person)) found.push(`${week.days[0]} ${pipeline.id}: junior backup`);
      if (!pairing && backup) found.push(`${week.days[0]} ${pipeline.id}: backup without pairing`);
      // Back-to-back while a teammate who could take the role was rested (off last week) and free this week:
      // a junior counts for a senior's primary shift only when a rested senior could back them up.
      const before = onCall(week.index - 1);
      const now = onCall(week.index);
      const rested = team.members.filter((id) => !before.has(id) && !now.has(id) && freeOn(people.get(id)!, dates));
      for (const shift of shifts.filter((x) => x.pipeline === pipeline.id && before.has(x.person))) {
        const instead = rested.filter(
          (id) =>
            senior(id) ||
            (shift.role === 'primary' && (!pairing || rested.some((other) => other !== id && senior(other)))),
        );
        if (instead.length)
          found.push(`${week.days[0]} ${shift.person} back-to-back while ${instead.join(', ')} rested`);
      }
    }
    if (new Set(shifts.map((x) => x.person)).size !== shifts.length) found.push(`${week.days[0]}: someone twice`);
  }
  return found;
}

describe('planner: hard rules at every instant', () => {
  it('holds every hard rule on 240 random rosters of every shape (or names the week as a gap)', () => {
    let shifts = 0;
    for (let seed = 1; seed <= 240; seed++) {
      const g = randomRoster(seed, seed % 3 === 0 ? SMALL : WIDE);
      const s = schedule(g.roster, g.pipelines, g.weeks);
      expect(violations(g.roster, g, s).slice(0, 3), `seed ${seed}`).toEqual([]);
      shifts += s.shifts.length;
    }
    expect(shifts).toBeGreaterThan(10_000);
  });

  it('keeps a shift off the first away day when the shift ends on that day (its partial last day)', () => {
    // The shift of 7 December runs until 14 December 10:00; away from the 14th, ana cannot take it.
    const g = randomRoster(1, SMALL);
    const r = g.roster;
    const ana = r.people[0]!;
    ana.away = [{ from: '2026-12-14', to: '2026-12-20' }];
    const s = schedule(r, g.pipelines, 4);
    expect(s.shifts.filter((x) => x.person === ana.id && (x.week === 1 || x.week === 2))).toEqual([]);
  });

  it('does not schedule a leaver on the shift that runs past their last day', () => {
    const g = randomRoster(2, SMALL);
    const leaver = g.roster.people[0]!;
    leaver.left = '2026-12-07';
    // Week 0 ends 7 December 10:00 (still theirs); week 1 runs to the 14th, past the last day.
    const s = schedule(g.roster, g.pipelines, 6);
    expect(s.shifts.filter((x) => x.person === leaver.id && x.week >= 1)).toEqual([]);
  });
});

/** Planner against oracle on one roster; undefined when the roster is too big to solve exactly in time. */
async function compare(g: RandomRoster): Promise<{ got: Quality; best: Quality } | undefined> {
  const s = schedule(g.roster, g.pipelines, g.weeks);
  const problem = problemOf(g.roster, g.pipelines, g.weeks);
  const best = await bestQuality(problem);
  return best && { got: qualityOf(problem, s), best };
}

describe('planner: against the exact optimum (HiGHS) on small rosters', () => {
  it('covers every week the optimum covers, and its fairness is recorded goal by goal', async () => {
    const tally = { rosters: 0, solved: 0, equal: 0, spreadsWithinOneWhenReachable: 0, reachable: 0 };
    const misses: Record<keyof Quality, number> = {
      uncovered: 0,
      primarySpread: 0,
      holidaySpread: 0,
      backupSpread: 0,
      backToBack: 0,
    };
    for (let seed = 1; seed <= 120; seed++) {
      const g = randomRoster(seed, { ...SMALL, steady: seed % 2 === 0 });
      tally.rosters++;
      const result = await compare(g);
      if (!result) continue;
      tally.solved++;
      const { got, best } = result;
      // Nothing beats the optimum: if the planner did, the oracle would be wrong.
      const order = QUALITY_ORDER.map((goal) => got[goal] - best[goal]).find((diff) => diff !== 0) ?? 0;
      expect(order, `seed ${seed}: ${JSON.stringify(got)} vs ${JSON.stringify(best)}`).toBeGreaterThanOrEqual(0);
      expect(got.uncovered, `seed ${seed}`).toBe(best.uncovered);
      const first = QUALITY_ORDER.find((goal) => got[goal] !== best[goal]);
      if (first) misses[first]++;
      else tally.equal++;
      const spreads = ['primarySpread', 'holidaySpread', 'backupSpread'] as const;
      // Within one per team, read on the sums: at most one per team that has pipelines.
      const teams = problemOf(g.roster, g.pipelines, g.weeks).steady.size;
      if (spreads.every((goal) => best[goal] <= teams)) {
        tally.reachable++;
        if (spreads.every((goal) => got[goal] <= teams)) tally.spreadsWithinOneWhenReachable++;
      }
    }
    console.log(JSON.stringify({ ...tally, firstGoalMissed: misses }));
    expect(tally.solved).toBeGreaterThanOrEqual(100);
    // Measured on these seeds when the planner was written; a change that plans worse fails here.
    expect(tally.equal).toBeGreaterThanOrEqual(57);
    expect(tally.spreadsWithinOneWhenReachable).toBeGreaterThanOrEqual(116);
  }, 120_000);
});

/** The edits that must stay local (docs/rotations.md), each taking effect in week k. */
function edits(g: RandomRoster, k: number): { name: string; roster: Roster }[] {
  const first = addDays('2026-11-30', 7 * k);
  const clone = (): Roster => structuredClone(g.roster);
  const someone = (r: Roster) => r.people.find((p) => !p.left && !p.joined) ?? r.people[0]!;
  const away = clone();
  const person = someone(away);
  // From the day after the handover: the shift before week k ends on the handover day, so a range from that
  // day would take effect in week k - 1.
  person.away = [...(person.away ?? []), { from: addDays(first, 1), to: addDays(first, 10) }];
  const joiner = clone();
  joiner.people.push({ id: 'new', name: 'New Person', email: 'new@example.com', level: 'senior', joined: first });
  joiner.teams[0]!.members.push('new');
  const leaver = clone();
  someone(leaver).left = first;
  const holiday = clone();
  holiday.holidays = { ...holiday.holidays, extra: [...(holiday.holidays?.extra ?? []), addDays(first, 2)] };
  return [
    { name: 'away 10 days', roster: away },
    { name: 'joiner', roster: joiner },
    { name: 'leaver', roster: leaver },
    { name: 'company holiday', roster: holiday },
  ];
}

describe('planner: edits stay local', () => {
  it('changes no shift before the week an edit takes effect (60 rosters × 4 edits)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const g = randomRoster(seed, WIDE);
      const k = 2 + (seed % Math.max(1, g.weeks - 4));
      const before = assignments(schedule(g.roster, g.pipelines, g.weeks));
      for (const edit of edits(g, k)) {
        const after = assignments(schedule(edit.roster, g.pipelines, g.weeks));
        const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
          (key) => Number(key.split('@')[1]!.split('/')[0]) < k && before.get(key) !== after.get(key),
        );
        expect(changed, `seed ${seed}, ${edit.name} in week ${k}`).toEqual([]);
      }
    }
  });

  // What the planner changes today, per seed and edit (away, joiner, leaver, holiday): a ratchet. Unpublished
  // weeks are planned afresh, so the planner changes more than the fewest a plan as fair needs (docs/rotations.md,
  // "Publishing" freezes weeks); no change to the planner may make these figures worse, and a better planner lowers
  // them here on purpose. Re-recorded once on purpose when a week on call in another team stopped counting toward
  // that team's fair share (seeds 6, 7, 10 and 11 have a member in two teams): 318 changes in all where there were
  // 329, seed 6's away range 14 where it was 1.
  const CHANGED: Record<number, number[]> = {
    1: [5, 5, 7, 2],
    2: [0, 7, 5, 0],
    3: [2, 4, 5, 0],
    4: [0, 12, 0, 0],
    5: [2, 6, 6, 0],
    6: [14, 14, 6, 0],
    7: [23, 22, 22, 0],
    8: [2, 12, 7, 0],
    9: [16, 17, 12, 0],
    10: [0, 5, 6, 0],
    11: [16, 19, 8, 0],
    12: [7, 12, 10, 0],
  };

  it('changes no more shifts from that week on than it did when recorded, and never fewer than any fair plan needs', async () => {
    const rows: string[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const g = randomRoster(seed, { ...SMALL, weeks: [12, 12] });
      const k = 4;
      const before = assignments(schedule(g.roster, g.pipelines, g.weeks));
      const cells: string[] = [];
      for (const [n, edit] of edits(g, k).entries()) {
        const s = schedule(edit.roster, g.pipelines, g.weeks);
        const after = assignments(s);
        const changes = [...new Set([...before.keys(), ...after.keys()])].filter(
          (key) => before.get(key) !== after.get(key),
        ).length;
        const problem = problemOf(edit.roster, g.pipelines, g.weeks);
        const fewest = await fewestChanges(problem, before, k, qualityOf(problem, s));
        expect(changes, `seed ${seed} ${edit.name}: as recorded`).toBeLessThanOrEqual(CHANGED[seed]![n]!);
        // The solver's fewest is a floor: a planner below it would have broken a goal the quality records.
        if (fewest !== undefined)
          expect(changes, `seed ${seed} ${edit.name}: the floor`).toBeGreaterThanOrEqual(fewest);
        cells.push(`${changes}/${fewest ?? '?'}`);
      }
      rows.push(`seed ${seed}: ${cells.join(' ')}`);
    }
    console.log(`changes from week 4 (planner/fewest as fair): away joiner leaver holiday\n${rows.join('\n')}`);
  }, 180_000);
});
