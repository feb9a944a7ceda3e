/** The forecast: who sits out a week so that the public-holiday weeks of the round ahead fall evenly. */
import type { Person, Team } from '../model/roster.js';
import { compareText } from '../util/compare.js';
import { leastCostAssignment } from './assignment.js';
import type { Standing } from './standing.js';

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
export function heldBack(
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
