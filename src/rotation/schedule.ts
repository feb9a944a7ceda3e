/**
 * The scheduler. Pure: no clock, no I/O. Weeks are filled in order from the epoch, each from what came
 * before it only, so a longer horizon never changes an earlier week (prefix stability).
 */
import type { Pipeline } from '../model/pipeline.js';
import type { Person, Roster, Team } from '../model/roster.js';
import type { HolidayLookup, WorkCalendar } from '../sla/calendar.js';
import { parseDuration } from '../model/duration.js';
import { RotationInputError, UncoverableWeek } from '../model/errors.js';
import { holidayCounter, unavailability } from './people.js';
import { buildWeek, handoverOf, type Handover, type Week } from './weeks.js';
import { compareText } from '../util/compare.js';

export type Role = 'primary' | 'backup';

export interface Shift {
  pipeline: string;
  team: string;
  role: Role;
  person: string;
  week: number;
  start: Date;
  end: Date;
  /** Working days of the week that are holidays on this person's calendar. */
  holidayDays: number;
  monthEnd: boolean;
}

export interface Meeting {
  pipeline: string;
  week: number;
  start: Date;
  end: Date;
  /** Outgoing and incoming primary. */
  attendees: [string, string];
}

/** A week of a pipeline that no one can take under the hard rules. */
export interface Gap {
  pipeline: string;
  week: number;
  /** Why, naming the week, the pipeline and who is unavailable. */
  message: string;
}

export interface Schedule {
  handover: Handover;
  weeks: Week[];
  shifts: Shift[];
  meetings: Meeting[];
  /** Weeks left uncovered: the other pipelines and weeks are planned as usual. */
  gaps: Gap[];
}

export interface RotationInput {
  roster: Roster;
  pipelines: readonly Pipeline[];
  calendar: WorkCalendar;
  holidays: HolidayLookup;
}

/** The week could not be covered under the hard rules (the rotate command stops with exit 1, nothing written). */
export { UncoverableWeek };

/** How many search steps one week may take before it is declared uncoverable. */
const SEARCH_BUDGET = 20_000;

interface Tally {
  primary: number;
  backup: number;
  expectedPrimary: number;
  expectedBackup: number;
  holidayPrimaryWeeks: number;
  holidayBackupWeeks: number;
  lastShiftWeek: number;
}

interface Assignment {
  pipeline: Pipeline;
  team: Team;
  primary: Person;
  backup?: Person;
}

export function rotationPipelines(pipelines: readonly Pipeline[]): Pipeline[] {
  return pipelines.filter((pipeline) => pipeline.oncall.mode === 'rotation').sort((a, b) => compareText(a.id, b.id));
}

