/** Ranking: the ways one slot of a team can be filled, best first (README, "Fair on-call rotations"). */
import type { Person, Team } from '../model/roster.js';
import { compareText } from '../util/compare.js';
import { heldBack } from './forecast.js';
import { compare, type Option, type Options, type Role, type Standing, type Tally } from './standing.js';

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
export function teamOptions(team: Team, tally: ReadonlyMap<string, Tally>, standing: Standing): Options {
  const { people, away, holiday, lastOnCall, index, needsBackup } = standing;
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
        !needsBackup(team, person) ||
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
    const backups = needsBackup(team, primary) ? bestBackups : [undefined];
    for (const backup of backups) {
      // A senior in their first week after shadowing is backed by another senior.
      if (backup === primary) continue;
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
    for (const primary of new Set(juniors))
      for (const backup of seniors) if (backup !== primary) yield { primary, backup };
  };
  return { best, rest: everyPairing };
}
