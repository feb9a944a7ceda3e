/**
 * The planner. Pure: no clock, no I/O. Weeks are filled in order from the epoch, each from its own facts, the
 * tallies of the weeks before it and the public holidays ahead (fixed by each person's calendar), never from a
 * later week's away range, joiner, leaver or company day: a longer horizon never changes an earlier week
 * (prefix stability), and an edit that takes effect in week k changes no week before k.
 */
import type { Pipeline } from '../model/pipeline.js';
import type { Person, Roster, Team } from '../model/roster.js';
import type { HolidayLookup, WorkCalendar } from '../time/calendar.js';
import { durationMs } from '../model/duration.js';
import { RotationInputError, UncoverableWeek } from '../model/errors.js';
import { holidayChecker, holidayCounter, unavailability } from './people.js';
import { addDays, instantAt, weekdayOf, type LocalDate } from '../time/local.js';
import { buildWeek, handoverOf, PLAN_WEEKS, type Handover, type Week } from './weeks.js';
import { compareText } from '../util/compare.js';
import { leastCostAssignment } from './assignment.js';
import type { LockedMeeting, LockedShift, PublishedPart } from '../model/lock.js';
import type { Override } from '../model/overrides.js';
import type { Numbered } from '../model/catalog.js';
import { daysTouched, overlayWeek, overrideInstant, type Rejection, type TimedOverride } from './overlay.js';

export type Role = 'primary' | 'backup';

export interface Shift {
  pipeline: string;
  team: string;
  role: Role;
  person: string;
  week: number;
  /** The shift's whole week: a part of a split shift is less. */
  weekStart: Date;
  weekEnd: Date;
  start: Date;
  end: Date;
  /** Working days of the week that are holidays on this person's calendar. */
  holidayDays: number;
  monthEnd: boolean;
  /** A part an override gave to `person`, covering whoever held it (docs/state-files.md). */
  override?: { index: number; reason: string; covers: string };
}

/** A locked shift that the roster as it is now makes the plan change, and why (`rotate --diff`). */
export interface Change {
  week: number;
  pipeline: string;
  role: Role;
  before: string | null;
  after: string | null;
  reason: string;
}

export interface Meeting {
  pipeline: string;
  week: number;
  /** The handover's day (the week's first): one meeting per pipeline and handover, ever, named by it. */
  handoverDay: LocalDate;
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
  /** Locked shifts changed to keep the hard rules (each the smallest change), in week order. */
  repairs: Change[];
  /** Overrides, or their parts in a week, left out because they break a hard rule. */
  rejected: Rejection[];
  /** The overrides that covered some shift of the weeks planned. */
  covering: Set<number>;
}

