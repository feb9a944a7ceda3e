/** Published weeks: kept as published, history as it was, a broken shift repaired with the smallest change. */
import type { Pipeline } from '../model/pipeline.js';
import type { Person, Team } from '../model/roster.js';
import type { LockedShift, PublishedPart } from '../model/lock.js';
import { compareText } from '../util/compare.js';
import type { Assignment, Change, Options, Role, Shift, Standing } from './standing.js';

/** Who a week's published shifts of one pipeline went to. */
export type LockedPair = Partial<Record<Role, string>>;

/**
 * The lock's live entries (cancelled ones are no shifts) grouped by week (first day), then by `key` (an entry
 * without one is left out); `value` makes what the key holds from the entry and what it held before.
 */
function byWeek<V>(
  lock: readonly LockedShift[],
  key: (shift: LockedShift) => string | undefined,
  value: (shift: LockedShift, held: V | undefined) => V,
): Map<string, Map<string, V>> {
  const weeks = new Map<string, Map<string, V>>();
  for (const shift of lock) {
    const at = shift.cancelled ? undefined : key(shift);
    if (at === undefined) continue;
    let week = weeks.get(shift.week);
    if (!week) weeks.set(shift.week, (week = new Map<string, V>()));
    week.set(at, value(shift, week.get(at)));
  }
  return weeks;
}

/** The published shifts by week (first day), then pipeline: who held each role. */
export const lockedByWeek = (lock: readonly LockedShift[]): Map<string, Map<string, LockedPair>> =>
  byWeek<LockedPair>(
    lock,
    (shift) => (shift.role === 'shadow' ? undefined : shift.pipeline),
    (shift, held) => ({ ...held, [shift.role]: shift.person }),
  );

/** The covers each published shift recorded, by week (first day), then pipeline and role. */
export const coversByWeek = (lock: readonly LockedShift[]): Map<string, Map<string, PublishedPart[]>> =>
  byWeek(
    lock,
    (shift) => (shift.covered?.length ? `${shift.pipeline}\0${shift.role}` : undefined),
    (shift) => shift.covered!,
  );

/** The published shadow shifts by week (first day), then person: the pipeline each stood beside. */
export const shadowsByWeek = (lock: readonly LockedShift[]): Map<string, Map<string, string>> =>
  byWeek(
    lock,
    (shift) => (shift.role === 'shadow' ? shift.person : undefined),
    (shift) => shift.pipeline,
  );

/** A week of history: its published people for every pipeline still in the rotation, as they were. */
export function keepHistory(
  weekLock: ReadonlyMap<string, LockedPair>,
  active: readonly Pipeline[],
  teamOf: ReadonlyMap<string, Team>,
  people: ReadonlyMap<string, Person>,
  taken: Set<string>,
): Assignment[] {
  const kept: Assignment[] = [];
  for (const pipeline of active) {
    const team = teamOf.get(pipeline.id)!;
    // Someone no longer in the team (or the roster) cannot be counted in its tallies: that week is planned again.
    const member = (id: string | undefined) =>
      id !== undefined && team.members.includes(id) && !taken.has(id) ? people.get(id) : undefined;
    const entry = weekLock.get(pipeline.id);
    const primary = member(entry?.primary);
    if (!primary) continue;
    const backup = member(entry?.backup);
    taken.add(primary.id);
    if (backup) taken.add(backup.id);
    kept.push({ pipeline, team, primary, ...(backup ? { backup } : {}) });
  }
  return kept;
}

/**
 * A week of history's shifts split by the covers the lock recorded for them, as they were published (a cover
 * by someone no longer in the roster is left with the shift's holder).
 */
export function publishedCovers(
  shifts: readonly Shift[],
  covers: ReadonlyMap<string, PublishedPart[]> | undefined,
  holidaysOf: (person: string, start: Date, end: Date) => number | undefined,
): Shift[] {
  if (!covers) return [...shifts];
  return shifts.flatMap((shift) => {
    const parts = [...(covers.get(`${shift.pipeline}\0${shift.role}`) ?? [])]
      .filter((part) => holidaysOf(part.person, shift.start, shift.end) !== undefined)
      .sort((x, y) => (x.from < y.from ? -1 : 1));
    if (parts.length === 0) return [shift];
    const pieces: Shift[] = [];
    const piece = (person: string, from: Date, to: Date): Shift => ({
      ...shift,
      person,
      start: from,
      end: to,
      holidayDays: holidaysOf(person, from, to)!,
    });
    let at = shift.start;
    for (const part of parts) {
      const start = new Date(part.from);
      const end = new Date(part.to);
      if (start > at) pieces.push(piece(shift.person, at, start));
      pieces.push({
        ...piece(part.person, start, end),
        override: { index: -1, reason: part.reason ?? 'a published cover', covers: shift.person },
      });
      at = end;
    }
    if (at < shift.end) pieces.push(piece(shift.person, at, shift.end));
    return pieces;
  });
}

/**
 * The locked assignments of a week, kept where they still keep the hard rules; a locked person who no longer
 * can (away, left, out of the team) is replaced by the best-placed free teammate, preferring one that leaves
 * the rest of the week as it was (no backup to add or drop). `taken` collects who holds a kept shift.
 */
