/**
 * The planner. Pure: no clock, no I/O. Weeks are filled in order from the epoch, each from its own facts, the
 * tallies of the weeks before it and the public holidays ahead (fixed by each person's calendar), never from a
 * later week's away range, joiner, leaver or company day: a longer horizon never changes an earlier week
 * (prefix stability), and an edit that takes effect in week k changes no week before k.
 */
import type { Pipeline } from '../model/pipeline.js';
import type { Person, Roster, Team } from '../model/roster.js';
import type { HolidayLookup, WorkCalendar } from '../sla/calendar.js';
import { parseDuration } from '../model/duration.js';
import { RotationInputError, UncoverableWeek } from '../model/errors.js';
import { holidayChecker, holidayCounter, unavailability } from './people.js';
import { addDays, instantAt, weekdayOf } from '../sla/local.js';
import { buildWeek, handoverOf, type Handover, type Week } from './weeks.js';
import { compareText } from '../util/compare.js';
import { leastCostAssignment } from './assignment.js';

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

/** A person's standing in one team: fairness is kept per team, across every pipeline that draws on it. */
interface Tally {
  primary: number;
  backup: number;
  /** Fair shares so far: each slot of a week is owed equally to the members who could have taken it. */
  expectedPrimary: number;
  expectedBackup: number;
  holidayPrimaryWeeks: number;
  holidayBackupWeeks: number;
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

/** Plans `weekCount` weeks from the epoch (see the file's comment for what each week is decided from). */
export function buildSchedule(input: RotationInput, weekCount: number): Schedule {
  const { roster, calendar } = input;
  if (!roster.rotation)
    throw new RotationInputError(
      'the roster has no rotation settings: add rotation: { start: YYYY-MM-DD } to roster.yaml',
    );
  const handover = handoverOf(roster, calendar.offsets);
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
  const isHoliday = holidayChecker(roster, input.holidays);
  const weekCache = new Map<number, Week>();
  const weekAt = (index: number): Week => {
    let week = weekCache.get(index);
    if (!week) weekCache.set(index, (week = buildWeek(handover, calendar, index)));
    return week;
  };
  // The forecast of later weeks knows public holidays only: they are fixed by each person's calendar, while
  // company days, away ranges, joiners and leavers are edits, which must change no week before their own.
  const isPublicHoliday = holidayChecker(roster, input.holidays, { companyDays: false });
  const publicHolidayWeeks = new Map<string, boolean>();
  const publicHolidayWeek = (person: Person, index: number): boolean => {
    const key = `${person.id}@${index}`;
    let known = publicHolidayWeeks.get(key);
    if (known === undefined) {
      known = weekAt(index).days.some((day) => calendar.workdays.has(weekdayOf(day)) && isPublicHoliday(person, day));
      publicHolidayWeeks.set(key, known);
    }
    return known;
  };
  const slotsIn = (team: Team, index: number): number =>
    pipelines.filter(
      (pipeline) =>
        teamOf.get(pipeline.id) === team && (pipeline.oncall.weeks !== 'last-of-month' || weekAt(index).monthEnd),
    ).length;
  const tallies = new Map<string, Map<string, Tally>>();
  for (const team of new Set(teamOf.values()))
    tallies.set(
      team.name,
      new Map(
        team.members.map((id): [string, Tally] => [
          id,
          {
            primary: 0,
            backup: 0,
            expectedPrimary: 0,
            expectedBackup: 0,
            holidayPrimaryWeeks: 0,
            holidayBackupWeeks: 0,
          },
        ]),
      ),
    );
  /** The last week each person was on call, in any role and any team. */
  const lastOnCall = new Map<string, number>();
  const lastPrimary = new Map<string, string>();
  const schedule: Schedule = { handover, weeks: [], shifts: [], meetings: [], gaps: [] };

  for (let index = 0; index < weekCount; index++) {
    const week = weekAt(index);
    weekCache.delete(index - 1);
    schedule.weeks.push(week);
    let active = pipelines.filter((pipeline) => pipeline.oncall.weeks !== 'last-of-month' || week.monthEnd);
    const away = new Map(roster.people.map((person) => [person.id, unavailability(person, week)]));
    const holiday = new Map(roster.people.map((person) => [person.id, holidayDays(person, week)]));
    const standing: Standing = { people, away, holiday, lastOnCall, index, pairing, slotsIn, publicHolidayWeek };

    // Each team's options for a slot (a primary, and a senior backup beside a junior), best first. Fixed for
    // the week, so a week depends only on the weeks before it.
    const options = new Map<string, Options>();
    for (const team of new Set(active.map((pipeline) => teamOf.get(pipeline.id)!))) {
      options.set(team.name, teamOptions(team, tallies.get(team.name)!, standing));
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
      const teamTally = tallies.get(team.name)!;
      for (const [role, person] of [
        ['primary', primary],
        ['backup', backup],
      ] as const) {
        if (!person) continue;
        const t = teamTally.get(person.id)!;
        const days = holiday.get(person.id)!;
        if (role === 'primary')
          [t.primary, t.holidayPrimaryWeeks] = [t.primary + 1, t.holidayPrimaryWeeks + (days > 0 ? 1 : 0)];
        else [t.backup, t.holidayBackupWeeks] = [t.backup + 1, t.holidayBackupWeeks + (days > 0 ? 1 : 0)];
        lastOnCall.set(person.id, index);
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
        const attendees = [people.get(outgoing)!, primary];
        // Never on a holiday of either attendee: the nearest earlier working day, at the handover time.
        let day = week.days[0]!;
        for (let step = 0; step < 14; step++) {
          if (calendar.workdays.has(weekdayOf(day)) && !attendees.some((person) => isHoliday(person, day))) break;
          day = addDays(day, -1);
        }
        const end = instantAt(day, handover.hour, handover.minute, handover);
        schedule.meetings.push({
          pipeline: pipeline.id,
          week: index,
          start: new Date(end.getTime() - length),
          end,
          attendees: [outgoing, primary.id],
        });
      }
      lastPrimary.set(pipeline.id, primary.id);
    }

    // Fair shares: each slot of a team this week is owed equally to its members who could have taken it.
    for (const team of new Set(active.map((pipeline) => teamOf.get(pipeline.id)!))) {
      const teamTally = tallies.get(team.name)!;
      const pool = team.members.filter((id) => away.get(id) === undefined);
      const seniors = pool.filter((id) => people.get(id)!.level === 'senior');
      const primarySlots = chosen.filter((entry) => entry.team === team).length;
      const backupSlots = chosen.filter((entry) => entry.team === team && entry.backup).length;
      for (const id of pool) teamTally.get(id)!.expectedPrimary += primarySlots / pool.length;
      for (const id of seniors) teamTally.get(id)!.expectedBackup += backupSlots / seniors.length;
    }
  }
  return schedule;
}

/** What a week's choice is made from: who is free, whose holiday it is, who was on call last week. */
interface Standing {
  people: ReadonlyMap<string, Person>;
  away: ReadonlyMap<string, string | undefined>;
  holiday: ReadonlyMap<string, number>;
  lastOnCall: ReadonlyMap<string, number>;
  index: number;
  pairing: boolean;
  /** How many slots a team has in a week. */
  slotsIn: (team: Team, index: number) => number;
  /** Whether a later week holds a public holiday on the person's calendar (company days are not foreseen). */
  publicHolidayWeek: (person: Person, index: number) => boolean;
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

/** How many seniors each junior is scored with; more are tried only when these are all taken. */
const BACKUPS_SCORED = 3;

/**
 * The ways one slot of a team can be filled, best first, by these rules in order (each breaks the ties of the
 * one before):
 * 1. nobody on call two weeks running while a teammate who was not on call last week is free to take the role
 *    (with a senior who was not on call either beside a junior primary): the hard rule;
 * 2. primary shifts stay within one of each other: only the members owed the most (within one shift) qualify;
 * 3. nobody takes another holiday week while a free teammate has fewer;
 * 4. the same three for the senior backing up a junior;
 * 5. nobody whom the forecast of public holidays holds back for a later holiday week of their round;
 * 6. the week goes to someone whose holiday it is not, else to whoever has had the fewest holiday weeks; then
 *    to the most owed, then to whoever has waited longest, then by id.
 * The keys use only this week's inputs and the tallies of the weeks before it.
 */
function teamOptions(team: Team, tally: ReadonlyMap<string, Tally>, standing: Standing): Options {
  const { people, away, holiday, lastOnCall, index, pairing } = standing;
  const free = team.members.filter((id) => away.get(id) === undefined).map((id) => people.get(id)!);
  const seniors = free.filter((person) => person.level === 'senior');
  const owed = (person: Person, role: Role) => {
    const t = tally.get(person.id)!;
    return role === 'primary' ? t.expectedPrimary - t.primary : t.expectedBackup - t.backup;
  };
  const holidayWeeks = (person: Person, role: Role) => {
    const t = tally.get(person.id)!;
    return role === 'primary' ? t.holidayPrimaryWeeks : t.holidayBackupWeeks;
  };
  const rankIn = (pool: Person[], role: Role, held?: ReadonlySet<string>) => {
    const mostOwed = Math.max(...pool.map((person) => owed(person, role)));
    const fewestHolidays = Math.min(...pool.map((person) => holidayWeeks(person, role)));
    // Someone who was not on call last week could take the role instead: for a primary, a junior counts only
    // when a senior who was not on call either could back them up.
    const off = pool.filter((person) => lastOnCall.get(person.id) !== index - 1);
    const rested = off.some(
      (person) =>
        role === 'backup' ||
        !pairing ||
        person.level === 'senior' ||
        off.some((other) => other !== person && other.level === 'senior'),
    );
    return (person: Person): number[] => {
      const isHoliday = holiday.get(person.id)! > 0;
      const last = lastOnCall.get(person.id);
      const own = owed(person, role);
      return [
        rested && last === index - 1 ? 1 : 0,
        mostOwed - own >= 1 - 1e-9 ? 1 : 0,
        isHoliday && holidayWeeks(person, role) > fewestHolidays ? 1 : 0,
        held?.has(person.id) ? 1 : 0,
        isHoliday ? holidayWeeks(person, role) : -1,
        -Math.round(own * 1e6),
        last === undefined ? -index - 1 : last,
      ];
    };
  };
  // Rules 1–3 decide who is eligible; the forecast then holds some of the eligible back (rule 5).
  const held = heldBack(team, free, rankIn(free, 'primary'), (person) => holidayWeeks(person, 'primary'), standing);
  const primaryRank = rankIn(free, 'primary', held);
  const backupRank = seniors.length ? rankIn(seniors, 'backup') : () => [];
  const backupRanks = new Map(seniors.map((senior) => [senior.id, backupRank(senior)]));
  const byId = (x: Person, y: Person) => compareText(x.id, y.id);
  // A junior is scored with each of the few best-placed seniors; the search falls back to all of them.
  const bestBackups = [...seniors]
    .sort((x, y) => compare(backupRanks.get(x.id)!, backupRanks.get(y.id)!) || byId(x, y))
    .slice(0, BACKUPS_SCORED);
  const scored: { option: Option; key: number[]; primary: number[] }[] = [];
  for (const primary of free) {
    const p = primaryRank(primary);
    const backups = pairing && primary.level === 'junior' ? bestBackups : [undefined];
    for (const backup of backups) {
      // Without a backup, the option keeps a senior free: it ranks as if with the best possible backup.
      const b = backup ? backupRanks.get(backup.id)! : [0, 0, 0, -Infinity];
      scored.push({
        option: backup ? { primary, backup } : { primary },
        key: [...p.slice(0, 3), ...b.slice(0, 3), ...p.slice(3), ...b.slice(3)],
        primary: p,
      });
    }
  }
  const best = scored
    .sort(
      (x, y) =>
        compare(x.key, y.key) ||
        byId(x.option.primary, y.option.primary) ||
        compareText(x.option.backup?.id ?? '', y.option.backup?.id ?? ''),
    )
    .map((entry) => entry.option);
  const juniors = best.filter((option) => option.backup).map((option) => option.primary);
  const everyPairing = function* (): Generator<Option> {
    for (const primary of new Set(juniors)) for (const backup of seniors) yield { primary, backup };
  };
  return { best, rest: everyPairing };
}

/** The forecast reaches at most this many weeks ahead. */
const FORECAST_WEEKS = 26;
/**
 * The forecast weighs at most this many eligible members (its cost grows with the fourth power). In a bigger
 * team a round is long, and the forecast starts once the round's last members are left.
 */
const FORECAST_PEOPLE = 16;

/**
 * Who should not take this week, though eligible, because the holiday weeks of the round ahead fall better
 * with them taking a later one. The eligible members (rules 1 and 2) are spread over the team's next slots,
 * one each, at the least holiday cost (a holiday week costs more the more holiday weeks its taker already has;
 * later weeks are judged by public holidays alone); a member whose taking a slot this week makes the least
 * cost higher is held back.
 */
function heldBack(
  team: Team,
  free: Person[],
  rank: (person: Person) => number[],
  holidayWeeks: (person: Person) => number,
  standing: Standing,
): Set<string> | undefined {
  const { holiday, index, slotsIn, publicHolidayWeek } = standing;
  const eligible = free
    .filter((person) => rank(person)[0] === 0 && rank(person)[1] === 0)
    .sort((x, y) => compareText(x.id, y.id));
  const now = slotsIn(team, index);
  if (eligible.length <= now || eligible.length > FORECAST_PEOPLE) return undefined;
  const columns: number[] = Array.from({ length: now }, () => index);
  for (let ahead = index + 1; columns.length < eligible.length && ahead <= index + FORECAST_WEEKS; ahead++)
    for (let slot = slotsIn(team, ahead); slot > 0; slot--) columns.push(ahead);
  if (columns.length < eligible.length) return undefined;
  const cost = eligible.map((person) =>
    columns.map((week) =>
      (week === index ? holiday.get(person.id)! > 0 : publicHolidayWeek(person, week))
        ? 2 * holidayWeeks(person) + 1
        : 0,
    ),
  );
  if (cost.every((row) => row.every((value) => value === 0))) return undefined;
  const total = (assigned: number[], matrix: number[][]) =>
    assigned.reduce((sum, column, row) => sum + matrix[row]![column]!, 0);
  const least = total(leastCostAssignment(cost), cost);
  const held = new Set<string>();
  eligible.forEach((person, row) => {
    // This member takes one of this week's slots: every later column is out of reach for them.
    const forced = cost.map((values, r) =>
      r === row ? values.map((value, c) => (columns[c] === index ? value : 1e9)) : values,
    );
    if (total(leastCostAssignment(forced), forced) > least) held.add(person.id);
  });
  return held;
}

function compare(x: readonly number[], y: readonly number[]): number {
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff) return diff;
  }
  return 0;
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
