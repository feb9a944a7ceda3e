/**
 * The scheduler. Pure: no clock, no I/O. Weeks are filled in order from the epoch, each from what came
 * before it only, so a longer horizon never changes an earlier week (prefix stability).
 */
import type { Pipeline } from '../model/pipeline.js';
import type { Person, Roster, Team } from '../model/roster.js';
import type { HolidayLookup, WorkCalendar } from '../sla/calendar.js';
import { parseDuration } from '../sla/duration.js';
import { CheckFailed, UsageError } from '../util/errors.js';
import { holidayCounter, unavailability } from './people.js';
import { buildWeek, handoverOf, type Handover, type Week } from './weeks.js';

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

export interface Schedule {
  handover: Handover;
  weeks: Week[];
  shifts: Shift[];
  meetings: Meeting[];
}

export interface RotationInput {
  roster: Roster;
  pipelines: readonly Pipeline[];
  calendar: WorkCalendar;
  holidays: HolidayLookup;
}

/** The week could not be covered under the hard rules: exit 1, nothing written. */
export class UncoverableWeek extends CheckFailed {}

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
  return pipelines.filter((pipeline) => pipeline.oncall.mode === 'rotation').sort((a, b) => a.id.localeCompare(b.id));
}

export function buildSchedule(input: RotationInput, weekCount: number): Schedule {
  const { roster, calendar } = input;
  if (!roster.rotation) throw new UsageError('the roster has no rotation settings: add rotation: { start: YYYY-MM-DD } to roster.yaml');
  const handover = handoverOf(roster);
  const people = new Map(roster.people.map((person) => [person.id, person]));
  const pipelines = rotationPipelines(input.pipelines);
  const teamOf = new Map<string, Team>();
  for (const pipeline of pipelines) {
    const team = roster.teams.find((candidate) => candidate.name === pipeline.oncall.team);
    if (!team) throw new UsageError(`pipeline ${pipeline.id}: on-call team "${pipeline.oncall.team}" is not in the roster (runbook lint shows every such problem)`);
    const missing = team.members.find((member) => !people.has(member));
    if (missing) throw new UsageError(`team "${team.name}": member "${missing}" is not one of the people in the roster (runbook lint shows every such problem)`);
    teamOf.set(pipeline.id, team);
  }
  const pairing = roster.rotation.pairing !== 'off';
  const holidayDays = holidayCounter(roster, calendar, input.holidays);
  const tally = new Map(roster.people.map((person): [string, Tally] => [person.id, { primary: 0, backup: 0, expectedPrimary: 0, expectedBackup: 0, holidayPrimaryWeeks: 0, holidayBackupWeeks: 0, lastShiftWeek: -2 }]));
  const lastPrimary = new Map<string, string>();
  const schedule: Schedule = { handover, weeks: [], shifts: [], meetings: [] };

  for (let index = 0; index < weekCount; index++) {
    const week = buildWeek(handover, calendar, index);
    schedule.weeks.push(week);
    const active = pipelines.filter((pipeline) => pipeline.oncall.weeks !== 'last-of-month' || week.monthEnd);
    const away = new Map(roster.people.map((person) => [person.id, unavailability(person, week)]));
    const holiday = new Map(roster.people.map((person) => [person.id, holidayDays(person, week)]));

    // Preference order, fixed for the week: hard rule first (no back-to-back), then holiday spread, then load, then a rotating tie-break.
    const order = (members: readonly string[], role: Role): Person[] => {
      const key = (id: string, position: number) => {
        const t = tally.get(id)!;
        const holidayWeeks = role === 'primary' ? t.holidayPrimaryWeeks : t.holidayBackupWeeks;
        const deficit = role === 'primary' ? t.expectedPrimary - t.primary : t.expectedBackup - t.backup;
        return [t.lastShiftWeek === index - 1 ? 1 : 0, holiday.get(id)! > 0 ? holidayWeeks : 0, -Math.round(deficit * 1e6), (position - index + members.length * (index + 1)) % members.length];
      };
      return members
        .map((id, position) => ({ id, key: key(id, position) }))
        .sort((a, b) => a.key.reduce((diff, value, i) => diff || value - b.key[i]!, 0))
        .map((entry) => people.get(entry.id)!);
    };
    const orders = new Map<string, { primary: Person[]; backup: Person[] }>();
    for (const team of new Set(active.map((pipeline) => teamOf.get(pipeline.id)!))) {
      const seniors = team.members.filter((id) => people.get(id)!.level === 'senior');
      orders.set(team.name, { primary: order(team.members, 'primary'), backup: order(seniors, 'backup') });
    }

    const chosen = assignWeek(active, teamOf, orders, away, pairing, week, handover);
    for (const { pipeline, team, primary, backup } of chosen) {
      for (const [role, person] of [['primary', primary], ['backup', backup]] as const) {
        if (!person) continue;
        const t = tally.get(person.id)!;
        const days = holiday.get(person.id)!;
        if (role === 'primary') [t.primary, t.holidayPrimaryWeeks] = [t.primary + 1, t.holidayPrimaryWeeks + (days > 0 ? 1 : 0)];
        else [t.backup, t.holidayBackupWeeks] = [t.backup + 1, t.holidayBackupWeeks + (days > 0 ? 1 : 0)];
        t.lastShiftWeek = index;
        schedule.shifts.push({ pipeline: pipeline.id, team: team.name, role, person: person.id, week: index, start: week.start, end: week.end, holidayDays: days, monthEnd: week.monthEnd });
      }
      const meeting = pipeline.oncall['handover-meeting'];
      const outgoing = lastPrimary.get(pipeline.id);
      if (meeting && outgoing !== undefined && outgoing !== primary.id) {
        const length = parseDuration(meeting)!;
        schedule.meetings.push({ pipeline: pipeline.id, week: index, start: new Date(week.start.getTime() - length), end: week.start, attendees: [outgoing, primary.id] });
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

/** Fills one week: one primary per active pipeline, a free senior beside each junior primary, nobody twice. */
function assignWeek(
  active: readonly Pipeline[],
  teamOf: ReadonlyMap<string, Team>,
  orders: ReadonlyMap<string, { primary: Person[]; backup: Person[] }>,
  away: ReadonlyMap<string, string | undefined>,
  pairing: boolean,
  week: Week,
  handover: Handover,
): Assignment[] {
  for (const pipeline of active) {
    const team = teamOf.get(pipeline.id)!;
    if (team.members.every((id) => away.get(id) !== undefined)) {
      const reasons = team.members.map((id) => `${id} ${away.get(id)}`);
      throw new UncoverableWeek(`${weekName(week, handover)}: no one can take the ${pipeline.id} shift: everyone in ${team.name} is unavailable${reasons.length ? ` (${reasons.join('; ')})` : ' (the team has no members)'}`);
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
    const { primary: candidates, backup: seniors } = orders.get(team.name)!;
    for (const primary of candidates) {
      if (busy.has(primary.id) || away.get(primary.id) !== undefined || --budget < 0) continue;
      busy.add(primary.id);
      if (pairing && primary.level === 'junior') {
        for (const backup of seniors) {
          if (busy.has(backup.id) || away.get(backup.id) !== undefined) continue;
          busy.add(backup.id);
          chosen.push({ pipeline, team, primary, backup });
          if (solve(slot + 1)) return true;
          chosen.pop();
          busy.delete(backup.id);
        }
      } else {
        chosen.push({ pipeline, team, primary });
        if (solve(slot + 1)) return true;
        chosen.pop();
      }
      busy.delete(primary.id);
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
  );
}

export function weekName(week: Week, handover: Handover): string {
  return `week of ${week.days[0]} (from ${handover.epoch === week.days[0] ? 'the first handover' : 'handover'} ${String(handover.hour).padStart(2, '0')}:${String(handover.minute).padStart(2, '0')} ${handover.timeZone})`;
}
