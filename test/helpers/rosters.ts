/**
 * Seeded random rosters of the shapes a team lead meets: teams of 2 to 12, one-senior teams, people in two
 * teams, PTO over the holidays, joiners and leavers, US/GB/DE/IN holidays, 8 to 52 weeks.
 */
import type { Pipeline } from '../../src/model/pipeline.js';
import type { Person, Roster } from '../../src/model/roster.js';
import { addDays } from '../../src/time/local.js';
import { person, roster, rotating } from './rotation.js';

export interface RandomRoster {
  seed: number;
  roster: Roster;
  pipelines: Pipeline[];
  weeks: number;
}

/** A small, fast, seeded generator (mulberry32): the same seed gives the same roster on every machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES = ['US', 'GB', 'DE', 'IN'] as const;
const EPOCH = '2026-11-30';

export interface Shape {
  /** Team sizes are drawn from this range. */
  teamSize: [number, number];
  teams: [number, number];
  pipelinesPerTeam: [number, number];
  weeks: [number, number];
  /** Nobody away, joining or leaving within the horizon. */
  steady?: boolean;
}

/** Rosters small enough for the exact solver to plan in the test. */
export const SMALL: Shape = { teamSize: [2, 5], teams: [1, 2], pipelinesPerTeam: [1, 2], weeks: [8, 12] };
/** The full range of shapes (for the hard rules and the edit experiments). */
export const WIDE: Shape = { teamSize: [2, 12], teams: [1, 3], pipelinesPerTeam: [1, 3], weeks: [8, 52] };

export function randomRoster(seed: number, shape: Shape): RandomRoster {
  const next = random(seed);
  const between = ([low, high]: [number, number]) => low + Math.floor(next() * (high - low + 1));
  const chance = (p: number) => next() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const weeks = between(shape.weeks);
  const country = pick(COUNTRIES);
  const people: Person[] = [];
  const teams: Record<string, string[]> = {};
  const pipelines: Pipeline[] = [];
  const teamCount = between(shape.teams);
  for (let t = 0; t < teamCount; t++) {
    const name = `Team ${String.fromCharCode(65 + t)}`;
    const size = between(shape.teamSize);
    const members: string[] = [];
    // Now and then someone from the team before joins this one too.
    if (t > 0 && chance(0.4)) members.push(pick(teams[`Team ${String.fromCharCode(64 + t)}`]!));
    const oneSenior = chance(0.3);
    while (members.length < size) {
      const id = `p${people.length + 1}`;
      const senior = oneSenior ? !members.some((m) => people.find((p) => p.id === m)?.level === 'senior') : chance(0.6);
      people.push(person(id, senior ? 'senior' : 'junior', extras(next, weeks, country, shape.steady ?? false)));
      members.push(id);
    }
    // At least one senior, so that pairing can be met.
    if (!members.some((m) => people.find((p) => p.id === m)!.level === 'senior'))
      people.find((p) => p.id === members[0])!.level = 'senior';
    teams[name] = members;
    const count = Math.min(between(shape.pipelinesPerTeam), Math.max(1, Math.floor(size / 2)));
    for (let i = 0; i < count; i++)
      pipelines.push(
        rotating(`${name.slice(-1).toLowerCase()}${i + 1}`, name, chance(0.2) ? { weeks: 'last-of-month' } : {}),
      );
  }
  const r = roster(people, {
    teams,
    country,
    pairing: chance(0.75) ? 'junior-with-senior' : 'off',
    extra: chance(0.3) ? [addDays(EPOCH, between([0, weeks * 7 - 1]))] : [],
  });
  return { seed, roster: r, pipelines, weeks };
}

function extras(next: () => number, weeks: number, country: string, steady: boolean): Partial<Person> {
  const out: Partial<Person> = {};
  const horizon = weeks * 7;
  const day = (low: number, high: number) => addDays(EPOCH, low + Math.floor(next() * (high - low)));
  if (next() < 0.25) out.country = COUNTRIES.filter((c) => c !== country)[Math.floor(next() * 3)]!;
  if (steady) return out;
  if (next() < 0.12) out.joined = day(7, horizon);
  else if (next() < 0.12) out.left = day(7, horizon);
  const away = [];
  // PTO over the December holidays is the common case.
  if (next() < 0.2) away.push({ from: '2026-12-21', to: addDays('2026-12-21', 4 + Math.floor(next() * 12)) });
  if (next() < 0.35) {
    const from = day(0, horizon);
    away.push({ from, to: addDays(from, Math.floor(next() * 14)) });
  }
  if (away.length) out.away = away.sort((a, b) => (a.from < b.from ? -1 : 1));
  return out;
}
