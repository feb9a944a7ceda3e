/**
 * The planner. Pure: no clock, no I/O. Weeks are filled in order from the epoch, each from its own facts, the
 * tallies of the weeks before it and the public holidays ahead (fixed by each person's calendar), never from a
 * later week's away range, joiner, leaver or company day: a longer horizon never changes an earlier week
 * (prefix stability), and an edit that takes effect in week k changes no week before k.
 */
import type { Pipeline } from '../model/pipeline.js';
import type { Person, Roster, Team } from '../model/roster.js';
import type { HolidayLookup, WorkCalendar } from '../time/calendar.js';
import { RotationInputError, UncoverableWeek } from '../model/errors.js';
import { holidayChecker, holidayCounter, unavailability } from './people.js';
import { addDays, weekdayOf } from '../time/local.js';
import { buildWeek, handoverOf, PLAN_WEEKS, type Handover, type Week } from './weeks.js';
import { compareText } from '../util/compare.js';
import type { LockedMeeting, LockedShift } from '../model/lock.js';
import type { Override } from '../model/overrides.js';
import type { Numbered } from '../model/catalog.js';
import { daysTouched, overlayWeek, overrideInstant, type Rejection, type TimedOverride } from './overlay.js';

import {
  isOnCall,
  partsOf,
  shareOf,
  type Assignment,
  type Change,
  type OnCallShift,
  type Role,
  type Shift,
  type Standing,
  type Tally,
} from './standing.js';
import { teamOptions } from './ranking.js';
import { assignWeek, weekName } from './week-search.js';
import { coversByWeek, keepHistory, keepLocked, lockedByWeek, publishedCovers, shadowsByWeek } from './lock-repair.js';
import { Induction } from './shadows.js';
import { Handovers, type Meeting } from './meetings.js';
import { countCover, oweWeek } from './shares.js';

export type { Change, Meeting, OnCallShift, Role, Shift };
export { isOnCall, partsOf, shareOf };

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
  const handovers = new Handovers({ people, calendar, handover, isHoliday });
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
  const shadowedIn = shadowsByWeek(input.lock ?? []);
  const induction = new Induction(roster, handover.epoch);
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
    // A joiner free this week who still owes shadow weeks in a team stands beside a primary instead of taking a shift.
    const shadowing = new Map<Team, Person[]>();
    for (const team of new Set(active.map((pipeline) => teamOf.get(pipeline.id)!))) {
      const joiners = team.members
        .map((id) => people.get(id)!)
        .filter((person) => away.get(person.id) === undefined && induction.shadows(team, person));
      if (joiners.length) shadowing.set(team, joiners);
    }
    for (const person of [...shadowing.values()].flat()) away.set(person.id, 'shadows this week (shadow-weeks)');
    const needsBackup = (team: Team, person: Person) =>
      (pairing && person.level === 'junior') || induction.firstAfterShadowing(team, person);
    const standing: Standing = {
      people,
      away,
      holiday,
      lastOnCall,
      index,
      pairing,
      needsBackup,
      slotsIn,
      publicHolidayWeek,
    };

    // Each team's options for a slot (a primary, and a senior backup beside a junior), best first. Fixed for
    // the week, so a week depends only on the weeks before it.
    const options = new Map<string, ReturnType<typeof teamOptions>>();
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
    }
    // The shadows stand beside the week's primaries: the same times, never on call, no tallies.
    const published = shadowedIn.get(week.days[0]!);
    for (const [team, joiners] of shadowing) {
      for (const [id, entry] of induction.place(team, joiners, chosen, (person) => published?.get(person))) {
        weekShifts.push({
          pipeline: entry.pipeline.id,
          team: team.name,
          role: 'shadow',
          person: id,
          week: index,
          weekStart: week.start,
          weekEnd: week.end,
          start: week.start,
          end: week.end,
          holidayDays: holiday.get(id)!,
          monthEnd: week.monthEnd,
        });
      }
    }
    induction.tookShifts(chosen);
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
    // The handover is between whoever holds the primary shift just before it and just after, covers included.
    schedule.meetings.push(
      ...handovers.next(
        week,
        chosen.map((entry) => entry.pipeline),
        laid.shifts,
      ),
    );
    for (const shift of laid.shifts) {
      schedule.shifts.push(shift);
      countCover(tallies, shift);
    }
    oweWeek(tallies, new Set(active.map((pipeline) => teamOf.get(pipeline.id)!)), chosen, away, people);
  }
  return schedule;
}

/** Overrides with their times as instants: a date is local midnight in the roster's zone. */
function timedOverrides(overrides: readonly Numbered<Override>[], calendar: WorkCalendar): TimedOverride[] {
  return overrides.map((override) => ({
    ...override,
    start: overrideInstant(override.from, calendar),
    end: overrideInstant(override.to, calendar),
  }));
}
