/**
 * The schedule against what was published (docs/state-files.md, "Calendars over time"): which shifts and
 * handover meetings changed since, what `--publish` records, what `--diff` shows (the same changes), and the
 * SEQUENCE and cancellations a calendar carries, so a client that re-imports it ends with exactly the current
 * events: once published, an event is emitted again, current or cancelled, in every calendar that carried it.
 */
import type { LockedMeeting, LockedShift, PublishedPart } from '../model/lock.js';
import type { LocalDate } from '../time/local.js';
import { checksum } from '../util/checksum.js';
import type { Change, Meeting, Role, Schedule, Shift } from './schedule.js';
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
  /** Its parts as last published (a cancelled shift keeps them: calendars go on cancelling them). */
  published: Part[];
  /** Parts published before that, gone or now someone else's. */
  retired: Part[];
  current: Shift[];
  /** The entry no longer matches the digest its revision was written with: edited by hand. */
  edited: boolean;
  /** Published and different now (or edited by hand): its revision goes up by one. */
  changed: boolean;
}

/** A handover meeting of one pipeline and week, as published and as it is now. */
export interface ComparedMeeting {
  pipeline: string;
  week: number;
  day: LocalDate;
  entry?: LockedMeeting;
  current?: Meeting;
  edited: boolean;
  changed: boolean;
}

export interface Comparison {
  shifts: Compared[];
  meetings: ComparedMeeting[];
}

/** What was published: the lock's shifts and meetings. */
export interface Published {
  shifts: readonly LockedShift[];
  meetings?: readonly LockedMeeting[];
}

const utcDay = (date: Date): string => date.toISOString().slice(0, 10);
const compact = (date: Date): string =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
const iso = (date: Date): string => date.toISOString().replace(/\.000Z$/, 'Z');

/** A stable event id: pipeline, role and week start; a later part of a split week adds its own start. */
function partUid(pipeline: string, role: string, weekStarts: Date, start: Date): string {
  const part = start.getTime() === weekStarts.getTime() ? '' : `-${compact(start)}`;
  return `${pipeline}-${role}-${utcDay(weekStarts)}${part}@runbook`;
}

export const shiftUid = (shift: Shift): string => partUid(shift.pipeline, shift.role, shift.weekStart, shift.start);

/** A handover meeting's id: its pipeline and handover day, wherever a holiday moves it. */
export const meetingUid = (pipeline: string, handoverDay: LocalDate): string =>
  `${pipeline}-handover-${handoverDay}@runbook`;

/** The digest a revision is written with: what it published, so a hand edit shows. */
function shiftSum(entry: Pick<LockedShift, 'person' | 'covered' | 'cancelled'>): string {
  const covered = (entry.covered ?? []).map((part) => `${part.from}/${part.to}/${part.person}`).join(',');
  return checksum(`${entry.person}|${covered}|${entry.cancelled ? 'cancelled' : ''}`);
}

function meetingSum(entry: Pick<LockedMeeting, 'from' | 'to' | 'attendees' | 'cancelled'>): string {
  return checksum(`${entry.from}|${entry.to}|${entry.attendees.join(',')}|${entry.cancelled ? 'cancelled' : ''}`);
}

const editedShift = (entry: LockedShift): boolean => entry.sum !== undefined && entry.sum !== shiftSum(entry);
const editedMeeting = (entry: LockedMeeting): boolean => entry.sum !== undefined && entry.sum !== meetingSum(entry);

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
  return pieces.map((piece) => asPart(entry, start, piece));
}

function asPart(
  entry: Pick<LockedShift, 'pipeline' | 'role'>,
  weekStarts: Date,
  piece: { person: string; start: Date; end: Date },
): Part {
  return {
    ...piece,
    uid: partUid(entry.pipeline, entry.role, weekStarts, piece.start),
    pipeline: entry.pipeline,
    role: entry.role,
  };
}

const sameParts = (published: readonly Part[], current: readonly Shift[]): boolean =>
  published.length === current.length &&
  published.every(
    (part, i) =>
      part.person === current[i]!.person &&
      part.start.getTime() === current[i]!.start.getTime() &&
      part.end.getTime() === current[i]!.end.getTime(),
  );

const byWeekThenName = <T extends { week: number; pipeline: string }>(x: T, y: T, role = 0): number =>
  x.week - y.week || (x.pipeline < y.pipeline ? -1 : x.pipeline > y.pipeline ? 1 : 0) || role;

/**
 * Every shift and meeting of the weeks `[from, to)` and every locked one, each with what was published of it.
 * `schedule` must reach the later of `to` and the lock's last week (later locked weeks are left out).
 */
