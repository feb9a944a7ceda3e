/** The fairness report: per person and per team, over the weeks shown. */
import type { Person, Roster, Team } from '../model/roster.js';
import { unavailability } from './people.js';
import { isOnCall, shareOf, type Role, type Schedule, type Shift } from './schedule.js';
import type { Week } from './weeks.js';
import { addHours, HOUR_KINDS, noHours, type BurdenOf, type Hours } from './burden.js';
import { twoPlaces as round } from '../util/round.js';

export interface PersonReport {
  person: string;
  name: string;
  level: 'senior' | 'junior';
  /** The team this row measures: someone in two teams has a row in each. */
  team: string;
  /** The same, as a list (one team), as earlier reports gave it. */
  teams: string[];
  primary: number;
  backup: number;
  /** Their fair share of the team's weeks (those they were free for, shared with whoever else was), per role. */
  fair: { primary: number; backup: number };
  /** Shifts held minus the fair share: above zero, more than their share. */
  deviation: { primary: number; backup: number };
  /** Shadow weeks: beside a primary, learning; not on call, so counted apart from the shifts. */
  shadow: number;
  /** Working days on call (primary or backup) that were holidays on the person's calendar. */
  holidayDays: number;
  /** Primary shifts in weeks holding a holiday of theirs. */
  holidayWeeks: number;
  monthEnd: number;
  /** Hours on call by kind (docs/rotations.md, "Burden in hours"), per role, covers counted to whoever covered. */
  hours: { primary: Hours; backup: Hours };
  /** Weeks of the range in which the person could serve this team: free, not shadowing, not on call in another. */
  availableWeeks: number;
}

export interface TeamSpread {
  team: string;
  /** The largest distance of a member from their fair share, per role: measured for everyone, joiners included. */
  largestDeviation: { primary: number; backup: number };
  /** Members available in every week of the range: the ones the spreads are taken over. */
  availableAllAlong: string[];
  primarySpread: number;
  backupSpread: number;
  holidayWeekSpread: number;
  /** Spreads of primary hours among the same members: weekend days, and holidays with company days. */
  weekendHourSpread: number;
  holidayHourSpread: number;
}

export interface FairnessReport {
  people: PersonReport[];
  teams: TeamSpread[];
}

const spread = (values: number[]): number => (values.length ? round(Math.max(...values) - Math.min(...values)) : 0);

export function fairnessReport(
  schedule: Schedule,
  roster: Roster,
  fromWeek: number,
  burden?: BurdenOf,
): FairnessReport {
  const weeks = schedule.weeks.filter((week) => week.index >= fromWeek);
  const shifts = schedule.shifts.filter((shift) => shift.week >= fromWeek);
  const rotationTeams = [...new Set(schedule.shifts.map((shift) => shift.team))];
  const teams = roster.teams.filter((team) => rotationTeams.includes(team.name));
  const byId = new Map(roster.people.map((person) => [person.id, person]));
  const byWeek = groupBy(shifts, (shift) => shift.week);
  const byPerson = groupBy(shifts, (shift) => shift.person);
  // One row per person and team: someone in two teams is measured in each against that team's weeks.
  const rows: PersonReport[] = [];
  for (const team of teams) {
    const fair = fairShares(team, weeks, byId, byWeek);
    for (const person of roster.people.filter((entry) => team.members.includes(entry.id))) {
      const theirs = byPerson.get(person.id) ?? [];
      const all = theirs.filter((shift) => shift.team === team.name);
      const own = all.filter(isOnCall);
      const primary = own.filter((shift) => shift.role === 'primary');
      const backup = own.filter((shift) => shift.role === 'backup');
      // Covered time counts toward whoever covered it: a part of a week counts as that share of a shift.
      const shares = (list: readonly Shift[]) => round(list.reduce((sum, shift) => sum + shareOf(shift), 0));
      const owed = fair.get(person.id)!;
      rows.push({
        person: person.id,
        name: person.name,
        level: person.level,
        team: team.name,
        teams: [team.name],
        primary: shares(primary),
        backup: shares(backup),
        fair: { primary: round(owed.primary), backup: round(owed.backup) },
        deviation: {
          primary: round(shares(primary) - owed.primary),
          backup: round(shares(backup) - owed.backup),
        },
        shadow: new Set(all.filter((shift) => shift.role === 'shadow').map((shift) => shift.week)).size,
        hours: {
          primary: hoursOf(primary, person, burden),
          backup: hoursOf(backup, person, burden),
        },
        holidayDays: own.reduce((sum, shift) => sum + shift.holidayDays, 0),
        holidayWeeks: shares(primary.filter((shift) => shift.holidayDays > 0)),
        monthEnd: shares(own.filter((shift) => shift.monthEnd)),
        availableWeeks: owed.weeks,
      });
    }
  }
  return {
    people: rows,
    teams: teams.map((team) => {
      const members = rows.filter((entry) => entry.team === team.name);
      const steady = members.filter((entry) => entry.availableWeeks === weeks.length);
      const largest = (role: 'primary' | 'backup') =>
        round(Math.max(0, ...members.map((entry) => Math.abs(entry.deviation[role]))));
      return {
        team: team.name,
        largestDeviation: { primary: largest('primary'), backup: largest('backup') },
        availableAllAlong: steady.map((entry) => entry.person),
        primarySpread: spread(steady.map((entry) => entry.primary)),
        backupSpread: spread(steady.filter((entry) => entry.level === 'senior').map((entry) => entry.backup)),
        holidayWeekSpread: spread(steady.map((entry) => entry.holidayWeeks)),
        weekendHourSpread: spread(steady.map((entry) => entry.hours.primary.weekend)),
        holidayHourSpread: spread(steady.map((entry) => entry.hours.primary.holiday + entry.hours.primary.company)),
      };
    }),
  };
}