export function buildSchedule(input: RotationInput, weekCount: number): Schedule {
  const { roster, calendar } = input;
  if (!roster.rotation)
    throw new RotationInputError(
      'the roster has no rotation settings: add rotation: { start: YYYY-MM-DD } to roster.yaml',
    );
  const handover = handoverOf(roster);
  const people = new Map(roster.people.map((person) => [person.id, person]));
  const pipelines = rotationPipelines(input.pipelines);
  const teamOf = new Map<string, Team>();
  for (const pipeline of pipelines) {
    const team = roster.teams.find((candidate) => candidate.name === pipeline.oncall.team);
    if (!team)
      throw new RotationInputError(
        `pipeline ${pipeline.id}: on-call team "${pipeline.oncall.team}" is not in the roster (runbook lint shows every such problem)`,
      );
    const missing = team.members.find((member) => !people.has(member));
    if (missing)
      throw new RotationInputError(
        `team "${team.name}": member "${missing}" is not one of the people in the roster (runbook lint shows every such problem)`,
      );
    teamOf.set(pipeline.id, team);
  }
  const pairing = roster.rotation.pairing !== 'off';
  const holidayDays = holidayCounter(roster, calendar, input.holidays);
  const tally = new Map(
    roster.people.map((person): [string, Tally] => [
      person.id,
      {
        primary: 0,
        backup: 0,
        expectedPrimary: 0,
        expectedBackup: 0,
        holidayPrimaryWeeks: 0,
        holidayBackupWeeks: 0,
        lastShiftWeek: -2,
      },
    ]),
  );
  const lastPrimary = new Map<string, string>();
  const schedule: Schedule = { handover, weeks: [], shifts: [], meetings: [], gaps: [] };

  for (let index = 0; index < weekCount; index++) {
    const week = buildWeek(handover, calendar, index);
    schedule.weeks.push(week);
    let active = pipelines.filter((pipeline) => pipeline.oncall.weeks !== 'last-of-month' || week.monthEnd);
    const away = new Map(roster.people.map((person) => [person.id, unavailability(person, week)]));
    const holiday = new Map(roster.people.map((person) => [person.id, holidayDays(person, week)]));

    // Each team's options for a slot (a primary, and a senior backup beside a junior), best first. Fixed for
    // the week, so a week depends only on the weeks before it.
    const options = new Map<string, Options>();
    for (const team of new Set(active.map((pipeline) => teamOf.get(pipeline.id)!))) {
      options.set(team.name, teamOptions(team, people, tally, holiday, away, index, pairing));
    }
    // A team with more pipelines this week than people free to take them leaves the excess uncovered at once
    // (one shift a week each), so the search below never grinds through what cannot fit.
    for (const team of new Set(active.map((pipeline) => teamOf.get(pipeline.id)!))) {
      const free = team.members.filter((id) => away.get(id) === undefined).length;
      const drawing = active.filter((pipeline) => teamOf.get(pipeline.id) === team);
      if (free === 0 || drawing.length <= free) continue;
      for (const pipeline of drawing.slice(free)) {
        const message = `${weekName(week, handover)}: no one can take the ${pipeline.id} shift: ${team.name} has ${free} people free for ${drawing.length} pipelines this week (one shift a week each)`;
        schedule.gaps.push({ pipeline: pipeline.id, week: index, message });
      }
      const excess = new Set(drawing.slice(free));
      active = active.filter((pipeline) => !excess.has(pipeline));
    }
    // A pipeline that cannot be covered this week is left out of it (a gap), and the others are planned.
    let chosen: Assignment[] | undefined;
    while (!chosen) {
      try {
        chosen = assignWeek(active, teamOf, options, away, pairing, week, handover);
      } catch (error) {
        if (!(error instanceof UncoverableWeek)) throw error;
        schedule.gaps.push({ pipeline: error.pipeline, week: index, message: error.message });
        active = active.filter((pipeline) => pipeline.id !== error.pipeline);
      }
    }
    for (const { pipeline, team, primary, backup } of chosen) {
      for (const [role, person] of [
        ['primary', primary],
        ['backup', backup],
      ] as const) {
        if (!person) continue;
        const t = tally.get(person.id)!;
        const days = holiday.get(person.id)!;
        if (role === 'primary')
          [t.primary, t.holidayPrimaryWeeks] = [t.primary + 1, t.holidayPrimaryWeeks + (days > 0 ? 1 : 0)];
        else [t.backup, t.holidayBackupWeeks] = [t.backup + 1, t.holidayBackupWeeks + (days > 0 ? 1 : 0)];
        t.lastShiftWeek = index;
        schedule.shifts.push({
          pipeline: pipeline.id,
          team: team.name,
          role,
          person: person.id,
          week: index,
          start: week.start,
          end: week.end,
          holidayDays: days,
          monthEnd: week.monthEnd,
        });
      }
      const meeting = pipeline.oncall['handover-meeting'];
      const outgoing = lastPrimary.get(pipeline.id);
      if (meeting && outgoing !== undefined && outgoing !== primary.id) {
        const length = parseDuration(meeting)!;
        schedule.meetings.push({
          pipeline: pipeline.id,
          week: index,
          start: new Date(week.start.getTime() - length),
          end: week.start,
          attendees: [outgoing, primary.id],
        });
      }
      lastPrimary.set(pipeline.id, primary.id);
    }

    // Fair shares: each slot of a team this week is owed equally to its members who could have taken it.
    for (const team of new Set(active.map((pipeline) => teamOf.get(pipeline.id)!))) {
      const pool = team.members.filter((id) => away.get(id) === undefined);
      const seniors = pool.filter((id) => people.get(id)!.level === 'senior');
      const primarySlots = chosen.filter((entry) => entry.team === team).length;
      const backupSlots = chosen.filter((entry) => entry.team === team && entry.backup).length;
      for (const id of pool) tally.get(id)!.expectedPrimary += primarySlots / pool.length;
      for (const id of seniors) tally.get(id)!.expectedBackup += backupSlots / seniors.length;
    }
  }
  return schedule;
}

