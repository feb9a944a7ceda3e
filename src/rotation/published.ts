/**
 * The schedule against what was published (SPEC 2.8, 7.2): which shifts changed since, what `--publish`
 * records, what `--diff` shows, and the SEQUENCE and cancellations a calendar carries.
 */
import type { LockedShift } from '../model/lock.js';
import type { LocalDate } from '../sla/local.js';
import type { Change, Role, Schedule, Shift } from './schedule.js';
import { weekIndexOfDay, weekStart, type Handover } from './weeks.js';

/** One calendar event's worth of a shift: the whole week, or a part an override split off. */
export interface Part {
  uid: string;
  pipeline: string;
  role: Role;
  person: string;
  start: Date;
  end: Date;
}

/** A shift of one pipeline, role and week, as published and as it is now. */
export interface Compared {
  pipeline: string;
  role: Role;
  week: number;
  day: LocalDate;
  entry?: LockedShift;
  published: Part[];
  current: Shift[];
  /** Published and different now (or cancelled): its revision goes up by one. */
  changed: boolean;
}

const utcDay = (date: Date): string => date.toISOString().slice(0, 10);
const compact = (date: Date): string =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/** A stable event id: pipeline, role and week start; a later part of a split week adds its own start. */
export function partUid(pipeline: string, role: string, weekStarts: Date, start: Date): string {
  const part = start.getTime() === weekStarts.getTime() ? '' : `-${compact(start)}`;
  return `${pipeline}-${role}-${utcDay(weekStarts)}${part}@runbook`;
}

export const shiftUid = (shift: Shift): string => partUid(shift.pipeline, shift.role, shift.weekStart, shift.start);

/** The parts of a locked shift as published: its week, split where overrides gave parts to others. */
function publishedParts(entry: LockedShift, handover: Handover, week: number): Part[] {
  const start = weekStart(handover, week);
  const end = weekStart(handover, week + 1);
  const covered = [...(entry.covered ?? [])]
    .map((part) => ({ person: part.person, start: new Date(part.from), end: new Date(part.to) }))
    .sort((x, y) => x.start.getTime() - y.start.getTime());
  const pieces: { person: string; start: Date; end: Date }[] = [];
  let at = start;
  for (const part of covered) {
    if (part.start > at) pieces.push({ person: entry.person, start: at, end: part.start });
    pieces.push(part);
    at = part.end;
  }
  if (at < end) pieces.push({ person: entry.person, start: at, end });
  return pieces.map((piece) => ({
    ...piece,
    uid: partUid(entry.pipeline, entry.role, start, piece.start),
    pipeline: entry.pipeline,
    role: entry.role,
  }));
}

const sameParts = (published: readonly Part[], current: readonly Shift[]): boolean =>
  published.length === current.length &&
  published.every(
    (part, i) =>
      part.person === current[i]!.person &&
      part.start.getTime() === current[i]!.start.getTime() &&
      part.end.getTime() === current[i]!.end.getTime(),
  );

/**
 * Every shift of the weeks `[from, to)` and every locked one, each with what was published of it. `schedule`
 * must reach the later of `to` and the lock's last week.
 */
export function compareWithLock(
  schedule: Schedule,
  lock: readonly LockedShift[],
  from: number,
  to: number,
): Compared[] {
  const { handover } = schedule;
  const groups = new Map<string, Compared>();
  const key = (pipeline: string, role: string, week: number) => `${week}\0${pipeline}\0${role}`;
  const group = (pipeline: string, role: Role, week: number): Compared => {
    const k = key(pipeline, role, week);
    let found = groups.get(k);
    if (!found) {
      const day = schedule.weeks[week]?.days[0] ?? '';
      groups.set(k, (found = { pipeline, role, week, day, published: [], current: [], changed: false }));
    }
    return found;
  };
  for (const entry of lock) {
    const week = weekIndexOfDay(handover, entry.week);
    if (!Number.isInteger(week) || week < 0 || week >= schedule.weeks.length) continue;
    const compared = group(entry.pipeline, entry.role, week);
    compared.entry = entry;
    // A cancelled shift keeps its parts: calendars go on cancelling them.
    compared.published = publishedParts(entry, handover, week);
  }
  for (const shift of schedule.shifts)
    if ((shift.week >= from && shift.week < to) || groups.has(key(shift.pipeline, shift.role, shift.week)))
      group(shift.pipeline, shift.role, shift.week).current.push(shift);
  for (const compared of groups.values()) {
    const { entry } = compared;
    compared.changed =
      entry !== undefined &&
      (entry.cancelled ? compared.current.length > 0 : !sameParts(compared.published, compared.current));
  }
  return [...groups.values()].sort(
    (x, y) =>
      x.week - y.week ||
      (x.pipeline < y.pipeline ? -1 : x.pipeline > y.pipeline ? 1 : 0) ||
      (x.role === y.role ? 0 : x.role === 'primary' ? -1 : 1),
  );
}

/** The SEQUENCE of a shift's events: its revision, one higher while it differs from what was published. */
export function sequenceOf(compared: Compared): number {
  const { entry } = compared;
  if (!entry) return 0;
  if (entry.cancelled) return compared.current.length > 0 ? entry.revision + 1 : entry.revision;
  return compared.changed ? entry.revision + 1 : entry.revision;
}

/** The lock `--publish` writes: every compared shift recorded, with its revision; others kept as they were. */
export function publishLock(compared: readonly Compared[], lock: readonly LockedShift[]): LockedShift[] {
  const recorded = new Set(compared.map((entry) => entry.entry).filter((entry) => entry !== undefined));
  const shifts: LockedShift[] = lock.filter((entry) => !recorded.has(entry));
  for (const item of compared) {
    const revision = sequenceOf(item);
    if (item.current.length === 0) {
      if (item.entry) shifts.push({ ...item.entry, revision, cancelled: true });
      continue;
    }
    const planned = item.current[0]!.override?.covers ?? item.current[0]!.person;
    const covered = item.current
      .filter((shift) => shift.override)
      .map((shift) => ({ from: shift.start.toISOString(), to: shift.end.toISOString(), person: shift.person }));
    shifts.push({
      week: item.day,
      pipeline: item.pipeline,
      role: item.role,
      person: planned,
      revision,
      ...(covered.length ? { covered } : {}),
    });
  }
  return shifts.sort(
    (x, y) =>
      (x.week < y.week ? -1 : x.week > y.week ? 1 : 0) ||
      (x.pipeline < y.pipeline ? -1 : x.pipeline > y.pipeline ? 1 : 0) ||
      (x.role === y.role ? 0 : x.role === 'primary' ? -1 : 1),
  );
}

/** A change to a published shift as `rotate --diff` shows it: its week by its first day. */
export type DiffEntry = Omit<Change, 'week'> & { week: LocalDate };

/** What `rotate --diff` shows: the changes regenerating makes to the published shifts, by week. */
export function lockChanges(schedule: Schedule): DiffEntry[] {
  return schedule.repairs.map(({ week, pipeline, role, before, after, reason }) => ({
    week: schedule.weeks[week]!.days[0]!,
    pipeline,
    role,
    before,
    after,
    reason,
  }));
}
