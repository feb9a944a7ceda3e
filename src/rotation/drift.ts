/**
 * Drift: where the final schedule (the plan with the overrides laid over it) breaks a fairness goal the plan
 * kept (docs/rotations.md, "Drift in plain view"): a team's primary shifts spread by more than one among the
 * members available all along, or someone on call two weeks running. Pure.
 */
import type { LocalDate } from '../time/local.js';
import { unavailability } from './people.js';
import { buildSchedule, isOnCall, shareOf, type RotationInput, type Schedule } from './schedule.js';
import { twoPlaces as round } from '../util/round.js';

export interface Drift {
  kind: 'spread' | 'back-to-back';
  /** The team whose spread it is, or whose member is on call back to back. */
  team: string;
  people: string[];
  weeks: LocalDate[];
  /** The overrides that give the shifts in question (numbered from 0), if any. */
  overrides: number[];
  message: string;
}

const EPSILON = 1e-9;

/** The drift over the first `weeks` weeks, against the same plan without the overrides. */
export function fairnessDrift(input: RotationInput, weeks: number): Drift[] {
  if (!input.overrides?.length || weeks < 1) return [];
  const final = buildSchedule(input, weeks);
  const plan = buildSchedule({ ...input, overrides: [] }, weeks);
  return [...spreadDrift(input, final, plan), ...backToBackDrift(final, plan)];
}

function primaryShares(schedule: Schedule, team: string): Map<string, number> {
  const shares = new Map<string, number>();
  for (const shift of schedule.shifts)
    if (shift.team === team && shift.role === 'primary')
      shares.set(shift.person, (shares.get(shift.person) ?? 0) + shareOf(shift));
  return shares;
}

function spreadDrift(input: RotationInput, final: Schedule, plan: Schedule): Drift[] {
  const teams = new Set(final.shifts.map((shift) => shift.team));
  const drift: Drift[] = [];
  for (const team of input.roster.teams) {
    if (!teams.has(team.name)) continue;
    const steady = team.members.filter((id) => {
      const person = input.roster.people.find((candidate) => candidate.id === id);
      return person && final.weeks.every((week) => unavailability(person, week) === undefined);
    });
    if (steady.length < 2) continue;
    const spreadOf = (schedule: Schedule) => {
      const shares = primaryShares(schedule, team.name);
      const values = steady.map((id) => shares.get(id) ?? 0);
      return { shares, most: Math.max(...values), fewest: Math.min(...values) };
    };
    const now = spreadOf(final);
    const planned = spreadOf(plan);
    if (now.most - now.fewest <= 1 + EPSILON || planned.most - planned.fewest > 1 + EPSILON) continue;
    const who = (value: number) => steady.filter((id) => Math.abs((now.shares.get(id) ?? 0) - value) < EPSILON);
    const high = who(now.most);
    const low = who(now.fewest);
    const overrides = [
      ...new Set(
        final.shifts
          .filter((shift) => shift.team === team.name && shift.override && shift.override.index >= 0)
          .filter((shift) => high.includes(shift.person) || low.includes(shift.override!.covers))
          .map((shift) => shift.override!.index),
      ),
    ].sort((x, y) => x - y);
    drift.push({
      kind: 'spread',
      team: team.name,
      people: [...high, ...low],
      weeks: [final.weeks[0]!.days[0]!, final.weeks.at(-1)!.days[0]!],
      overrides,
      message: `${team.name}: primary shifts now range from ${round(now.fewest)} (${low.join(', ')}) to ${round(now.most)} (${high.join(', ')}) from the week of ${final.weeks[0]!.days[0]} to that of ${final.weeks.at(-1)!.days[0]}; the plan keeps them within one`,
    });
  }
  return drift;
}

function backToBackDrift(final: Schedule, plan: Schedule): Drift[] {
  const onCall = (schedule: Schedule) => {
    const weeks = new Map<string, Set<number>>();
    // A shadow week is not on call: a joiner's shadow weeks run back to back by design.
    for (const shift of schedule.shifts.filter(isOnCall)) {
      const own = weeks.get(shift.person) ?? new Set<number>();
      own.add(shift.week);
      weeks.set(shift.person, own);
    }
    return weeks;
  };
  const now = onCall(final);
  const planned = onCall(plan);
  const drift: Drift[] = [];
  for (const [person, weeks] of now) {
    for (const week of [...weeks].sort((x, y) => x - y)) {
      if (!weeks.has(week + 1) || (planned.get(person)?.has(week) && planned.get(person)?.has(week + 1))) continue;
      const theirs = final.shifts.filter(
        (shift) => shift.person === person && (shift.week === week || shift.week === week + 1),
      );
      const days = [final.weeks[week]!.days[0]!, final.weeks[week + 1]!.days[0]!];
      drift.push({
        kind: 'back-to-back',
        team: theirs[0]!.team,
        people: [person],
        weeks: days,
        overrides: [
          ...new Set(
            theirs.flatMap((shift) => (shift.override && shift.override.index >= 0 ? [shift.override.index] : [])),
          ),
        ],
        message: `${person} is on call in the weeks of ${days[0]} and ${days[1]}, back to back; the plan avoids it`,
      });
    }
  }
  return drift;
}