/**
 * Each member's fair share of a team's weeks: every primary slot of a week (a pipeline the team staffed) is owed
 * equally to the members who could have taken it (free all week, not shadowing, not on call in another team),
 * every backup slot to the seniors among them; and how many weeks each could have served it.
 */
function fairShares(
  team: Team,
  weeks: readonly Week[],
  people: ReadonlyMap<string, Person>,
  byWeek: ReadonlyMap<number, readonly Shift[]>,
): Map<string, { primary: number; backup: number; weeks: number }> {
  const { members } = team;
  const owed = new Map(members.map((id) => [id, { primary: 0, backup: 0, weeks: 0 }]));
  for (const week of weeks) {
    const inWeek = byWeek.get(week.index) ?? [];
    const slots = (role: Role) =>
      new Set(inWeek.filter((shift) => shift.team === team.name && shift.role === role).map((shift) => shift.pipeline))
        .size;
    const elsewhere = new Set(
      inWeek.filter((shift) => shift.role === 'shadow' || shift.team !== team.name).map((shift) => shift.person),
    );
    const pool = members.filter((id) => {
      const person = people.get(id);
      return person !== undefined && unavailability(person, week) === undefined && !elsewhere.has(id);
    });
    const seniors = pool.filter((id) => people.get(id)!.level === 'senior');
    const [primary, backup] = [slots('primary'), slots('backup')];
    for (const id of pool) {
      owed.get(id)!.primary += primary / pool.length;
      owed.get(id)!.weeks++;
    }
    for (const id of seniors) owed.get(id)!.backup += backup / seniors.length;
  }
  return owed;
}

/** The hours of a person's shift parts, by kind (none counted without a burden function). */
function hoursOf(shifts: readonly Shift[], person: Person, burden: BurdenOf | undefined): Hours {
  const total = noHours();
  if (burden) for (const shift of shifts) addHours(total, burden(person, shift.start, shift.end));
  for (const kind of HOUR_KINDS) total[kind] = round(total[kind]);
  return total;
}

/** Primary and backup hours together. */
export const onCallHours = (entry: PersonReport): Hours =>
  addHours(addHours(noHours(), entry.hours.primary), entry.hours.backup);

function groupBy<K>(shifts: readonly Shift[], key: (shift: Shift) => K): Map<K, Shift[]> {
  const groups = new Map<K, Shift[]>();
  for (const shift of shifts) {
    const group = groups.get(key(shift));
    if (group) group.push(shift);
    else groups.set(key(shift), [shift]);
  }
  return groups;
}