export function compareWithLock(schedule: Schedule, lock: Published, from: number, to: number): Comparison {
  const { handover } = schedule;
  const groups = new Map<string, Compared>();
  const key = (pipeline: string, role: string, week: number) => `${week}\0${pipeline}\0${role}`;
  const inRange = (week: number) => Number.isInteger(week) && week >= 0 && week < schedule.weeks.length;
  const group = (pipeline: string, role: Role, week: number): Compared => {
    const k = key(pipeline, role, week);
    let found = groups.get(k);
    if (!found) {
      const day = schedule.weeks[week]?.days[0] ?? '';
      found = { pipeline, role, week, day, published: [], retired: [], current: [], edited: false, changed: false };
      groups.set(k, found);
    }
    return found;
  };
  for (const entry of lock.shifts) {
    const week = weekIndexOfDay(handover, entry.week);
    if (!inRange(week)) continue;
    const compared = group(entry.pipeline, entry.role, week);
    compared.entry = entry;
    compared.published = publishedParts(entry, handover, week);
    const starts = weekStart(handover, week);
    compared.retired = (entry.retired ?? []).map((part) =>
      asPart(entry, starts, { person: part.person, start: new Date(part.from), end: new Date(part.to) }),
    );
    compared.edited = editedShift(entry);
  }
  for (const shift of schedule.shifts)
    if ((shift.week >= from && shift.week < to) || groups.has(key(shift.pipeline, shift.role, shift.week)))
      group(shift.pipeline, shift.role, shift.week).current.push(shift);
  for (const compared of groups.values()) {
    const { entry } = compared;
    compared.current.sort((x, y) => x.start.getTime() - y.start.getTime());
    compared.changed =
      entry !== undefined &&
      (compared.edited ||
        (entry.cancelled ? compared.current.length > 0 : !sameParts(compared.published, compared.current)));
  }

  const meetings = new Map<string, ComparedMeeting>();
  const meeting = (pipeline: string, week: number): ComparedMeeting => {
    const k = `${week}\0${pipeline}`;
    let found = meetings.get(k);
    if (!found) {
      const day = schedule.weeks[week]?.days[0] ?? '';
      meetings.set(k, (found = { pipeline, week, day, edited: false, changed: false }));
    }
    return found;
  };
  for (const entry of lock.meetings ?? []) {
    const week = weekIndexOfDay(handover, entry.week);
    if (!inRange(week)) continue;
    const compared = meeting(entry.pipeline, week);
    compared.entry = entry;
    compared.edited = editedMeeting(entry);
  }
  for (const current of schedule.meetings)
    if ((current.week >= from && current.week < to) || meetings.has(`${current.week}\0${current.pipeline}`))
      meeting(current.pipeline, current.week).current = current;
  for (const compared of meetings.values()) {
    const { entry, current } = compared;
    compared.changed =
      entry !== undefined &&
      (compared.edited ||
        (entry.cancelled
          ? current !== undefined
          : current === undefined ||
            entry.from !== iso(current.start) ||
            entry.to !== iso(current.end) ||
            entry.attendees.join() !== current.attendees.join()));
  }
  return {
    shifts: [...groups.values()].sort((x, y) =>
      byWeekThenName(x, y, x.role === y.role ? 0 : x.role === 'primary' ? -1 : 1),
    ),
    meetings: [...meetings.values()].sort((x, y) => byWeekThenName(x, y)),
  };
}

/** The SEQUENCE of an event: its revision, one higher while it differs from what was published. */
export function sequenceOf(compared: { entry?: { revision: number }; changed: boolean }): number {
  const { entry } = compared;
  if (!entry) return 0;
  return compared.changed ? entry.revision + 1 : entry.revision;
}

/** Parts by (uid, person), later ones winning: a person's event once published. */
function uniqueParts(parts: readonly Part[]): Part[] {
  const byKey = new Map<string, Part>();
  for (const part of parts) byKey.set(`${part.uid}\0${part.person}`, part);
  return [...byKey.values()];
}

const toPublished = (part: Part): PublishedPart => ({ from: iso(part.start), to: iso(part.end), person: part.person });