interface Option {
  primary: Person;
  backup?: Person;
}

/** A slot's options: the scored ones best first, then every other pairing for the search to fall back on. */
interface Options {
  best: Option[];
  rest: () => Iterable<Option>;
}

/**
 * The ways one slot of a team can be filled, best first: nobody on call two weeks running (the hard rule,
 * kept whenever another way exists); then, among those within one shift of the most owed, nobody taking
 * another holiday week before a teammate has one; then the fair share of primary shifts, then of backup
 * duty, then whoever has waited longest.
 */
function teamOptions(
  team: Team,
  people: ReadonlyMap<string, Person>,
  tally: ReadonlyMap<string, Tally>,
  holiday: ReadonlyMap<string, number>,
  away: ReadonlyMap<string, string | undefined>,
  index: number,
  pairing: boolean,
): Options {
  const free = team.members.filter((id) => away.get(id) === undefined).map((id) => people.get(id)!);
  const seniors = free.filter((person) => person.level === 'senior');
  const rank = (person: Person, role: Role) => {
    const t = tally.get(person.id)!;
    const holidayWeeks = role === 'primary' ? t.holidayPrimaryWeeks : t.holidayBackupWeeks;
    const owed = role === 'primary' ? t.expectedPrimary - t.primary : t.expectedBackup - t.backup;
    const position = team.members.indexOf(person.id);
    return {
      consecutive: t.lastShiftWeek === index - 1 ? 1 : 0,
      holiday: holiday.get(person.id)! > 0 ? holidayWeeks : 0,
      owed,
      waited: index - t.lastShiftWeek,
      turn: (position - (index % team.members.length) + team.members.length) % team.members.length,
    };
  };
  // Holiday spread may reorder only among people within one shift of the most owed, so load stays balanced.
  const mostOwed = Math.max(...free.map((person) => rank(person, 'primary').owed));
  const compare = (x: number[], y: number[]): number => x.reduce((diff, value, i) => diff || value - y[i]!, 0);
  const backupRanks = new Map(seniors.map((senior) => [senior.id, rank(senior, 'backup')]));
  // A junior is scored with each of the few best-placed seniors; the search falls back to all of them.
  const bestBackups = [...seniors]
    .sort((x, y) => compare(backupKey(backupRanks.get(x.id)!), backupKey(backupRanks.get(y.id)!)))
    .slice(0, BACKUPS_SCORED);
  const scored: { option: Option; key: number[] }[] = [];
  for (const primary of free) {
    const p = rank(primary, 'primary');
    const backups = pairing && primary.level === 'junior' ? bestBackups : [undefined];
    for (const backup of backups) {
      const b = backup && backupRanks.get(backup.id)!;
      scored.push({
        option: backup ? { primary, backup } : { primary },
        key: [
          p.consecutive + (b?.consecutive ?? 0),
          mostOwed - p.owed >= 1 - 1e-9 ? 1 : 0,
          p.holiday + (b?.holiday ?? 0),
          // Primary fairness first, backup fairness next: a tenth of a primary shift outweighs a whole backup shift.
          -Math.round((p.owed * 10 + (b?.owed ?? 0)) * 1e6),
          -p.waited,
          // On a tie, an option that needs no backup keeps a senior free.
          -(b?.waited ?? Number.MAX_SAFE_INTEGER),
          p.turn,
          b?.turn ?? 0,
        ],
      });
    }
  }
  const best = scored.sort((x, y) => compare(x.key, y.key)).map((entry) => entry.option);
  const juniors = best.filter((option) => option.backup).map((option) => option.primary);
  const everyPairing = function* (): Generator<Option> {
    for (const primary of new Set(juniors)) for (const backup of seniors) yield { primary, backup };
  };
  return { best, rest: everyPairing };
}

