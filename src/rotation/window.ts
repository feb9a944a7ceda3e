/**
 * The part of a rotation a command shows: which weeks (from `--start`, snapped back to its handover, or the
 * current week) and which pipelines. Pure: always planned from the epoch, so the same inputs give the same
 * weeks however many are asked for (prefix stability).
 */
import type { LocalDate } from '../time/local.js';
import { burdenCounter } from './burden.js';
import { fairnessReport, type FairnessReport } from './report.js';
import { buildSchedule, type Gap, type RotationInput, type Schedule } from './schedule.js';
import { handoverOf, LOOKAHEAD_WEEKS, weekIndexAt, weekOfDay, type Week } from './weeks.js';
import { weeksToCover } from './cover.js';
import {
  compareWithLock,
  lockChanges,
  publishLock,
  type Comparison,
  type DiffEntry,
  type Published,
} from './published.js';

/**
 * The index of the first week shown: the week holding `start` at its handover time, else the week holding
 * `now`. A start from `rotation.start` on is never before the first week (the first handover may come a few
 * days after `rotation.start`); a start before `rotation.start` gives a negative index.
 */
export function firstWeekShown(input: RotationInput, start: LocalDate | undefined, now: Date): number {
  const handover = handoverOf(input.roster, input.calendar.offsets);
  if (start === undefined) return Math.max(0, weekIndexAt(handover, now));
  const index = weekOfDay(handover, start);
  return start >= input.roster.rotation!.start ? Math.max(0, index) : Math.min(index, -1);
}

export interface RotationWindow {
  /** The schedule with only the shifts and meetings shown. */
  view: Schedule;
  /** The same, narrowed to one person's shifts and meetings when one is asked for. */
  personal: Schedule;
  /** One person's shifts with the other half of each pairing (for the table), or the whole view. */
  shared: Schedule;
  weeks: Week[];
  /** The fairness report: per person (just the one asked for, if any) and per team. */
  report: FairnessReport;
  /** The first week in the window that no one can take for a pipeline shown, if any. */
  gap?: Gap;
  /** The shifts and meetings shown against what was published (the calendar's SEQUENCE and cancellations). */
  published: () => Comparison;
}

export function rotationWindow(
  input: RotationInput,
  first: number,
  count: number,
  pipelines?: readonly string[],
  person?: string,
): RotationWindow {
  const schedule = buildSchedule(input, first + count);
  const shown = (entry: { pipeline: string; week: number }) =>
    entry.week >= first && (!pipelines || pipelines.includes(entry.pipeline));
  const view = { ...schedule, shifts: schedule.shifts.filter(shown), meetings: schedule.meetings.filter(shown) };
  const gap = schedule.gaps.find(shown);
  const personal =
    person === undefined
      ? view
      : {
          ...view,
          shifts: view.shifts.filter((shift) => shift.person === person),
          meetings: view.meetings.filter((meeting) => meeting.attendees.includes(person)),
        };
  // The person's shifts with whoever shares each (the backup beside them, the primary they back up).
  const theirs = new Set(personal.shifts.map((shift) => `${shift.pipeline}@${shift.week}`));
  const shared =
    person === undefined
      ? view
      : { ...personal, shifts: view.shifts.filter((shift) => theirs.has(`${shift.pipeline}@${shift.week}`)) };
  const inWindow = (entry: { pipeline: string; week: number }) => shown(entry) && entry.week < first + count;
  const published = () => {
    const comparison = compareWithLock(schedule, lockOf(input), first, first + count);
    return { shifts: comparison.shifts.filter(inWindow), meetings: comparison.meetings.filter(inWindow) };
  };
  return {
    view,
    personal,
    shared,
    weeks: schedule.weeks.slice(first),
    // Worked out only when asked for (--report, --json): the hours of every shift part cost a little.
    get report() {
      return forPerson(
        fairnessReport(view, input.roster, first, burdenCounter(input.roster, input.calendar, input.holidays)),
        person,
      );
    },
    ...(gap ? { gap } : {}),
    published,
  };
}

/** What was published, as the comparison reads it. */
const lockOf = (input: RotationInput): Published => ({
  shifts: input.lock ?? [],
  meetings: input.lockedMeetings ?? [],
});

/**
 * The weeks from `first` that a view of the schedule as a whole covers unless told otherwise (the site, the export
 * to a paging tool): the look-ahead lint checks, or through the last published week when that is further.
 */
export function weeksAhead(input: RotationInput, first: number): number {
  return Math.max(LOOKAHEAD_WEEKS, lockEnd(input) + 1 - first);
}

/** The last week the lock holds (-1 without one). */
function lockEnd(input: RotationInput): number {
  return weeksToCover(handoverOf(input.roster, input.calendar.offsets), input.calendar, input.lock) - 1;
}

/**
 * What `rotate --publish` records: the shifts of the weeks `[first, first + count)` and every week already
 * locked (with their repairs), each with its revision; and the first week no one can take, if any.
 */
export function publishWindow(
  input: RotationInput,
  first: number,
  count: number,
): { lock: Required<Published>; compared: Comparison; changes: DiffEntry[]; weeks: Week[]; gap?: Gap } {
  const schedule = buildSchedule(input, Math.max(first + count, lockEnd(input) + 1));
  const compared = compareWithLock(schedule, lockOf(input), first, first + count);
  const gap = schedule.gaps.find((entry) => entry.week >= first);
  return {
    lock: publishLock(compared, lockOf(input)),
    compared,
    changes: lockChanges(compared, schedule.repairs),
    weeks: schedule.weeks,
    ...(gap ? { gap } : {}),
  };
}

/** What the next `--publish` changes in the published weeks (`rotate --diff`), in week order. */
export function diffWindow(input: RotationInput): DiffEntry[] {
  const end = lockEnd(input);
  if (end < 0) return [];
  const schedule = buildSchedule(input, end + 1);
  return lockChanges(compareWithLock(schedule, lockOf(input), 0, 0), schedule.repairs);
}

/** One person's rows of the report (the team spreads stay: they are what that person's counts are read against). */
function forPerson(report: FairnessReport, person: string | undefined): FairnessReport {
  return person === undefined
    ? report
    : { ...report, people: report.people.filter((entry) => entry.person === person) };
}