/** The lock `--publish` writes: every compared shift and meeting recorded, with its revision; others kept. */
export function publishLock(comparison: Comparison, lock: Published): Required<Published> {
  const recorded = new Set<object>(
    comparison.shifts.map((entry) => entry.entry).filter((entry) => entry !== undefined),
  );
  const shifts: LockedShift[] = lock.shifts.filter((entry) => !recorded.has(entry));
  for (const item of comparison.shifts) {
    const revision = sequenceOf(item);
    const live = new Set(item.current.map((shift) => `${shiftUid(shift)}\0${shift.person}`));
    // Every part once published and no longer held by its person: calendars go on cancelling it.
    const gone = uniqueParts([...item.retired, ...(item.current.length ? item.published : [])]).filter(
      (part) => !live.has(`${part.uid}\0${part.person}`),
    );
    const retired = gone.length ? { retired: gone.map(toPublished) } : {};
    if (item.current.length === 0) {
      if (!item.entry) continue;
      const cancelled = { ...withoutSum(item.entry), ...retired, revision, cancelled: true as const };
      shifts.push({ ...cancelled, sum: shiftSum(cancelled) });
      continue;
    }
    const planned = item.current[0]!.override?.covers ?? item.current[0]!.person;
    const covered = item.current
      .filter((shift) => shift.override)
      .map((shift) => ({ ...toPublished(shiftPart(shift)), reason: shift.override!.reason }));
    const entry: LockedShift = {
      week: item.day,
      pipeline: item.pipeline,
      role: item.role,
      person: planned,
      revision,
      ...(covered.length ? { covered } : {}),
      ...retired,
    };
    shifts.push({ ...entry, sum: shiftSum(entry) });
  }
  const recordedMeetings = new Set<object>(
    comparison.meetings.map((entry) => entry.entry).filter((entry) => entry !== undefined),
  );
  const meetings: LockedMeeting[] = (lock.meetings ?? []).filter((entry) => !recordedMeetings.has(entry));
  for (const item of comparison.meetings) {
    const revision = sequenceOf(item);
    const { entry, current } = item;
    const was = new Set([...(entry?.was ?? []), ...(entry && !entry.cancelled ? entry.attendees : [])]);
    if (!current) {
      if (!entry) continue;
      const cancelled = { ...withoutSum(entry), revision, cancelled: true as const };
      meetings.push({ ...cancelled, sum: meetingSum(cancelled) });
      continue;
    }
    for (const person of current.attendees) was.delete(person);
    const recordedMeeting: LockedMeeting = {
      week: item.day,
      pipeline: item.pipeline,
      from: iso(current.start),
      to: iso(current.end),
      attendees: [...current.attendees],
      revision,
      ...(was.size ? { was: [...was].sort() } : {}),
    };
    meetings.push({ ...recordedMeeting, sum: meetingSum(recordedMeeting) });
  }
  const order = <T extends { week: string; pipeline: string }>(x: T, y: T, role = 0) =>
    (x.week < y.week ? -1 : x.week > y.week ? 1 : 0) ||
    (x.pipeline < y.pipeline ? -1 : x.pipeline > y.pipeline ? 1 : 0) ||
    role;
  return {
    shifts: shifts.sort((x, y) => order(x, y, x.role === y.role ? 0 : x.role === 'primary' ? -1 : 1)),
    meetings: meetings.sort((x, y) => order(x, y)),
  };
}

const shiftPart = (shift: Shift): Part => asPart(shift, shift.weekStart, shift);

/** An entry without its digest, which is written again for what it now holds. */
function withoutSum<T extends { sum?: string }>(entry: T): Omit<T, 'sum'> {
  const copy = { ...entry };
  delete copy.sum;
  return copy;
}

/** A change to a published shift or meeting as `rotate --diff` shows it, and `--publish` records it. */
export interface DiffEntry {
  week: LocalDate;
  pipeline: string;
  role: Role | 'handover';
  /** Who held it, in time order when overrides split it (`grace>dev>grace`); null when there was nobody. */
  before: string | null;
  after: string | null;
  reason: string;
}

const holders = (parts: readonly { person: string }[]): string | null =>
  parts.length === 0 ? null : parts.map((part) => part.person).join('>');

/**
 * What the next `--publish` changes in the published weeks, in week order: every changed shift and meeting,
 * each with the reason (the planner's repair, an override added or removed, a hand edit).
 */
export function lockChanges(comparison: Comparison, repairs: readonly Change[]): DiffEntry[] {
  const changes: DiffEntry[] = [];
  for (const item of comparison.shifts) {
    if (!item.changed) continue;
    const repair = repairs.find(
      (change) => change.week === item.week && change.pipeline === item.pipeline && change.role === item.role,
    );
    changes.push({
      week: item.day,
      pipeline: item.pipeline,
      role: item.role,
      before: item.entry?.cancelled ? null : holders(item.published),
      after: holders(item.current),
      reason: repair?.reason ?? shiftReason(item),
    });
  }
  for (const item of comparison.meetings) {
    if (!item.changed) continue;
    const { entry, current } = item;
    changes.push({
      week: item.day,
      pipeline: item.pipeline,
      role: 'handover',
      before: entry && !entry.cancelled ? entry.attendees.join('>') : null,
      after: current ? current.attendees.join('>') : null,
      reason: meetingReason(item),
    });
  }
  return changes.sort((x, y) => (x.week < y.week ? -1 : x.week > y.week ? 1 : 0));
}