export function keepLocked(
  weekLock: ReadonlyMap<string, LockedPair>,
  active: readonly Pipeline[],
  teamOf: ReadonlyMap<string, Team>,
  options: ReadonlyMap<string, Options>,
  standing: Standing,
  taken: Set<string>,
  /** Who holds a published shift the week after: a replacement from them would be on call two weeks running. */
  onNext: ReadonlySet<string | undefined>,
): { fixed: Assignment[]; changes: Omit<Change, 'week'>[] } {
  const { people, away, pairing, needsBackup } = standing;
  const fixed: Assignment[] = [];
  const changes: Omit<Change, 'week'>[] = [];
  const activeIds = new Set(active.map((pipeline) => pipeline.id));
  for (const [pipelineId, entry] of [...weekLock].sort(([x], [y]) => compareText(x, y))) {
    if (activeIds.has(pipelineId)) continue;
    const reason = teamOf.has(pipelineId)
      ? `${pipelineId} has no shift that week (month-end weeks only)`
      : `${pipelineId} is no longer in the rotation`;
    for (const role of ['primary', 'backup'] as const) {
      const before = entry[role];
      if (before !== undefined) changes.push({ pipeline: pipelineId, role, before, after: null, reason });
    }
  }
  // Kept shifts first, so a replacement never takes someone a kept shift holds.
  const why = (id: string, team: Team): string | undefined => {
    if (!people.has(id)) return `${id} is no longer in the roster`;
    if (!team.members.includes(id)) return `${id} is no longer in ${team.name}`;
    const reason = away.get(id);
    return reason === undefined ? undefined : `${id} ${reason}`;
  };
  const locked = active.flatMap((pipeline) => {
    const entry = weekLock.get(pipeline.id);
    return entry?.primary === undefined ? [] : [{ pipeline, team: teamOf.get(pipeline.id)!, entry }];
  });
  for (const { entry, team } of locked) {
    for (const id of [entry.primary, entry.backup]) if (id !== undefined && why(id, team) === undefined) taken.add(id);
  }
  /** The locked backup, when they can still back up a primary other than `besides`. */
  const keptSenior = (id: string | undefined, team: Team, besides: string): Person | undefined => {
    if (id === undefined || why(id, team) !== undefined || id === besides) return undefined;
    const person = people.get(id)!;
    return person.level === 'senior' ? person : undefined;
  };
  for (const { pipeline, team, entry } of locked) {
    const { best, rest } = options.get(team.name)!;
    // This pipeline's changes count only once it is kept; one that no replacement can keep is planned afresh.
    const own: Omit<Change, 'week'>[] = [];
    const held: string[] = [];
    const brokenPrimary = why(entry.primary!, team);
    let primary = brokenPrimary === undefined ? people.get(entry.primary!)! : undefined;
    if (!primary) {
      const lockedBackup = keptSenior(entry.backup, team, entry.primary!);
      const candidates = [...new Set(best.map((option) => option.primary))]
        .filter((person) => !taken.has(person.id) && person.id !== entry.backup)
        .sort((x, y) => Number(onNext.has(x.id)) - Number(onNext.has(y.id)));
      // The smallest change: a replacement that keeps the week's backup as it is (needed, or not), else any.
      primary =
        candidates.find((person) => needsBackup(team, person) === (lockedBackup !== undefined)) ??
        candidates.find(
          (person) => !needsBackup(team, person) || seniorsFree(team, people, taken, away, person).length,
        );
      if (primary) {
        own.push({
          pipeline: pipeline.id,
          role: 'primary',
          before: entry.primary!,
          after: primary.id,
          reason: brokenPrimary!,
        });
        taken.add(primary.id);
        held.push(primary.id);
      }
    }
    let backup: Person | undefined;
    if (primary && needsBackup(team, primary)) {
      const besides = primary.id;
      backup = keptSenior(entry.backup, team, besides);
      if (!backup) {
        backup =
          [...best, ...rest()]
            .map((option) => option.backup)
            .find((senior) => senior !== undefined && !taken.has(senior.id) && senior.id !== besides) ??
          seniorsFree(team, people, taken, away, primary)[0];
        if (backup) {
          const reason =
            entry.backup === undefined
              ? primary.level === 'junior' && pairing
                ? `${besides} is a junior: a junior primary needs a senior backup`
                : `${besides}'s first primary week after shadowing has a senior backup`
              : (why(entry.backup, team) ?? `${entry.backup} cannot back up ${besides}`);
          own.push({ pipeline: pipeline.id, role: 'backup', before: entry.backup ?? null, after: backup.id, reason });
          taken.add(backup.id);
          held.push(backup.id);
        }
      }
    } else if (primary && entry.backup !== undefined) {
      own.push({
        pipeline: pipeline.id,
        role: 'backup',
        before: entry.backup,
        after: null,
        reason: pairing ? `no backup needed: ${primary.id} is a senior` : 'pairing is off',
      });
    }
    if (!primary || (needsBackup(team, primary) && !backup)) {
      // Nobody kept: whoever this pipeline's locked shifts held is free for the week's planning.
      for (const id of [...held, entry.primary, entry.backup]) if (id !== undefined) taken.delete(id);
      continue;
    }
    changes.push(...own);
    fixed.push({ pipeline, team, primary, ...(backup ? { backup } : {}) });
  }
  return { fixed, changes };
}

function seniorsFree(
  team: Team,
  people: ReadonlyMap<string, Person>,
  taken: ReadonlySet<string>,
  away: ReadonlyMap<string, string | undefined>,
  besides: Person,
): Person[] {
  return team.members
    .filter((id) => id !== besides.id && !taken.has(id) && away.get(id) === undefined)
    .map((id) => people.get(id)!)
    .filter((person) => person.level === 'senior');
}
