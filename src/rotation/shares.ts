/**
 * Fair shares (docs/rotations.md, "Fairness, per team"): what each member of a team is owed, week by week, and the
 * covers that move a shift's time from one member to another. The fairness report measures against the same.
 */
import type { Person, Team } from '../model/roster.js';
import { shareOf, type Assignment, type Shift, type Tally } from './standing.js';

export type Tallies = ReadonlyMap<string, ReadonlyMap<string, Tally>>;

/**
 * Each slot of a team this week is owed equally to its members who could have taken it: free (`away` has no
 * reason for them), not shadowing, and not on call in another team (one shift a week each); each backup slot to
 * the seniors among them.
 */
export function oweWeek(
  tallies: Tallies,
  teams: Iterable<Team>,
  chosen: readonly Assignment[],
  away: ReadonlyMap<string, string | undefined>,
  people: ReadonlyMap<string, Person>,
): void {
  const onCallIn = new Map<string, string>();
  for (const { team, primary, backup } of chosen) {
    onCallIn.set(primary.id, team.name);
    if (backup) onCallIn.set(backup.id, team.name);
  }
  for (const team of teams) {
    const teamTally = tallies.get(team.name)!;
    const pool = team.members.filter(
      (id) => away.get(id) === undefined && (onCallIn.get(id) ?? team.name) === team.name,
    );
    const seniors = pool.filter((id) => people.get(id)!.level === 'senior');
    const primarySlots = chosen.filter((entry) => entry.team === team).length;
    const backupSlots = chosen.filter((entry) => entry.team === team && entry.backup).length;
    for (const id of pool) teamTally.get(id)!.expectedPrimary += primarySlots / pool.length;
    for (const id of seniors) teamTally.get(id)!.expectedBackup += backupSlots / seniors.length;
  }
}

/** A part an override gave someone counts toward them, and no longer toward whoever it covers. */
export function countCover(tallies: Tallies, shift: Shift): void {
  if (!shift.override) return;
  const share = shareOf(shift);
  const teamTally = tallies.get(shift.team)!;
  const key = shift.role === 'primary' ? 'primary' : 'backup';
  const given = teamTally.get(shift.override.covers);
  const taker = teamTally.get(shift.person);
  if (given) given[key] -= share;
  if (taker) taker[key] += share;
}
