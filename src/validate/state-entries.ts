/**
 * The meaning of each entry of the state files, checked as strictly as the commands read them: an entry with
 * a problem here is left out by every command (with a line on stderr), and lint reports it at its line.
 * - lock-entry: a published shift or meeting names a rotation week, a pipeline and people that exist, and is
 *   the only entry for its shift or meeting;
 * - override-range: an override ends after it starts.
 */
import type { Loaded } from '../read/catalog.js';
import type { LoadedLock, Numbered } from '../model/catalog.js';
import type { Override } from '../model/overrides.js';
import type { Pipeline } from '../model/pipeline.js';
import type { Problem } from '../model/problem.js';
import type { Roster } from '../model/roster.js';
import { basename, extname } from 'node:path';
import { overrideInstant } from '../rotation/overlay.js';
import { handoverOf, PLAN_WEEKS, weekIndexAt, weekIndexOfDay } from '../rotation/weeks.js';
import { isTimeZone } from '../util/dates.js';
import { problemAt } from './context.js';

export interface StateFiles {
  pipelines: readonly Loaded<Pipeline>[];
  roster?: Loaded<Roster>;
  overrides?: Loaded<Numbered<Override>[]>;
  lock?: Loaded<LoadedLock>;
}

export function stateEntryProblems({ pipelines, roster, overrides, lock }: StateFiles): Problem[] {
  return [
    ...(lock ? lockEntries(lock, pipelines, roster) : []),
    ...(overrides ? overrideRanges(overrides, roster) : []),
  ];
}

function lockEntries(lock: Loaded<LoadedLock>, pipelines: readonly Loaded<Pipeline>[], roster?: Loaded<Roster>) {
  const problems: Problem[] = [];
  // Every pipeline file counts, a broken one too (its shifts are not wrong, its file is).
  const known = new Set(pipelines.flatMap((loaded) => [loaded.value.id, basename(loaded.file, extname(loaded.file))]));
  const people = roster ? new Set(roster.value.people.map((person) => person.id)) : undefined;
  const handover = roster?.value.rotation && isTimeZone(roster.value.timezone) ? handoverOf(roster.value) : undefined;
  const check = (list: 'shifts' | 'meetings', index: number, week: string, pipeline: string, persons: string[]) => {
    const scope = { entry: `${list}.${index}` };
    const at = (key: string | number, message: string, path: (string | number)[] = [list, index, key]) =>
      problems.push(problemAt(lock, path, 'lock-entry', message, { scope }));
    if (handover) {
      const weekIndex = weekIndexOfDay(handover, week);
      if (!Number.isInteger(weekIndex) || weekIndex < 0)
        at(
          'week',
          `${week} is not the first day of a rotation week (they start ${handover.epoch} and every 7 days): publish again rather than edit the lock`,
        );
      else if (weekIndex >= PLAN_WEEKS)
        at(
          'week',
          `${week} is more than ${PLAN_WEEKS / 52} years after the rotation starts (${handover.epoch}), the weeks runbook plans`,
        );
    }
    if (!known.has(pipeline)) at('pipeline', `no pipeline "${pipeline}" in the runbooks folder`);
    persons.forEach((person, i) => {
      if (people && !people.has(person))
        at(
          'person',
          `no person "${person}" in the roster`,
          list === 'meetings' ? [list, index, 'attendees', i] : [list, index, 'person'],
        );
    });
  };
  const seen = new Map<string, number>();
  for (const shift of lock.value.shifts) {
    check('shifts', shift.index, shift.week, shift.pipeline, [shift.person]);
    const key = `${shift.week} ${shift.pipeline} ${shift.role}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, shift.index);
    else
      problems.push(
        problemAt(
          lock,
          ['shifts', shift.index],
          'lock-entry',
          `a second entry for the ${shift.role} shift of ${shift.pipeline} in the week of ${shift.week} (the first is shift ${first + 1}): remove one, then publish again`,
          { scope: { entry: `shifts.${shift.index}` } },
        ),
      );
  }
  for (const meeting of lock.value.meetings) {
    check('meetings', meeting.index, meeting.week, meeting.pipeline, [...meeting.attendees]);
    const key = `meeting ${meeting.week} ${meeting.pipeline}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, meeting.index);
    else
      problems.push(
        problemAt(
          lock,
          ['meetings', meeting.index],
          'lock-entry',
          `a second entry for the ${meeting.pipeline} handover meeting in the week of ${meeting.week} (the first is meeting ${first + 1}): remove one`,
          { scope: { entry: `meetings.${meeting.index}` } },
        ),
      );
  }
  return problems;
}

/** override-range: `to` after `from` (dates are local midnight in the roster's zone). */
function overrideRanges(overrides: Loaded<Numbered<Override>[]>, roster?: Loaded<Roster>) {
  const zone = roster && isTimeZone(roster.value.timezone) ? roster.value.timezone : 'UTC';
  const handover = roster?.value.rotation && isTimeZone(roster.value.timezone) ? handoverOf(roster.value) : undefined;
  return overrides.value.flatMap((entry) => {
    const from = overrideInstant(entry.from, zone);
    const to = overrideInstant(entry.to, zone);
    if (handover && to.getTime() > from.getTime() && weekIndexAt(handover, to) >= PLAN_WEEKS)
      return [
        problemAt(
          overrides,
          [entry.index, 'to'],
          'override-range',
          `this override ends more than ${PLAN_WEEKS / 52} years after the rotation starts (${handover.epoch}), the weeks runbook plans`,
          { scope: { entry: String(entry.index) } },
        ),
      ];
    if (to.getTime() > from.getTime()) return [];
    return [
      problemAt(
        overrides,
        [entry.index, 'to'],
        'override-range',
        `this override ends (${entry.to}) ${to.getTime() === from.getTime() ? 'when' : 'before'} it starts (${entry.from}): \`to\` is exclusive and must come after \`from\``,
        { scope: { entry: String(entry.index) } },
      ),
    ];
  });
}
