/** The fairness report: per person and per team, over the weeks shown. */
import type { Person, Roster } from '../model/roster.js';
import { unavailability } from './people.js';
import { isOnCall, shareOf, type Schedule, type Shift } from './schedule.js';
import { addHours, HOUR_KINDS, noHours, type BurdenOf, type Hours } from './burden.js';

export interface PersonReport {
  person: string;
  name: string;
  level: 'senior' | 'junior';
  teams: string[];
  primary: number;
  backup: number;
  /** Shadow weeks: beside a primary, learning; not on call, so counted apart from the shifts. */
  shadow: number;
  /** Working days on call (primary or backup) that were holidays on the person's calendar. */
  holidayDays: number;
  /** Primary shifts in weeks holding a holiday of theirs. */
  holidayWeeks: number;
  monthEnd: number;
  /** Hours on call by kind (docs/rotations.md, "Burden in hours"), per role, covers counted to whoever covered. */
  hours: { primary: Hours; backup: Hours };
  /** Weeks of the range in which the person could be scheduled (a shadow week is not one of them). */
  availableWeeks: number;
}

export interface TeamSpread {
  team: string;
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

/** Shares of weeks to two places: a week covered Tuesday to Thursday (three of its seven days) counts 0.43 to the one who covered it. */
const round = (value: number): number => Math.round(value * 100) / 100;

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
  const inRotation = new Set(teams.flatMap((team) => team.members));
  const byPerson = new Map<string, typeof shifts>();
  for (const shift of shifts) {
    const own = byPerson.get(shift.person);
    if (own) own.push(shift);
    else byPerson.set(shift.person, [shift]);
  }
  const people = roster.people
    .filter((person) => inRotation.has(person.id))
    .map((person): PersonReport => {
      const all = byPerson.get(person.id) ?? [];
      const own = all.filter(isOnCall);
      const shadowWeeks = new Set(all.filter((shift) => shift.role === 'shadow').map((shift) => shift.week));
      const primary = own.filter((shift) => shift.role === 'primary');
      const backup = own.filter((shift) => shift.role === 'backup');
      // Covered time counts toward whoever covered it: a part of a week counts as that share of a shift.
      const shares = (list: readonly Shift[]) => round(list.reduce((sum, shift) => sum + shareOf(shift), 0));
      return {
        person: person.id,
        name: person.name,
        level: person.level,
        teams: teams.filter((team) => team.members.includes(person.id)).map((team) => team.name),
        primary: shares(primary),
        backup: shares(backup),
        shadow: shadowWeeks.size,
        hours: {
          primary: hoursOf(primary, person, burden),
          backup: hoursOf(backup, person, burden),
        },
        holidayDays: own.reduce((sum, shift) => sum + shift.holidayDays, 0),
        holidayWeeks: shares(primary.filter((shift) => shift.holidayDays > 0)),
        monthEnd: shares(own.filter((shift) => shift.monthEnd)),
        availableWeeks: weeks.filter(
          (week) => unavailability(person, week) === undefined && !shadowWeeks.has(week.index),
        ).length,
      };
    });
  return {
    people,
    teams: teams.map((team) => {
      const steady = people.filter(
        (entry) => team.members.includes(entry.person) && entry.availableWeeks === weeks.length,
      );
      return {
        team: team.name,
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