function shiftReason(item: Compared): string {
  if (item.edited) return 'the lock was edited by hand: publishing records it with a higher revision (SEQUENCE)';
  if (item.current.length === 0) return `${item.pipeline} has no ${item.role} shift that week any more`;
  const was = new Set(item.published.map((part) => `${part.uid}\0${part.person}`));
  const now = new Set(item.current.map((shift) => `${shiftUid(shift)}\0${shift.person}`));
  const added = item.current.filter((shift) => shift.override && !was.has(`${shiftUid(shift)}\0${shift.person}`));
  const removed = item.published.filter(
    (part, i) => i > 0 && part.person !== item.published[0]!.person && !now.has(`${part.uid}\0${part.person}`),
  );
  const words = [
    ...added.map(
      (shift) =>
        `${shift.person} ${shift.start.getTime() === shift.weekStart.getTime() && shift.end.getTime() === shift.weekEnd.getTime() ? 'takes it' : 'covers part of it'} (override ${shift.override!.index + 1}: ${shift.override!.reason})`,
    ),
    ...removed.map((part) => `${part.person}'s cover was taken out of ${'overrides.yaml'}`),
  ];
  return words.length ? words.join('; ') : 'its parts changed: an override was added, changed or removed';
}

function meetingReason(item: ComparedMeeting): string {
  const { entry, current } = item;
  if (item.edited) return 'the lock was edited by hand: publishing records it with a higher revision (SEQUENCE)';
  if (!current) return 'no handover that week any more';
  if (!entry || entry.cancelled) return 'a handover again that week';
  if (entry.attendees.join() !== current.attendees.join()) return 'the primaries handing over changed';
  return `moved from ${entry.from} to ${iso(current.start)}: a holiday of an attendee on the handover day, or the meeting's length`;
}

/**
 * The published shift parts a calendar must carry as cancelled: for everyone's calendar, each one whose event
 * no longer exists; for one person's, each one of theirs that is no longer theirs (gone, or someone else's).
 */
export function cancelledParts(comparison: Comparison, person?: string): { part: Part; week: number }[] {
  const out: { part: Part; week: number }[] = [];
  for (const item of comparison.shifts) {
    const live = new Set(
      item.current.filter((shift) => person === undefined || shift.person === person).map((shift) => shiftUid(shift)),
    );
    const candidates = new Map<string, Part>();
    // Retired first, so the version last published wins.
    for (const part of [...item.retired, ...item.published])
      if (person === undefined || part.person === person) candidates.set(part.uid, part);
    for (const part of candidates.values()) if (!live.has(part.uid)) out.push({ part, week: item.week });
  }
  return out;
}

/**
 * The published handover meetings a calendar must carry as cancelled (for one person: those no longer theirs),
 * each as it now stands: the meeting that still happens without them, or the one last published.
 */
export function cancelledMeetings(
  comparison: Comparison,
  person?: string,
): {
  meeting: { pipeline: string; day: LocalDate; start: Date; end: Date; attendees: readonly string[] };
  sequence: number;
}[] {
  return comparison.meetings.flatMap((item) => {
    const { entry, current } = item;
    if (!entry) return [];
    const had = person === undefined || entry.attendees.includes(person) || (entry.was ?? []).includes(person);
    const has = current !== undefined && (person === undefined || current.attendees.includes(person));
    if (!had || has) return [];
    const meeting = current
      ? { pipeline: item.pipeline, day: item.day, start: current.start, end: current.end, attendees: current.attendees }
      : {
          pipeline: item.pipeline,
          day: item.day,
          start: new Date(entry.from),
          end: new Date(entry.to),
          attendees: entry.attendees,
        };
    return [{ meeting, sequence: sequenceOf(item) }];
  });
}

/** Whether the lock holds a pipeline's role in a week, as published (a cancelled entry is not). */
export type IsPublished = (week: number, pipeline: string, role: Role) => boolean;

export function publishedShifts(lock: readonly LockedShift[], handover: Handover): IsPublished {
  const held = new Set(
    lock
      .filter((entry) => !entry.cancelled)
      .map((entry) => `${weekIndexOfDay(handover, entry.week)}\0${entry.pipeline}\0${entry.role}`),
  );
  return (week, pipeline, role) => held.has(`${week}\0${pipeline}\0${role}`);
}
