/**
 * Burden over any period, past included (docs/rotations.md, "History"): every shift part of the final schedule
 * (plan, lock and overrides; the weeks that ended as the lock published them) clipped to the period and counted in
 * hours by kind. A part of a week the lock holds is `published`, any other `planned`. Pure: no clock, no I/O.
 */
import type { Person, Roster } from '../model/roster.js';
import { addHours, HOUR_KINDS, noHours, type BurdenOf, type Hours } from './burden.js';
import { isOnCall, type Schedule } from './schedule.js';
import { twoPlaces as round } from '../util/round.js';
import type { IsPublished } from './published.js';

export type Source = 'published' | 'planned';

export interface BurdenRow {
  person: string;
  name: string;
  source: Source;
  /** Shares of weeks held in the period, per role (a part of a week counts as that share). */
  primary: number;
  backup: number;
  hours: Hours;
  total: number;
  /** With the roster's `pay:` rules: the amount, in its currency, and the rule that produced it. */
  amount?: number;
  rule?: string;
}

export interface HistoryFilter {
  person?: string;
  /** Only shifts of this team's pipelines (and so its members). */
  team?: string;
  pipeline?: string;
}

/**
 * One row per person and source with any time on call in `[from, to)`, in roster order, `published` first.
 * `published(week, pipeline, role)` says whether the lock holds that shift.
 */
export function burdenRows(
  schedule: Schedule,
  roster: Roster,
  from: Date,
  to: Date,
  burden: BurdenOf,
  published: IsPublished,
  filter: HistoryFilter = {},
  /** Rounded to two places for people to read; unrounded for sums made from the rows (pay). */
  rounded = true,
): BurdenRow[] {
  const people = new Map(roster.people.map((person) => [person.id, person]));
  const rows = new Map<string, BurdenRow>();
  for (const shift of schedule.shifts.filter(isOnCall)) {
    if (filter.person !== undefined && shift.person !== filter.person) continue;
    if (filter.team !== undefined && shift.team !== filter.team) continue;
    if (filter.pipeline !== undefined && shift.pipeline !== filter.pipeline) continue;
    const start = new Date(Math.max(shift.start.getTime(), from.getTime()));
    const end = new Date(Math.min(shift.end.getTime(), to.getTime()));
    if (end <= start) continue;
    const person: Person | undefined = people.get(shift.person);
    if (!person) continue;
    const source: Source = published(shift.week, shift.pipeline, shift.role) ? 'published' : 'planned';
    const key = `${person.id}\0${source}`;
    let row = rows.get(key);
    if (!row) {
      row = { person: person.id, name: person.name, source, primary: 0, backup: 0, hours: noHours(), total: 0 };
      rows.set(key, row);
    }
    row[shift.role] += (end.getTime() - start.getTime()) / (shift.weekEnd.getTime() - shift.weekStart.getTime());
    addHours(row.hours, burden(person, start, end));
  }
  return finished([...rows.values()], roster, rounded);
}

/** Rows of consecutive periods (months, say) added up into one row per person and source, rounded to two places. */
export function sumRows(parts: readonly (readonly BurdenRow[])[], roster: Roster): BurdenRow[] {
  const rows = new Map<string, BurdenRow>();
  for (const row of parts.flat()) {
    const key = `${row.person}\0${row.source}`;
    const held = rows.get(key);
    if (!held) rows.set(key, { ...row, hours: addHours(noHours(), row.hours) });
    else {
      held.primary += row.primary;
      held.backup += row.backup;
      addHours(held.hours, row.hours);
    }
  }
  return finished([...rows.values()], roster, true);
}

/** Totals worked out (rounded, or not), in roster order, `published` before `planned`. */
function finished(rows: BurdenRow[], roster: Roster, rounded: boolean): BurdenRow[] {
  const keep = rounded ? round : (value: number) => value;
  const order = new Map(roster.people.map((person, index) => [person.id, index]));
  return rows
    .map((row) => {
      for (const kind of HOUR_KINDS) row.hours[kind] = keep(row.hours[kind]);
      const total = keep(HOUR_KINDS.reduce((sum, kind) => sum + row.hours[kind], 0));
      return { ...row, primary: keep(row.primary), backup: keep(row.backup), total };
    })
    .sort(
      (x, y) =>
        order.get(x.person)! - order.get(y.person)! || (x.source === y.source ? 0 : x.source === 'published' ? -1 : 1),
    );
}