/** How many seniors each junior is scored with; more are tried only when these are all taken. */
const BACKUPS_SCORED = 3;

function backupKey(rank: {
  consecutive: number;
  holiday: number;
  owed: number;
  waited: number;
  turn: number;
}): number[] {
  return [rank.consecutive, rank.holiday, -Math.round(rank.owed * 1e6), -rank.waited, rank.turn];
}

/** Fills one week: one primary per active pipeline, a free senior beside each junior primary, nobody twice. */
function assignWeek(
  active: readonly Pipeline[],
  teamOf: ReadonlyMap<string, Team>,
  options: ReadonlyMap<string, Options>,
  away: ReadonlyMap<string, string | undefined>,
  pairing: boolean,
  week: Week,
  handover: Handover,
): Assignment[] {
  for (const pipeline of active) {
    const team = teamOf.get(pipeline.id)!;
    if (team.members.every((id) => away.get(id) !== undefined)) {
      const reasons = team.members.map((id) => `${id} ${away.get(id)}`);
      throw new UncoverableWeek(
        `${weekName(week, handover)}: no one can take the ${pipeline.id} shift: everyone in ${team.name} is unavailable${reasons.length ? ` (${reasons.join('; ')})` : ' (the team has no members)'}`,
        pipeline.id,
      );
    }
  }
  const busy = new Set<string>();
  const chosen: Assignment[] = [];
  let budget = SEARCH_BUDGET;
  let deepest = 0;
  const solve = (slot: number): boolean => {
    deepest = Math.max(deepest, slot);
    if (slot === active.length) return true;
    const pipeline = active[slot]!;
    const team = teamOf.get(pipeline.id)!;
    const { best, rest } = options.get(team.name)!;
    for (const { primary, backup } of chain(best, rest)) {
      if (busy.has(primary.id) || (backup && busy.has(backup.id))) continue;
      if (--budget < 0) return false;
      busy.add(primary.id);
      if (backup) busy.add(backup.id);
      chosen.push({ pipeline, team, primary, ...(backup ? { backup } : {}) });
      if (solve(slot + 1)) return true;
      chosen.pop();
      busy.delete(primary.id);
      if (backup) busy.delete(backup.id);
    }
    return false;
  };
  if (solve(0)) return chosen;
  const pipeline = active[Math.min(deepest, active.length - 1)]!;
  const team = teamOf.get(pipeline.id)!;
  const unavailable = team.members.filter((id) => away.get(id) !== undefined).map((id) => `${id} ${away.get(id)}`);
  throw new UncoverableWeek(
    `${weekName(week, handover)}: no one can take the ${pipeline.id} shift from ${team.name} without breaking a rule ` +
      `(one shift a week each${pairing ? ', a free senior beside every junior primary' : ''})` +
      (unavailable.length ? `; unavailable: ${unavailable.join('; ')}` : ''),
    pipeline.id,
  );
}

function* chain<T>(first: Iterable<T>, then: () => Iterable<T>): Generator<T> {
  yield* first;
  yield* then();
}

export function weekName(week: Week, handover: Handover): string {
  return `week of ${week.days[0]} (from ${handover.epoch === week.days[0] ? 'the first handover' : 'handover'} ${String(handover.hour).padStart(2, '0')}:${String(handover.minute).padStart(2, '0')} ${handover.timeZone})`;
}