export interface RotationInput {
  roster: Roster;
  pipelines: readonly Pipeline[];
  calendar: WorkCalendar;
  holidays: HolidayLookup;
  /** The published shifts: their weeks keep their people, repaired only where a hard rule breaks. */
  lock?: readonly LockedShift[];
  /** The published handover meetings (what calendars carried), compared with the planned ones. */
  lockedMeetings?: readonly LockedMeeting[];
  /** Laid over the plan, in file order; each numbered by its place in overrides.yaml. */
  overrides?: readonly Numbered<Override>[];
  /**
   * The present. A published week that has ended is history: it is what the lock recorded, covers included,
   * never repaired and never re-covered (so pruning an ended override changes nothing).
   */
  now?: Date;
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

/** How much of its week a shift (or the part of it an override split off) is. */
export function shareOf(shift: Shift): number {
  return (shift.end.getTime() - shift.start.getTime()) / (shift.weekEnd.getTime() - shift.weekStart.getTime());
}

/** The parts of one pipeline's role in one week, in time order: one unless overrides split the shift. */
export function partsOf(shifts: readonly Shift[], pipeline: string, week: number, role: Role): Shift[] {
  return shifts
    .filter((shift) => shift.week === week && shift.pipeline === pipeline && shift.role === role)
    .sort((x, y) => x.start.getTime() - y.start.getTime());
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
  if (weekCount > PLAN_WEEKS)
    throw new RotationInputError(
      `planning to the week of ${addDays(handover.epoch, 7 * (weekCount - 1))} goes more than ${PLAN_WEEKS / 52} years past the rotation's start (${handover.epoch}), the weeks runbook plans: move rotation.start forward (after publishing) to plan further`,
    );
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
  const schedule: Schedule = {
    handover,
    weeks: [],
    shifts: [],
    meetings: [],
    gaps: [],
    repairs: [],
    rejected: [],
    covering: new Set(),
  };
  const locked = lockedByWeek(input.lock ?? []);
  const coveredIn = coversByWeek(input.lock ?? []);
  const overrides = timedOverrides(input.overrides ?? [], calendar);
  const overlay = {
    people,
    teamOf: (pipeline: string) => teamOf.get(pipeline),
    pairing,
    zone: calendar,
    holidayDays,
  };

  for (let index = 0; index < weekCount; index++) {
    const week = weekAt(index);
    weekCache.delete(index - 1);
    schedule.weeks.push(week);
    let active = pipelines.filter((pipeline) => pipeline.oncall.weeks !== 'last-of-month' || week.monthEnd);
    const away = new Map(roster.people.map((person) => [person.id, unavailability(person, week)]));
    const holiday = new Map(roster.people.map((person) => [person.id, holidayDays(person, week.days)]));
    const standing: Standing = { people, away, holiday, lastOnCall, index, pairing, slotsIn, publicHolidayWeek };

    // Each team's options for a slot (a primary, and a senior backup beside a junior), best first. Fixed for
    // the week, so a week depends only on the weeks before it.
    const options = new Map<string, Options>();
    for (const team of new Set(active.map((pipeline) => teamOf.get(pipeline.id)!))) {
      options.set(team.name, teamOptions(team, tallies.get(team.name)!, standing));
    }
    // A published week keeps its people; a locked shift that now breaks a hard rule is repaired alone.
    const weekLock = locked.get(week.days[0]!);
    const fixed: Assignment[] = [];
    const taken = new Set<string>();
    // A published week that has ended is history: its people as published, never repaired.
    const history = weekLock !== undefined && input.now !== undefined && week.end.getTime() <= input.now.getTime();
    if (weekLock && history) {
      fixed.push(...keepHistory(weekLock, active, teamOf, people, taken));
      const fixedIds = new Set(fixed.map((entry) => entry.pipeline.id));
      active = active.filter((pipeline) => !fixedIds.has(pipeline.id));
    } else if (weekLock) {
      const next = locked.get(addDays(week.days[0]!, 7));
      const onNext = new Set([...(next?.values() ?? [])].flatMap((entry) => [entry.primary, entry.backup]));
      const kept = keepLocked(weekLock, active, teamOf, options, standing, taken, onNext);
      fixed.push(...kept.fixed);
      for (const change of kept.changes) schedule.repairs.push({ ...change, week: index });
      const fixedIds = new Set(fixed.map((entry) => entry.pipeline.id));
      active = active.filter((pipeline) => !fixedIds.has(pipeline.id));
    }
    // A team with more pipelines this week than people free to take them leaves the excess uncovered at once
    // (one shift a week each), so the search below never grinds through what cannot fit.
    for (const team of new Set(active.map((pipeline) => teamOf.get(pipeline.id)!))) {
      const free = team.members.filter((id) => away.get(id) === undefined && !taken.has(id)).length;
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
        chosen = assignWeek(active, teamOf, options, away, pairing, week, handover, taken);
      } catch (error) {
        if (!(error instanceof UncoverableWeek)) throw error;
        schedule.gaps.push({ pipeline: error.pipeline, week: index, message: error.message });
        active = active.filter((pipeline) => pipeline.id !== error.pipeline);
      }
    }
    if (weekLock)
      // A pipeline with no published shift this week (new to the rotation), or one no replacement could keep,
      // was planned around the locked ones.
      for (const entry of chosen) {
        const published = weekLock.get(entry.pipeline.id);
        const reason = published
          ? `no one could take the published shift alone: the week of ${entry.pipeline.id} was planned again`
          : `${entry.pipeline.id} had no published shift that week`;
        for (const role of ['primary', 'backup'] as const) {
          const after = entry[role]?.id;
          const before = published?.[role] ?? null;
          if (after !== undefined && after !== before)
            schedule.repairs.push({ week: index, pipeline: entry.pipeline.id, role, before, after, reason });
        }
      }
    active = [...active, ...fixed.map((entry) => entry.pipeline)];
    chosen = [...fixed, ...chosen].sort((x, y) => compareText(x.pipeline.id, y.pipeline.id));
    const weekShifts: Shift[] = [];
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
        weekShifts.push({
          pipeline: pipeline.id,
          team: team.name,
          role,
          person: person.id,
          week: index,
          weekStart: week.start,
          weekEnd: week.end,
          start: week.start,
          end: week.end,
          holidayDays: days,
          monthEnd: week.monthEnd,
        });
      }
      const meeting = pipeline.oncall['handover-meeting'];
      const outgoing = lastPrimary.get(pipeline.id);
      if (meeting && outgoing !== undefined && outgoing !== primary.id) {
        const length = durationMs(meeting);
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
          handoverDay: week.days[0]!,
          start: new Date(end.getTime() - length),
          end,
          attendees: [outgoing, primary.id],
        });
      }
      lastPrimary.set(pipeline.id, primary.id);
    }
    // The overrides of the week, laid over it; the time each covers counts toward whoever covered it.
    // History keeps the covers it published (overrides it already holds add nothing); every week takes the overrides.
    const planned = history
      ? publishedCovers(weekShifts, coveredIn.get(week.days[0]!), (id, from, to) => {
          const person = people.get(id);
          return (
            person &&
            holidayDays(
              person,
              daysTouched(week, from, to, calendar).filter((day) => week.days.includes(day)),
            )
          );
        })
      : weekShifts;
    const laid = overlayWeek(week, planned, overrides, overlay, schedule.covering, history);
    schedule.rejected.push(...laid.rejected);
    for (const shift of laid.shifts) {
      schedule.shifts.push(shift);
      if (!shift.override) continue;
      const teamTally = tallies.get(shift.team)!;
      const share = shareOf(shift);
      const key = shift.role === 'primary' ? 'primary' : 'backup';
      const given = teamTally.get(shift.override.covers);
      const taker = teamTally.get(shift.person);
      if (given) given[key] -= share;
      if (taker) taker[key] += share;
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
  taken: ReadonlySet<string> = new Set(),
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
  const busy = new Set<string>(taken);
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

function weekName(week: Week, handover: Handover): string {
  return `week of ${week.days[0]} (from ${handover.epoch === week.days[0] ? 'the first handover' : 'handover'} ${String(handover.hour).padStart(2, '0')}:${String(handover.minute).padStart(2, '0')} ${handover.timeZone})`;
}

/** Who a week's published shifts of one pipeline went to. */
type LockedPair = Partial<Record<Role, string>>;

/** The published shifts by week (first day), then pipeline: the cancelled ones are not shifts. */
function lockedByWeek(lock: readonly LockedShift[]): Map<string, Map<string, LockedPair>> {
  const weeks = new Map<string, Map<string, LockedPair>>();
  for (const shift of lock) {
    if (shift.cancelled) continue;
    let week = weeks.get(shift.week);
    if (!week) weeks.set(shift.week, (week = new Map<string, LockedPair>()));
    const entry = week.get(shift.pipeline) ?? {};
    entry[shift.role] = shift.person;
    week.set(shift.pipeline, entry);
  }
  return weeks;
}

/** Overrides with their times as instants: a date is local midnight in the roster's zone. */
function timedOverrides(overrides: readonly Numbered<Override>[], calendar: WorkCalendar): TimedOverride[] {
  return overrides.map((override) => ({
    ...override,
    start: overrideInstant(override.from, calendar),
    end: overrideInstant(override.to, calendar),
  }));
}

/** The covers each published shift recorded, by week (first day), then pipeline and role. */
function coversByWeek(lock: readonly LockedShift[]): Map<string, Map<string, PublishedPart[]>> {
  const weeks = new Map<string, Map<string, PublishedPart[]>>();
  for (const shift of lock) {
    if (shift.cancelled || !shift.covered?.length) continue;
    let week = weeks.get(shift.week);
    if (!week) weeks.set(shift.week, (week = new Map<string, PublishedPart[]>()));
    week.set(`${shift.pipeline}\0${shift.role}`, shift.covered);
  }
  return weeks;
}

/** A week of history: its published people for every pipeline still in the rotation, as they were. */
function keepHistory(
  weekLock: ReadonlyMap<string, LockedPair>,
  active: readonly Pipeline[],
  teamOf: ReadonlyMap<string, Team>,
  people: ReadonlyMap<string, Person>,
  taken: Set<string>,
): Assignment[] {
  const kept: Assignment[] = [];
  for (const pipeline of active) {
    const team = teamOf.get(pipeline.id)!;
    // Someone no longer in the team (or the roster) cannot be counted in its tallies: that week is planned again.
    const member = (id: string | undefined) =>
      id !== undefined && team.members.includes(id) && !taken.has(id) ? people.get(id) : undefined;
    const entry = weekLock.get(pipeline.id);
    const primary = member(entry?.primary);
    if (!primary) continue;
    const backup = member(entry?.backup);
    taken.add(primary.id);
    if (backup) taken.add(backup.id);
    kept.push({ pipeline, team, primary, ...(backup ? { backup } : {}) });
  }
  return kept;
}

/**
 * A week of history's shifts split by the covers the lock recorded for them, as they were published (a cover
 * by someone no longer in the roster is left with the shift's holder).
 */
function publishedCovers(
  shifts: readonly Shift[],
  covers: ReadonlyMap<string, PublishedPart[]> | undefined,
  holidaysOf: (person: string, start: Date, end: Date) => number | undefined,
): Shift[] {
  if (!covers) return [...shifts];
  return shifts.flatMap((shift) => {
    const parts = [...(covers.get(`${shift.pipeline}\0${shift.role}`) ?? [])]
      .filter((part) => holidaysOf(part.person, shift.start, shift.end) !== undefined)
      .sort((x, y) => (x.from < y.from ? -1 : 1));
    if (parts.length === 0) return [shift];
    const pieces: Shift[] = [];
    const piece = (person: string, from: Date, to: Date): Shift => ({
      ...shift,
      person,
      start: from,
      end: to,
      holidayDays: holidaysOf(person, from, to)!,
    });
    let at = shift.start;
    for (const part of parts) {
      const start = new Date(part.from);
      const end = new Date(part.to);
      if (start > at) pieces.push(piece(shift.person, at, start));
      pieces.push({
        ...piece(part.person, start, end),
        override: { index: -1, reason: part.reason ?? 'a published cover', covers: shift.person },
      });
      at = end;
    }
    if (at < shift.end) pieces.push(piece(shift.person, at, shift.end));
    return pieces;
  });
}

/**
 * The locked assignments of a week, kept where they still keep the hard rules; a locked person who no longer
 * can (away, left, out of the team) is replaced by the best-placed free teammate, preferring one that leaves
 * the rest of the week as it was (no backup to add or drop). `taken` collects who holds a kept shift.
 */
function keepLocked(
  weekLock: ReadonlyMap<string, LockedPair>,
  active: readonly Pipeline[],
  teamOf: ReadonlyMap<string, Team>,
  options: ReadonlyMap<string, Options>,
  standing: Standing,
  taken: Set<string>,
  /** Who holds a published shift the week after: a replacement from them would be on call two weeks running. */
  onNext: ReadonlySet<string | undefined>,
): { fixed: Assignment[]; changes: Omit<Change, 'week'>[] } {
  const { people, away, pairing } = standing;
  const fixed: Assignment[] = [];
  const changes: Omit<Change, 'week'>[] = [];
  const activeIds = new Set(active.map((pipeline) => pipeline.id));
  for (const [pipelineId, entry] of [...weekLock].sort(([x], [y]) => compareText(x, y))) {
    if (activeIds.has(pipelineId)) continue;
    const reason = teamOf.has(pipelineId)
      ? `${pipelineId} has no shift that week (month-end weeks only)`
      : `${pipelineId} is no longer in the rotation`;
    for (const role of ['primary', 'backup'] as const) {
      const before = entry[role];
      if (before !== undefined) changes.push({ pipeline: pipelineId, role, before, after: null, reason });
    }
  }
  // Kept shifts first, so a replacement never takes someone a kept shift holds.
  const why = (id: string, team: Team): string | undefined => {
    if (!people.has(id)) return `${id} is no longer in the roster`;
    if (!team.members.includes(id)) return `${id} is no longer in ${team.name}`;
    const reason = away.get(id);
    return reason === undefined ? undefined : `${id} ${reason}`;
  };
  const locked = active.flatMap((pipeline) => {
    const entry = weekLock.get(pipeline.id);
    return entry?.primary === undefined ? [] : [{ pipeline, team: teamOf.get(pipeline.id)!, entry }];
  });
  for (const { entry, team } of locked) {
    for (const id of [entry.primary, entry.backup]) if (id !== undefined && why(id, team) === undefined) taken.add(id);
  }
  const needsBackup = (person: Person) => pairing && person.level === 'junior';
  /** The locked backup, when they can still back up a primary other than `besides`. */
  const keptSenior = (id: string | undefined, team: Team, besides: string): Person | undefined => {
    if (id === undefined || why(id, team) !== undefined || id === besides) return undefined;
    const person = people.get(id)!;
    return person.level === 'senior' ? person : undefined;
  };
  for (const { pipeline, team, entry } of locked) {
    const { best, rest } = options.get(team.name)!;
    // This pipeline's changes count only once it is kept; one that no replacement can keep is planned afresh.
    const own: Omit<Change, 'week'>[] = [];
    const held: string[] = [];
    const brokenPrimary = why(entry.primary!, team);
    let primary = brokenPrimary === undefined ? people.get(entry.primary!)! : undefined;
    if (!primary) {
      const lockedBackup = keptSenior(entry.backup, team, entry.primary!);
      const candidates = [...new Set(best.map((option) => option.primary))]
        .filter((person) => !taken.has(person.id) && person.id !== entry.backup)
        .sort((x, y) => Number(onNext.has(x.id)) - Number(onNext.has(y.id)));
      // The smallest change: a replacement that keeps the week's backup as it is (needed, or not), else any.
      primary =
        candidates.find((person) => needsBackup(person) === (lockedBackup !== undefined)) ??
        candidates.find((person) => !needsBackup(person) || seniorsFree(team, people, taken, away, person).length);
      if (primary) {
        own.push({
          pipeline: pipeline.id,
          role: 'primary',
          before: entry.primary!,
          after: primary.id,
          reason: brokenPrimary!,
        });
        taken.add(primary.id);
        held.push(primary.id);
      }
    }
    let backup: Person | undefined;
    if (primary && needsBackup(primary)) {
      const besides = primary.id;
      backup = keptSenior(entry.backup, team, besides);
      if (!backup) {
        backup =
          [...best, ...rest()]
            .map((option) => option.backup)
            .find((senior) => senior !== undefined && !taken.has(senior.id) && senior.id !== besides) ??
          seniorsFree(team, people, taken, away, primary)[0];
        if (backup) {
          const reason =
            entry.backup === undefined
              ? `${besides} is a junior: a junior primary needs a senior backup`
              : (why(entry.backup, team) ?? `${entry.backup} cannot back up ${besides}`);
          own.push({ pipeline: pipeline.id, role: 'backup', before: entry.backup ?? null, after: backup.id, reason });
          taken.add(backup.id);
          held.push(backup.id);
        }
      }
    } else if (primary && entry.backup !== undefined) {
      own.push({
        pipeline: pipeline.id,
        role: 'backup',
        before: entry.backup,
        after: null,
        reason: pairing ? `no backup needed: ${primary.id} is a senior` : 'pairing is off',
      });
    }
    if (!primary || (needsBackup(primary) && !backup)) {
      // Nobody kept: whoever this pipeline's locked shifts held is free for the week's planning.
      for (const id of [...held, entry.primary, entry.backup]) if (id !== undefined) taken.delete(id);
      continue;
    }
    changes.push(...own);
    fixed.push({ pipeline, team, primary, ...(backup ? { backup } : {}) });
  }
  return { fixed, changes };
}

function seniorsFree(
  team: Team,
  people: ReadonlyMap<string, Person>,
  taken: ReadonlySet<string>,
  away: ReadonlyMap<string, string | undefined>,
  besides: Person,
): Person[] {
  return team.members
    .filter((id) => id !== besides.id && !taken.has(id) && away.get(id) === undefined)
    .map((id) => people.get(id)!)
    .filter((person) => person.level === 'senior');
}
