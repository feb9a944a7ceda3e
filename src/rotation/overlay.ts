/**
 * Overrides laid over a week's planned shifts (docs/state-files.md). Each is held to the hard rules against the week as
 * it stands (the plan, the lock and the overrides before it in the file); one that breaks none splits the shift
 * it covers, and the part it covers goes to the person who covers it.
 */
import type { Override } from '../model/overrides.js';
import type { Person, Team } from '../model/roster.js';
import { instantAt, localDateOf, type LocalDate, type Zone, type ZoneLike } from '../time/local.js';
import { unavailableBetween } from './people.js';
import type { Shift } from './schedule.js';
import type { Week } from './weeks.js';

/** An override with its times resolved to instants, and its place in the file. */
export interface TimedOverride extends Override {
  index: number;
  start: Date;
  end: Date;
}

/** The instant an override's `from` or `to` names: a date is local midnight in the roster's zone. */
export function overrideInstant(text: string, zone: ZoneLike): Date {
  return text.length === 10 ? instantAt(text, 0, 0, zone) : new Date(text);
}

/** An override (or the part of it in one week) that breaks a hard rule: commands leave it out, lint reports it. */
export interface Rejection {
  override: number;
  week: number;
  message: string;
}

export interface OverlayFacts {
  people: ReadonlyMap<string, Person>;
  teamOf: (pipeline: string) => Team | undefined;
  pairing: boolean;
  zone: Zone;
  /** Working days among `days` that are holidays on the person's calendar. */
  holidayDays: (person: Person, days: readonly LocalDate[]) => number;
}

const overlaps = (a: { start: Date; end: Date }, start: Date, end: Date): boolean =>
  a.start.getTime() < end.getTime() && a.end.getTime() > start.getTime();

/** The local dates a time range touches, among the week's. */
export function daysTouched(week: Week, start: Date, end: Date, zone: Zone): LocalDate[] {
  const first = localDateOf(start, zone);
  const last = localDateOf(new Date(end.getTime() - 1), zone);
  return [...week.days, week.lastDay].filter((day, i, all) => all.indexOf(day) === i && day >= first && day <= last);
}

/**
 * The week's shifts with its overrides laid over them (in file order), and the overrides refused. `covered`
 * collects the overrides that covered some shift, so one that covers none anywhere can be named.
 */
export function overlayWeek(
  week: Week,
  planned: readonly Shift[],
  overrides: readonly TimedOverride[],
  facts: OverlayFacts,
  covered: Set<number>,
  /** A week of history: its published covers stand, and an override they already hold is theirs. */
  history = false,
): { shifts: Shift[]; rejected: Rejection[] } {
  let shifts = [...planned];
  const rejected: Rejection[] = [];
  for (const override of overrides) {
    if (!overlaps(week, override.start, override.end)) continue;
    const start = new Date(Math.max(override.start.getTime(), week.start.getTime()));
    const end = new Date(Math.min(override.end.getTime(), week.end.getTime()));
    const targets = shifts.filter(
      (shift) => shift.pipeline === override.pipeline && shift.role === override.role && overlaps(shift, start, end),
    );
    if (targets.length === 0) continue;
    covered.add(override.index);
    if (history && targets.every((shift) => shift.person === override.person)) continue;
    const problem = breaksRule(override, start, end, week, shifts, targets, facts);
    if (problem) {
      rejected.push({ override: override.index, week: week.index, message: problem });
      continue;
    }
    const person = facts.people.get(override.person)!;
    const next: Shift[] = [];
    for (const shift of shifts) {
      if (!targets.includes(shift)) {
        next.push(shift);
        continue;
      }
      const part = (from: Date, to: Date, holder: Person, cover?: Shift['override']): Shift => {
        const piece: Shift = {
          ...shift,
          person: holder.id,
          start: from,
          end: to,
          // Counted over the week's own seven days, as the whole shift's are (a part ending at the handover
          // touches the next week's first day).
          holidayDays: facts.holidayDays(
            holder,
            daysTouched(week, from, to, facts.zone).filter((day) => week.days.includes(day)),
          ),
        };
        if (cover) piece.override = cover;
        else delete piece.override;
        return piece;
      };
      const holder = facts.people.get(shift.person)!;
      const from = new Date(Math.max(shift.start.getTime(), start.getTime()));
      const to = new Date(Math.min(shift.end.getTime(), end.getTime()));
      if (shift.start < from) next.push(part(shift.start, from, holder, shift.override));
      next.push(
        part(from, to, person, {
          index: override.index,
          reason: override.reason,
          covers: shift.override?.covers ?? shift.person,
        }),
      );
      if (to < shift.end) next.push(part(to, shift.end, holder, shift.override));
    }
    shifts = next;
  }
  return { shifts, rejected };
}

/** The hard rule an override would break in this week, named, or undefined. */
function breaksRule(
  override: TimedOverride,
  start: Date,
  end: Date,
  week: Week,
  shifts: readonly Shift[],
  targets: readonly Shift[],
  facts: OverlayFacts,
): string | undefined {
  const who = override.person;
  const person = facts.people.get(who);
  if (!person) return `${who} is not one of the people in the roster`;
  const team = facts.teamOf(override.pipeline);
  if (!team?.members.includes(who))
    return `${who} is not in ${team?.name ?? 'the pipeline’s team'}, which covers ${override.pipeline}`;
  if (override.role === 'backup' && person.level !== 'senior')
    return `${who} is a junior: a backup is a senior (the rule that pairs juniors with seniors)`;
  const away = unavailableBetween(person, ...range(daysTouched(week, start, end, facts.zone)));
  if (away) return `${who} ${away}`;
  // A published cover of a week of history may be covered again; another override's part may not.
  const earlier = targets.find((shift) => shift.override && shift.override.index >= 0);
  if (earlier) return `it overlaps the override of entry ${earlier.override!.index + 1} for the same shift`;
  if (targets.every((shift) => shift.person === who)) return `${who} already holds that ${override.role} shift`;
  const other = shifts.find((shift) => shift.person === who && !targets.includes(shift) && overlaps(shift, start, end));
  if (other)
    return `${who} holds another shift then (${other.pipeline} ${other.role}): nobody holds two shifts at once`;
  if (override.role === 'primary' && facts.pairing && person.level === 'junior') {
    const backups = shifts.filter(
      (shift) => shift.pipeline === override.pipeline && shift.role === 'backup' && overlaps(shift, start, end),
    );
    if (backups.length === 0)
      return `${who} is a junior and that shift has no senior backup (its primary is a senior): a junior primary needs one`;
  }
  return undefined;
}

function range(days: readonly LocalDate[]): [LocalDate, LocalDate] {
  return [days[0]!, days[days.length - 1]!];
}
