/** The week's search: one primary per pipeline (and a senior beside a junior), nobody twice. */
import type { Pipeline } from '../model/pipeline.js';
import type { Team } from '../model/roster.js';
import { UncoverableWeek } from '../model/errors.js';
import type { Handover, Week } from './weeks.js';
import type { Assignment, Options } from './standing.js';

/** How many search steps one week may take before it is declared uncoverable. */
const SEARCH_BUDGET = 20_000;

/** Fills one week: one primary per active pipeline, a free senior beside each junior primary, nobody twice. */
export function assignWeek(
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

export function weekName(week: Week, handover: Handover): string {
  return `week of ${week.days[0]} (from ${handover.epoch === week.days[0] ? 'the first handover' : 'handover'} ${String(handover.hour).padStart(2, '0')}:${String(handover.minute).padStart(2, '0')} ${handover.timeZone})`;
}
